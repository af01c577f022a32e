import { createHash } from "node:crypto";

/**
 * The id of the ACTION_UNDELIVERED alert raised for an action: derived from
 * the action id, so a redelivered failure raises the same alert, and an
 * evidence export (issue 20) finds an action's delivery failure by its id.
 */
export function undeliveredAlertId(actionId: string): string {
  return `undelivered-${createHash("sha256").update(actionId).digest("hex").slice(0, 32)}`;
}
