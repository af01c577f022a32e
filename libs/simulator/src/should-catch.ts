/**
 * Threat model §3 "When a platform should catch it": count the tells an
 * attack carries, then catch at share >= 0.10 with >= 2 tells or at
 * share >= 0.05 with >= 3. Recall is reported on catchable rooms and,
 * separately, on the rest.
 */
import type { CommonParams } from "./attack-draws";
import type { Crew } from "./bot-crew";

/** Tells every kind can carry, from the identities and schedule the crew really used. */
export function commonTells(c: CommonParams, crew: Crew, realisedShare: number, ramp: string): string[] {
  const tells: string[] = [];
  const accounts = crew.members.length;
  if (c.freshShare >= 0.5) tells.push("fresh_accounts");
  if (Math.min(c.accountsPerDevice, accounts) >= 3) tells.push("shared_devices");
  if (accounts / Math.max(1, crew.prefixesUsed) >= 10) tells.push("shared_prefixes");
  if (c.timing === "fixed") tells.push("fixed_timing");
  // Waves of bought follows are each a cliff, like a sudden ramp.
  if ((ramp === "sudden" || ramp === "waves") && realisedShare >= 0.3) tells.push("sudden_ramp");
  return tells;
}

export function shouldCatch(share: number, tells: number): boolean {
  return (share >= 0.1 && tells >= 2) || (share >= 0.05 && tells >= 3);
}
