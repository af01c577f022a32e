import { DAY_MS, type Account } from "./identity";
import type { Rng } from "./rng";
import type { CrewStyle } from "./types";
import type { World } from "./world";

export type IpMode = "farm" | "proxy_pool" | "residential";
export type AmountMode = "low_value" | "sku_price";

/** What a seller's crew is made of and the script it runs in every room it is rented to. */
export interface CrewParams {
  style: CrewStyle;
  poolSize: number;
  roomsTarget: number;
  /** share of the pool sent to one room; each visit draws its own subset */
  subsetShare: number;
  freshShare: number;
  creationClusterHours: number;
  accountsPerDevice: number;
  ipMode: IpMode;
  /** /24s the crew owns (farm routers or a proxy pool); residential proxies draw a new one per visit */
  ipPrefixCount: number;
  /** standard deviation of an account's offset from the script, per visit */
  syncJitterMs: number;
  /** minutes into the room when the crew arrives */
  arriveAfterMin: readonly [number, number];
  dwellMs: number;
  joinFirstShare: number;
  likeShare: number;
  likeBursts: number;
  tapsPerSec: number;
  followShare: number;
  orderShare: number;
  amountMode: AmountMode;
  buyersPerPayment: number;
  refundShare: number;
  chatterShare: number;
  /** visits to unrelated rooms per member, as an ordinary viewer */
  coverVisitsPerAccount: number;
}

/** Offsets from the crew's arrival in a room, the same in every room it works. */
export interface CrewScript {
  likeOffsetsMs: number[];
  followOffsetMs: number;
  orderOffsetMs: number;
  commentOffsetsMs: number[];
}

export interface Crew {
  crewId: string;
  params: CrewParams;
  script: CrewScript;
  accounts: Account[];
  ipPrefixes: string[];
  paymentAccounts: string[];
  shippingAddresses: string[];
}

/** Style-dependent ranges, each drawn per crew (the README's "Crew styles" table). */
export function drawCrewParams(rng: Rng, style: CrewStyle): CrewParams {
  const base = {
    style,
    roomsTarget: rng.int(5, 16),
    subsetShare: rng.between(0.4, 1),
    creationClusterHours: rng.between(1, 72),
    arriveAfterMin: [rng.between(1, 6), rng.between(8, 20)] as const,
    dwellMs: rng.between(3, 25) * 60_000,
    likeBursts: rng.int(1, 4),
    amountMode: (rng.chance(0.5) ? "low_value" : "sku_price") as AmountMode,
    refundShare: 0,
    buyersPerPayment: 1,
    orderShare: 0,
    coverVisitsPerAccount: 0,
  };
  switch (style) {
    case "bot_farm":
      return {
        ...base, poolSize: Math.round(rng.logUniform(8, 40)), freshShare: rng.between(0.7, 1),
        accountsPerDevice: rng.int(3, 10), ipMode: "farm", ipPrefixCount: rng.int(1, 5),
        syncJitterMs: rng.between(500, 5_000), joinFirstShare: rng.between(0.5, 1), likeShare: rng.between(0.5, 1),
        tapsPerSec: rng.between(8, 20), followShare: rng.between(0.3, 0.9), chatterShare: rng.between(0, 0.05),
      };
    case "aged_farm":
      return {
        ...base, poolSize: Math.round(rng.logUniform(6, 30)), freshShare: rng.between(0, 0.2),
        accountsPerDevice: rng.int(1, 3), ipMode: "proxy_pool", ipPrefixCount: rng.int(20, 100),
        syncJitterMs: rng.between(2_000, 30_000), joinFirstShare: rng.between(0.8, 1), likeShare: rng.between(0.4, 1),
        tapsPerSec: rng.between(4, 12), followShare: rng.between(0.2, 0.8), chatterShare: rng.between(0, 0.2),
        orderShare: rng.between(0, 0.1), coverVisitsPerAccount: rng.between(0, 1),
      };
    case "click_crew":
      return {
        ...base, poolSize: Math.round(rng.logUniform(8, 40)), freshShare: rng.between(0, 0.3),
        accountsPerDevice: 1, ipMode: "residential", ipPrefixCount: 0,
        syncJitterMs: rng.between(20_000, 180_000), joinFirstShare: 1, likeShare: rng.between(0.3, 0.9),
        tapsPerSec: rng.between(2, 8), followShare: rng.between(0.2, 0.7), chatterShare: rng.between(0.2, 0.6),
        orderShare: rng.between(0, 0.1), coverVisitsPerAccount: rng.between(0.5, 2),
      };
    case "brushing_crew":
      return {
        ...base, poolSize: Math.round(rng.logUniform(5, 30)), freshShare: rng.between(0.3, 0.7),
        accountsPerDevice: rng.int(1, 4), ipMode: "proxy_pool", ipPrefixCount: rng.int(5, 30),
        syncJitterMs: rng.between(5_000, 60_000), joinFirstShare: rng.between(0.3, 1), likeShare: rng.between(0, 0.3),
        tapsPerSec: rng.between(2, 6), followShare: rng.between(0.1, 0.4), chatterShare: rng.between(0, 0.1),
        orderShare: rng.between(0.4, 0.9), buyersPerPayment: rng.int(2, 10), refundShare: rng.between(0, 0.5),
      };
  }
}

