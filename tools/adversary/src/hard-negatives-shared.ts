import { round3, type RoomContext } from "./attack-common";
import { organicActor, randomAddressHash, randomDeviceId, randomIpPrefix } from "./identity";
import { emitSession } from "./organic-audience";
import { newWallet } from "./purchase";
import { ORGANIC_PROPENSITY } from "./viewer-activity";

const DAY_MS = 24 * 3600 * 1000;

/**
 * 10–40 households of 2–4 accounts on one phone or tablet, one payment
 * account and one address, one home line; members watch one after another.
 */
export function familyDevices(ctx: RoomContext): void {
  const { rng, plan } = ctx;
  const families = rng.int(10, 40);
  let members = 0;
  const propensity = { ...ORGANIC_PROPENSITY, buy: 0.25 };
  for (let f = 0; f < families; f++) {
    const deviceId = randomDeviceId(rng);
    const ipPrefix = randomIpPrefix(rng);
    const wallet = newWallet(rng);
    let t = plan.startMs + rng.between(10_000, (plan.endMs - plan.startMs) * 0.6);
    for (let m = rng.int(2, 4); m > 0 && t < plan.endMs - 60_000; m--, members++) {
      const actor = organicActor(rng, plan.startMs, { deviceId, ipPrefix, accountAgeMs: rng.logUniform(90, 3000) * DAY_MS });
      const s = emitSession(rng, ctx.log, plan, t, { actor, wallet, dwellMs: rng.logNormal(8 * 60_000, 0.7), propensity });
      t = s.leaveMs + rng.between(5_000, 120_000);
    }
  }
  Object.assign(ctx.params, { families, crowdSize: members, episodeStartOffsetMin: 0 });
}

/**
 * 100–600 students or office workers behind 1–4 NAT /24s, own devices and
 * payment accounts, ordering to 1–3 shared campus lockers.
 */
export function campusNetwork(ctx: RoomContext): void {
  const { rng, plan } = ctx;
  const crowd = rng.int(100, 600);
  const prefixes = Array.from({ length: rng.int(1, 4) }, () => randomIpPrefix(rng));
  const lockers = Array.from({ length: rng.int(1, 3) }, () => randomAddressHash(rng));
  Object.assign(ctx.params, {
    crowdSize: crowd,
    ipPrefixCount: prefixes.length,
    lockerAddresses: lockers.length,
    accountsPerIpPrefix: round3(crowd / prefixes.length),
    episodeStartOffsetMin: 0,
  });
  const propensity = { ...ORGANIC_PROPENSITY, buy: 0.08 };
  const durationMs = plan.endMs - plan.startMs;
  for (let i = 0; i < crowd; i++) {
    const actor = organicActor(rng, plan.startMs, {
      ipPrefix: rng.pick(prefixes),
      accountAgeMs: rng.logUniform(60, 4 * 365) * DAY_MS,
    });
    const wallet = { ...newWallet(rng), shippingAddressHash: rng.pick(lockers) };
    const joinMs = plan.startMs + 1_000 + (durationMs - 30_000) * Math.pow(rng.float(), 1.4);
    emitSession(rng, ctx.log, plan, joinMs, { actor, wallet, propensity });
  }
}
