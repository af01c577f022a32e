import type { ArchivedAction } from "./evidence-source";

/**
 * What a bundle says became of an action, from what the archive holds:
 * - `DELIVERED`: the platform acknowledged it (an APPLIED or DUPLICATE outcome);
 * - `REJECTED`: the platform refused it, and never acknowledged it;
 * - `UNDELIVERED`: the dispatcher gave up (a FAILED outcome, or only the ACTION_UNDELIVERED alert of an
 *   archive from before outcomes were kept);
 * - `SHADOW_NOT_SENT`: a candidate policy's action, never sent;
 * - `NO_OUTCOME_RECORDED`: none of these (still in delivery, the dispatcher behind, or archived before outcomes).
 */
export type DeliveryStatus = "DELIVERED" | "REJECTED" | "UNDELIVERED" | "SHADOW_NOT_SENT" | "NO_OUTCOME_RECORDED";

const ACKNOWLEDGED = new Set(["DELIVERY_RESULT_APPLIED", "DELIVERY_RESULT_DUPLICATE"]);

export function deliveryStatus(action: Pick<ArchivedAction, "shadow" | "outcomes" | "undeliveredAlertJson">): DeliveryStatus {
  if (action.shadow === true) return "SHADOW_NOT_SENT";
  const outcomes = action.outcomes ?? [];
  // Any acknowledgement settles it: a later DUPLICATE or a failed re-send after a crash does not undo an apply.
  if (outcomes.some((o) => ACKNOWLEDGED.has(o.result))) return "DELIVERED";
  const last = outcomes.reduce<(typeof outcomes)[number] | undefined>((l, o) => (l === undefined || o.finishedAtMs >= l.finishedAtMs ? o : l), undefined);
  if (last?.result === "DELIVERY_RESULT_REJECTED") return "REJECTED";
  if (last?.result === "DELIVERY_RESULT_FAILED" || action.undeliveredAlertJson !== undefined) return "UNDELIVERED";
  return "NO_OUTCOME_RECORDED";
}
