import { AgeBand } from "@redline/proto";
import { Rng } from "./random";
import { Person, skew } from "./room";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function prefix(rng: Rng): string {
  // Public-looking unicast space; skip 0, 10, 127 and the multicast range.
  let a = rng.int(1, 223);
  if (a === 10 || a === 127) a += 1;
  return `${a}.${rng.int(0, 255)}.${rng.int(0, 255)}.0/24`;
}

/**
 * The networks a room's ordinary audience comes from: home broadband (a /24 nearly per viewer)
 * and mobile carriers' NAT, where a handful of strangers share a /24. Threat model §4 speaks
 * only of campus NATs; carrier NAT is the everyday version a platform sees in every big room.
 */
export class Networks {
  private readonly carrier: string[];

  constructor(
    private readonly rng: Rng,
    audience: number,
    private readonly carrierShare: number,
  ) {
    const size = Math.max(8, Math.round((audience * carrierShare) / rng.uniform(3, 7)));
    this.carrier = Array.from({ length: size }, () => prefix(rng));
  }

  next(): string {
    return this.rng.chance(this.carrierShare) ? this.rng.pick(this.carrier) : prefix(this.rng);
  }
}

function ageBand(rng: Rng): AgeBand {
  if (rng.chance(0.02)) return AgeBand.AGE_BAND_UNKNOWN;
  if (rng.chance(0.01)) return AgeBand.AGE_BAND_MINOR_16_17;
  return AgeBand.AGE_BAND_ADULT;
}

export interface PersonSpec {
  createdMs: number;
  deviceId: string;
  ipPrefix: string;
  verified: boolean;
  paymentAccountId?: string;
  addressHash?: string;
}

export function person(rng: Rng, spec: PersonSpec): Person {
  return {
    actor: {
      userId: `u_${rng.hex(12)}`,
      accountCreatedMs: Math.round(spec.createdMs),
      deviceId: spec.deviceId,
      ipPrefix: spec.ipPrefix,
      ageBand: ageBand(rng),
      realNameVerified: spec.verified,
    },
    paymentAccountId: spec.paymentAccountId ?? `pa_${rng.hex(12)}`,
    addressHash: spec.addressHash ?? `ad_${rng.hex(16)}`,
    skewMs: skew(rng),
  };
}

export const device = (rng: Rng): string => `dv_${rng.hex(16)}`;

/**
 * An ordinary viewer: account ages spread from days to years with about a tenth under a month
 * (creation times not clustered), their own phone, their own payment account and address.
 */
export function organicPerson(rng: Rng, nowMs: number, nets: Networks, newShare = 0.1): Person {
  const ageDays = rng.chance(newShare) ? rng.uniform(0.2, 30) : rng.logUniform(30, 3000);
  return person(rng, { createdMs: nowMs - ageDays * DAY_MS, deviceId: device(rng), ipPrefix: nets.next(), verified: rng.chance(0.6) });
}

/** A household: 2–4 accounts on one phone or tablet, one card, one address, one /24. */
export function household(rng: Rng, nowMs: number, size: number): Person[] {
  const shared = { deviceId: device(rng), ipPrefix: prefix(rng), paymentAccountId: `pa_${rng.hex(12)}`, addressHash: `ad_${rng.hex(16)}` };
  return Array.from({ length: size }, () =>
    person(rng, { ...shared, createdMs: nowMs - rng.logUniform(60, 2500) * DAY_MS, verified: rng.chance(0.7) }),
  );
}

export type IdentityStyle = "fresh" | "mixed" | "aged";

export interface FarmSpec {
  accounts: number;
  identity: IdentityStyle;
  /** Share of fresh accounts when identity is mixed (0.3–0.7). */
  mixedFresh: number;
  /** Fresh accounts' registration batch span and age. */
  batchHours: number;
  batchAgeDays: number;
  accountsPerDevice: number;
  prefixes: number;
  verifiedShare: number;
  /** Buyers per payment account and per address (orders only; 1 elsewhere). */
  buyersPerPayment?: number;
  buyersPerAddress?: number;
}

export interface Farm {
  people: Person[];
  freshShare: number;
  maxPerDevice: number;
  maxPerPrefix: number;
}

/** Accounts a seller controls, built the way §3 "Identity" describes: age, devices, /24s, shared keys. */
export function buildFarm(rng: Rng, nowMs: number, spec: FarmSpec): Farm {
  const prefixes = Array.from({ length: Math.max(1, Math.min(spec.prefixes, spec.accounts)) }, () => prefix(rng));
  const batchEnd = nowMs - spec.batchAgeDays * DAY_MS;
  const people: Person[] = [];
  let fresh = 0;
  let dev = device(rng);
  let pay = `pa_${rng.hex(12)}`;
  let addr = `ad_${rng.hex(16)}`;
  for (let i = 0; i < spec.accounts; i++) {
    if (i % Math.max(1, Math.round(spec.accountsPerDevice)) === 0) dev = device(rng);
    if (i % Math.max(1, Math.round(spec.buyersPerPayment ?? 1)) === 0) pay = `pa_${rng.hex(12)}`;
    if (i % Math.max(1, Math.round(spec.buyersPerAddress ?? 1)) === 0) addr = `ad_${rng.hex(16)}`;
    const isFresh = spec.identity === "fresh" || (spec.identity === "mixed" && rng.chance(spec.mixedFresh));
    if (isFresh) fresh++;
    const createdMs = isFresh ? batchEnd - rng.uniform(0, spec.batchHours) * HOUR_MS : nowMs - rng.uniform(180, 2500) * DAY_MS;
    // Devices hold consecutive accounts, proxies rotate: the same phone can show on two /24s.
    const ipPrefix = prefixes[i % prefixes.length]!;
    people.push(person(rng, { createdMs, deviceId: dev, ipPrefix, verified: rng.chance(spec.verifiedShare), paymentAccountId: pay, addressHash: addr }));
  }
  rng.shuffle(people);
  return {
    people,
    freshShare: spec.accounts === 0 ? 0 : fresh / spec.accounts,
    maxPerDevice: maxGroup(people, (p) => p.actor.deviceId),
    maxPerPrefix: maxGroup(people, (p) => p.actor.ipPrefix),
  };
}

export function maxGroup<T>(items: readonly T[], key: (x: T) => string): number {
  const counts = new Map<string, number>();
  let max = 0;
  for (const x of items) {
    const n = (counts.get(key(x)) ?? 0) + 1;
    counts.set(key(x), n);
    if (n > max) max = n;
  }
  return max;
}
