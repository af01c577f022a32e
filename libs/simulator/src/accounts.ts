/**
 * Accounts as a platform sees them. Ordinary accounts are mostly old, a few
 * are new (real sign-ups happen every day), each on its own phone except
 * families, behind carrier IP prefixes that many people share.
 */
import { AgeBand } from "@redline/proto";
import type { Actor } from "@redline/proto";
import type { Rng } from "./rng";

export const DAY_MS = 86_400_000;
const PREFIX_POOL = 4_000;

export function ipPrefix(index: number): string {
  return `${10 + (index >> 16)}.${(index >> 8) & 255}.${index & 255}.0/24`;
}

export function carrierPrefix(rng: Rng): string {
  return ipPrefix(rng.zipf(PREFIX_POOL));
}

/**
 * `count` distinct /24s from the same address space as the audience's, so a
 * crew's prefixes carry no hint of their role beyond how they are shared.
 */
export function distinctPrefixes(rng: Rng, count: number): string[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(count, PREFIX_POOL)) picked.add(rng.int(0, PREFIX_POOL - 1));
  return [...picked].map(ipPrefix);
}

export interface AccountFactory {
  next(kind?: "ordinary" | "fresh"): Actor;
}

/** Ordinary people: a few percent signed up this week (`freshShare`), the rest months to years ago. */
export function ordinaryAccounts(rng: Rng, prefix: string, nowMs: number, freshShare = 0.04): AccountFactory {
  let n = 0;
  return {
    next(kind = "ordinary"): Actor {
      const id = `${prefix}${(n++).toString(36)}`;
      const fresh = kind === "fresh" || rng.chance(freshShare);
      const ageMs = fresh ? rng.uniform(0.05, 7) * DAY_MS : Math.max(8, rng.logNormal(420, 0.9)) * DAY_MS;
      return {
        userId: id,
        accountCreatedMs: Math.round(nowMs - ageMs),
        deviceId: `d-${id}`,
        ipPrefix: carrierPrefix(rng),
        ageBand: rng.chance(0.04) ? AgeBand.AGE_BAND_UNKNOWN : AgeBand.AGE_BAND_ADULT,
        realNameVerified: rng.chance(0.7),
      };
    },
  };
}

/** A bot account: its age, device and network come from the attack style. */
export function botAccount(id: string, createdMs: number, deviceId: string, prefix: string): Actor {
  return { userId: id, accountCreatedMs: Math.round(createdMs), deviceId, ipPrefix: prefix, ageBand: AgeBand.AGE_BAND_ADULT, realNameVerified: false };
}
