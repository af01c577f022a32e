import { AgeBand, type Actor } from "@redline/proto";
import type { Rng } from "./rng";

const DAY_MS = 24 * 3600 * 1000;

// First octets of large Chinese carrier blocks; farms and audiences draw from the
// same list so the octet itself says nothing.
const CARRIER_FIRST_OCTETS = [
  36, 39, 42, 49, 58, 59, 60, 61, 101, 106, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123,
  124, 125, 171, 175, 180, 182, 183, 211, 218, 219, 220, 221, 222, 223,
];

export function randomIpPrefix(rng: Rng): string {
  return `${rng.pick(CARRIER_FIRST_OCTETS)}.${rng.int(0, 255)}.${rng.int(0, 255)}.0/24`;
}

export function randomUserId(rng: Rng): string {
  return `u${rng.int(10_000_000, 99_999_999)}${rng.int(10, 99)}`;
}

export function randomDeviceId(rng: Rng): string {
  return `d-${rng.hex(16)}`;
}

export function randomPaymentAccountId(rng: Rng): string {
  return `pay-${rng.hex(12)}`;
}

export function randomAddressHash(rng: Rng): string {
  return `addr-${rng.hex(16)}`;
}

/** An ordinary viewer's account age: mostly months to years, a few fresh (threat model §3). */
export function organicAccountAgeMs(rng: Rng): number {
  const u = rng.float();
  if (u < 0.05) return rng.between(0.1, 7) * DAY_MS;
  if (u < 0.13) return rng.between(7, 30) * DAY_MS;
  if (u < 0.43) return rng.logUniform(30, 365) * DAY_MS;
  return rng.logUniform(365, 8 * 365) * DAY_MS;
}

export interface OrganicActorOverrides {
  accountAgeMs?: number;
  deviceId?: string;
  ipPrefix?: string;
}

export function organicActor(rng: Rng, nowMs: number, overrides: OrganicActorOverrides = {}): Actor {
  const ageMs = overrides.accountAgeMs ?? organicAccountAgeMs(rng);
  return {
    userId: randomUserId(rng),
    accountCreatedMs: Math.round(nowMs - ageMs),
    deviceId: overrides.deviceId ?? randomDeviceId(rng),
    ipPrefix: overrides.ipPrefix ?? randomIpPrefix(rng),
    ageBand: rng.chance(0.95) ? AgeBand.AGE_BAND_ADULT : AgeBand.AGE_BAND_UNKNOWN,
    realNameVerified: rng.chance(0.7),
  };
}

/** How a farm's accounts are made up; drawn per attack from the threat model's ranges. */
export interface IdentityPlan {
  freshShare: number;
  creationClusterHours: number;
  accountsPerDevice: number;
  ipPrefixCount: number;
  realNameShare: number;
}

/**
 * Fresh accounts were registered in one batch `creationClusterHours` wide some
 * 0–14 days before the stream; aged ones were bought and are 180–2,500 days old.
 */
export function farmActors(rng: Rng, count: number, plan: IdentityPlan, streamStartMs: number): Actor[] {
  const batchEndMs = streamStartMs - rng.between(0, 14) * DAY_MS;
  const prefixes = Array.from({ length: Math.max(1, plan.ipPrefixCount) }, () => randomIpPrefix(rng));
  const actors: Actor[] = [];
  let deviceId = randomDeviceId(rng);
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % plan.accountsPerDevice === 0) deviceId = randomDeviceId(rng);
    const fresh = rng.chance(plan.freshShare);
    const createdMs = fresh
      ? batchEndMs - rng.between(0, plan.creationClusterHours) * 3600 * 1000
      : streamStartMs - rng.logUniform(180, 2500) * DAY_MS;
    actors.push({
      userId: randomUserId(rng),
      accountCreatedMs: Math.round(Math.min(createdMs, streamStartMs - 60_000)),
      deviceId,
      ipPrefix: prefixes[i % prefixes.length] as string,
      ageBand: rng.chance(fresh ? 0.7 : 0.95) ? AgeBand.AGE_BAND_ADULT : AgeBand.AGE_BAND_UNKNOWN,
      realNameVerified: rng.chance(plan.realNameShare),
    });
  }
  return actors;
}
