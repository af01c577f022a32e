import { AttackTruth, clampInt, CommonDraw, drawCommon, farmFor, round, starts, targetVolume, truth } from "./attack-common";
import { Rng } from "./random";
import { RoomBuilder } from "./room";
import { Sku } from "./viewer";

const MIN = 60_000;

type Crew = "mule_ring" | "brushing_studio" | "real_person";

function sharing(rng: Rng, crew: Crew, max: number): { bin: string; buyers: number } {
  if (crew === "real_person") return { bin: "1", buyers: 1 };
  const bin = rng.pick(["1", "2-5", `6-${max}`]);
  return { bin, buyers: bin === "1" ? 1 : bin === "2-5" ? rng.int(2, 5) : rng.int(6, max) };
}

/** A studio runs its mules on its own farm; a mule ring uses whatever fresh stock it bought. */
function identityFor(rng: Rng, crew: Crew, c: CommonDraw): CommonDraw {
  if (crew !== "brushing_studio") return c;
  return { ...c, prefixBin: rng.chance(0.6) ? "proxy" : c.prefixBin };
}

/**
 * FAKE_ORDERS (§2.4): a mule ring, a brushing studio or paid real buyers place ORDERs on one or
 * two SKUs, pay most, leave some unpaid, refund some after 2–30 min (only the in-stream part is
 * visible), funded from shared payment accounts and shipped to shared addresses.
 */
export function fakeOrders(b: RoomBuilder, rng: Rng, roomSkus: readonly Sku[]): AttackTruth {
  const crew = rng.pick(["mule_ring", "brushing_studio", "real_person"] as const);
  const humans = crew === "real_person";
  const c = identityFor(rng, crew, drawCommon(rng, b, humans));
  const orders = targetVolume(b, "order", c, 6);
  const ordersPerMule = rng.int(1, 6);
  const mules = clampInt(orders / ordersPerMule, 5, 150);
  const pay = sharing(rng, crew, 30);
  const addr = sharing(rng, crew, 40);
  const farm = farmFor(rng, b, c, mules, { buyersPerPayment: pay.buyers, buyersPerAddress: addr.buyers });
  const cancelRate = rng.uniform(0, 0.5);
  const refundRate = rng.uniform(0, 0.9);
  const refundDelayMin = rng.uniform(2, 30);
  const amount = rng.pick(["low_value", "sku_price"] as const);
  const skuCount = rng.int(1, 2);
  const lowCents = rng.int(100, 990);
  const targets: Sku[] = Array.from({ length: skuCount }, (_, k) =>
    amount === "low_value" ? { id: `sku_${rng.hex(8)}`, priceCents: k === 0 ? lowCents : rng.int(100, 990) } : rng.pick(roomSkus),
  );
  const noActivity = humans ? rng.uniform(0, 0.3) : rng.uniform(0, 1);
  const first = starts(rng, c, mules);
  const meanGap = Math.max(10_000, (c.endMs - c.startMs) / (ordersPerMule + 1));
  let paid = 0;
  let refunded = 0;
  let placed = 0;
  let idle = 0;
  farm.people.forEach((p, i) => {
    let t = first[i]!;
    if (rng.chance(noActivity)) idle++;
    else {
      // Mules told to look real watch a few minutes first.
      const joinAt = t - rng.uniform(0.5, 10) * MIN;
      b.join(p, joinAt, "attack");
      b.leave(p, Math.min(b.meta.endMs, t + rng.uniform(10_000, 5 * MIN)), "attack");
    }
    for (let k = 0; k < ordersPerMule && t < c.endMs; k++) {
      const sku = rng.pick(targets);
      const orderId = b.order(p, t, sku.id, sku.priceCents, "attack");
      placed++;
      if (!rng.chance(cancelRate)) {
        const paidAt = t + rng.uniform(3_000, 60_000) * rng.gap(1, Math.min(c.timingCv, 0.5));
        b.pay(p, paidAt, orderId, sku.id, sku.priceCents, "attack");
        paid++;
        const refundAt = paidAt + refundDelayMin * MIN * rng.uniform(0.7, 1.3);
        if (rng.chance(refundRate) && refundAt < b.meta.endMs) {
          b.refund(p, refundAt, orderId, sku.id, sku.priceCents, "attack");
          refunded++;
        }
      }
      t += meanGap * rng.gap(1, c.timingCv);
    }
  });
  const inStreamRefund = paid === 0 ? 0 : refunded / paid;
  const realCancel = placed === 0 ? 0 : 1 - paid / placed;
  const realIdle = idle / mules;
  return truth(
    b,
    "FAKE_ORDERS",
    "order",
    c,
    farm,
    `orders_${crew}`,
    {
      buyersPerPayment: pay.buyers,
      buyersPerAddress: addr.buyers,
      refundRate: inStreamRefund,
      cancelRate: realCancel,
      noActivity: realIdle,
      lowValue: amount === "low_value",
      skus: new Set(targets.map((s) => s.id)).size,
    },
    {
      crew,
      ordersPerMule,
      paymentBin: pay.bin,
      buyersPerPayment: pay.buyers,
      addressBin: addr.bin,
      buyersPerAddress: addr.buyers,
      cancelRate: round(cancelRate),
      realisedCancel: round(realCancel),
      refundRate: round(refundRate),
      inStreamRefund: round(inStreamRefund),
      refundDelayMin: round(refundDelayMin),
      amount,
      skus: new Set(targets.map((s) => s.id)).size,
      noActivity: round(realIdle),
    },
  );
}
