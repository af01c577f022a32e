import { actionKindToJSON, ApplyStatus, riskCategoryToJSON, type ControlAction } from "@redline/proto";
import type { RecordedCall } from "./recording-control-plane";

const short = (name: string, prefix: string): string => (name.startsWith(prefix) ? name.slice(prefix.length) : name);

/** What the platform did with one call, as the demo's log says it. */
function outcomeOf(call: Pick<RecordedCall, "status">): string {
  switch (call.status) {
    case ApplyStatus.APPLY_STATUS_APPLIED:
      return "APPLIED";
    case ApplyStatus.APPLY_STATUS_DUPLICATE:
      return "REPEAT (already applied, no second effect)";
    case ApplyStatus.APPLY_STATUS_REJECTED:
      return "REJECTED";
    default:
      return "FAILED";
  }
}

/**
 * One readable line per Apply call, for the demo platform's console: every
 * call, repeats included, with the action's id, so a user can check from the
 * log that a retried or re-read action had one effect (issue 17).
 */
export function formatAction(call: Pick<RecordedCall, "action" | "status">): string {
  const action: ControlAction = call.action;
  const when = new Date(action.issuedAtMs).toISOString();
  const kind = short(actionKindToJSON(action.kind), "ACTION_KIND_");
  const category = short(riskCategoryToJSON(action.category), "RISK_CATEGORY_");
  const params = Object.entries(action.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  const target = action.targetUserId ? ` target=${action.targetUserId}` : "";
  return (
    `${when} APPLY ${kind.padEnd(18)} id=${action.actionId} ${outcomeOf(call)} room=${action.roomId}${target} ` +
    `${category}/${action.subcategory}${params ? ` ${params}` : ""}${action.shadow ? " (shadow)" : ""}`
  );
}
