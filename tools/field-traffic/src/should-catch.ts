/**
 * The threat model's rule ("When a platform should catch it", §3): count the tells an attack
 * carries, then should catch when share ≥ 0.10 with ≥ 2 tells, or share ≥ 0.05 with ≥ 3.
 * Pure so the rule can be checked on hand-made parameter sets.
 */
export type AttackKind = "FAKE_VIEWS" | "FAKE_LIKES" | "FAKE_FOLLOWS" | "FAKE_ORDERS";

export interface TellInputs {
  kind: AttackKind;
  /** Realised share of the room's activity of this kind during the attack. */
  share: number;
  freshShare: number;
  maxPerDevice: number;
  /** Accounts per /24 (the most crowded one). */
  maxPerPrefix: number;
  timing: "fixed" | "jittered";
  ramp: "sudden" | "gradual";
  // views
  method?: "hanging" | "ghost";
  // likes
  tapsPerSecond?: number;
  channel?: "app_ui" | "api_script";
  joinFirst?: number;
  // follows
  withoutJoin?: number;
  watchBeforeS?: number;
  // orders
  buyersPerPayment?: number;
  buyersPerAddress?: number;
  refundRate?: number;
  cancelRate?: number;
  noActivity?: number;
  lowValue?: boolean;
  skus?: number;
}

/** The tells, each named as in the threat model, in a stable order. */
export function tells(x: TellInputs): string[] {
  const out: string[] = [];
  if (x.freshShare >= 0.5) out.push("fresh");
  if (x.maxPerDevice >= 3) out.push("device");
  if (x.maxPerPrefix >= 10) out.push("prefix");
  if (x.timing === "fixed") out.push("fixed_timing");
  if (x.ramp === "sudden" && x.share >= 0.3) out.push("sudden_ramp");
  switch (x.kind) {
    case "FAKE_VIEWS":
      if (x.method === "ghost") out.push("ghost_dwell");
      break;
    case "FAKE_LIKES":
      if ((x.tapsPerSecond ?? 0) > 15) out.push("superhuman_rate");
      if (x.channel === "api_script") out.push("api_counts");
      if ((x.joinFirst ?? 1) < 0.5) out.push("likes_without_join");
      break;
    case "FAKE_FOLLOWS":
      if ((x.withoutJoin ?? 0) >= 0.5) out.push("follows_without_join");
      if ((x.watchBeforeS ?? Infinity) < 10) out.push("follow_within_seconds");
      break;
    case "FAKE_ORDERS":
      if ((x.buyersPerPayment ?? 1) >= 3) out.push("shared_payment");
      if ((x.buyersPerAddress ?? 1) >= 3) out.push("shared_address");
      if ((x.refundRate ?? 0) >= 0.4 || ((x.cancelRate ?? 0) >= 0.4 && (x.refundRate ?? 0) > 0)) out.push("refund_cancel");
      if ((x.noActivity ?? 0) >= 0.7) out.push("no_other_activity");
      if (x.lowValue === true && x.skus === 1) out.push("low_value_single_sku");
      break;
  }
  return out;
}

export function shouldCatch(share: number, tellCount: number): boolean {
  return (share >= 0.1 && tellCount >= 2) || (share >= 0.05 && tellCount >= 3);
}