function drawScript(rng: Rng, p: CrewParams): CrewScript {
  const inside = (): number => rng.between(20_000, Math.max(30_000, p.dwellMs - 20_000));
  return {
    likeOffsetsMs: Array.from({ length: p.likeBursts }, inside).sort((a, b) => a - b),
    followOffsetMs: rng.between(15_000, Math.min(300_000, p.dwellMs - 10_000)),
    orderOffsetMs: inside(),
    commentOffsetsMs: Array.from({ length: rng.int(1, 3) }, inside),
  };
}

/**
 * Fresh accounts come from one registration batch `creationClusterHours` wide,
 * 0–14 days before the window; the rest were bought aged (180–2,500 days), or,
 * for a click crew of real people, are their own (60–3,000 days).
 */
function crewAccounts(rng: Rng, world: World, p: CrewParams, prefixes: string[]): Account[] {
  const windowMs = world.windowStartMs;
  const batchEndMs = windowMs - rng.between(0, 14) * DAY_MS;
  const accounts: Account[] = [];
  let deviceId = world.ids.deviceId();
  let devicePrefix = prefixes.length > 0 ? rng.pick(prefixes) : world.ids.ipPrefix();
  for (let i = 0; i < p.poolSize; i++) {
    if (i > 0 && i % p.accountsPerDevice === 0) {
      deviceId = world.ids.deviceId();
      devicePrefix = prefixes.length > 0 ? rng.pick(prefixes) : world.ids.ipPrefix();
    }
    const fresh = rng.chance(p.freshShare);
    const agedDays = p.style === "click_crew" ? rng.logUniform(60, 3000) : rng.logUniform(180, 2500);
    const createdMs = fresh ? batchEndMs - rng.between(0, p.creationClusterHours) * 3600_000 : windowMs - agedDays * DAY_MS;
    accounts.push(
      world.ids.account(windowMs, {
        accountCreatedMs: Math.min(createdMs, windowMs - 60_000),
        deviceId,
        homeIpPrefix: devicePrefix,
        realNameVerified: rng.chance(rng.between(0, 0.9)),
      }),
    );
  }
  return accounts;
}

export function createCrew(rng: Rng, world: World, crewId: string, style: CrewStyle): Crew {
  const params = drawCrewParams(rng, style);
  const ipPrefixes = Array.from({ length: params.ipPrefixCount }, () => world.ids.ipPrefix());
  const payers = Math.max(1, Math.ceil(params.poolSize / params.buyersPerPayment));
  return {
    crewId,
    params,
    script: drawScript(rng, params),
    accounts: crewAccounts(rng, world, params, ipPrefixes),
    ipPrefixes,
    paymentAccounts: Array.from({ length: payers }, () => world.ids.paymentAccountId()),
    shippingAddresses: Array.from({ length: Math.max(1, Math.ceil(payers / 2)) }, () => world.ids.addressHash()),
  };
}
