import type { Params } from "./attack-common";
import type { AdversaryLabel } from "./types";

const num = (p: Params, key: string): number => Number(p[key] ?? 0);

/** Identity and timing tells any farm can carry (threat model §3, "When a platform should catch it"). */
function commonTells(p: Params): string[] {
  const tells: string[] = [];
  if (num(p, "freshShare") >= 0.5) tells.push("fresh_accounts");
  if (num(p, "accountsPerDevice") >= 3) tells.push("shared_devices");
  if (num(p, "accountsPerIpPrefix") >= 10) tells.push("concentrated_ip");
  if (p.timing === "fixed") tells.push("fixed_timing");
  if (p.ramp === "sudden" && num(p, "attackShareRealised") >= 0.3) tells.push("sudden_burst");
  return tells;
}

function kindTells(label: AdversaryLabel, p: Params): string[] {
  const tells: string[] = [];
  switch (label) {
    case "FAKE_VIEWS":
      if (p.method === "ghost") tells.push("ghost_dwell");
      break;
    case "FAKE_LIKES":
      if (num(p, "tapRatePerSec") > 15 || p.likeChannel === "api_script") tells.push("superhuman_taps");
      if (num(p, "joinShare") < 0.5) tells.push("likes_without_join");
      break;
    case "FAKE_FOLLOWS":
      if (num(p, "withoutJoinShare") >= 0.5) tells.push("follows_without_join");
      if (num(p, "watchBeforeFollowSec") < 10) tells.push("instant_follow");
      break;
    case "FAKE_ORDERS":
      if (num(p, "buyersPerPaymentAccount") >= 3) tells.push("shared_payment");
      if (num(p, "buyersPerAddress") >= 3) tells.push("shared_address");
      if (num(p, "refundRate") >= 0.4 || num(p, "cancelRate") >= 0.4) tells.push("refund_or_cancel");
      if (num(p, "noOtherActivityShare") >= 0.7) tells.push("no_other_activity");
      if (p.amountProfile === "low_value" && num(p, "targetSkuCount") === 1) tells.push("low_value_single_sku");
      break;
  }
  return tells;
}

/** The tells an attack's drawn parameters carry, by name. */
export function attackTells(label: AdversaryLabel, params: Params): string[] {
  return [...commonTells(params), ...kindTells(label, params)];
}

/** Should catch: share ≥ 0.10 with ≥ 2 tells, or share ≥ 0.05 with ≥ 3 tells. */
export function shouldCatch(realisedShare: number, tellCount: number): boolean {
  return (realisedShare >= 0.1 && tellCount >= 2) || (realisedShare >= 0.05 && tellCount >= 3);
}
