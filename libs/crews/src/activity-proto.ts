/**
 * `AccountActivity` between this lib's plain record and the wire message of
 * `risk.account-activity` (proto/redline/v1/crews.proto). Kinds map one to
 * one; an UNSPECIFIED (or unknown) kind is refused, naming the record.
 */
import { ActivityKind as WireKind, type AccountActivity as WireActivity } from "@redline/proto";
import { type AccountActivity, type ActivityKind, validateActivity } from "./activity";
import { InvalidActivityError } from "./errors";

const TO_WIRE: Readonly<Record<ActivityKind, WireKind>> = {
  join: WireKind.ACTIVITY_KIND_JOIN,
  leave: WireKind.ACTIVITY_KIND_LEAVE,
  like: WireKind.ACTIVITY_KIND_LIKE,
  follow: WireKind.ACTIVITY_KIND_FOLLOW,
  comment: WireKind.ACTIVITY_KIND_COMMENT,
  order: WireKind.ACTIVITY_KIND_ORDER,
  payment: WireKind.ACTIVITY_KIND_PAYMENT,
  refund: WireKind.ACTIVITY_KIND_REFUND,
  tip: WireKind.ACTIVITY_KIND_TIP,
};
const FROM_WIRE = new Map<WireKind, ActivityKind>(Object.entries(TO_WIRE).map(([k, v]) => [v, k as ActivityKind]));

export function activityToWire(a: AccountActivity, platform = ""): WireActivity {
  return { ...a, kind: TO_WIRE[a.kind], platform };
}

/** The plain record of a wire message; throws `InvalidActivityError` when it is not one the detector can use. */
export function activityFromWire(w: WireActivity): AccountActivity {
  const kind = FROM_WIRE.get(w.kind);
  if (kind === undefined) throw new InvalidActivityError("kind", `must be a known ActivityKind, got ${String(w.kind)}`, w.eventId);
  const { platform: _platform, ...rest } = w;
  const activity: AccountActivity = { ...rest, kind };
  validateActivity(activity);
  return activity;
}
