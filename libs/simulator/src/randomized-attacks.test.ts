import { TransactionKind, ViewKind } from "@redline/proto";
import type { LiveEvent } from "@redline/proto";
import { ordinaryAccounts } from "./accounts";
import { opaqueAccounts } from "./opaque-accounts";
import { organicTraffic } from "./organic";
import { randomizedAttack, SUBCATEGORIES } from "./randomized-attacks";
import { Rng } from "./rng";
import { RoomEvents } from "./room-events";
import { shouldCatch } from "./should-catch";
import type { Subcategory } from "./truth";

const ROOM_END_MS = 45 * 60_000;

function attackedRoom(sub: Subcategory, seed: number) {
  const rng = new Rng(seed);
  const room = new RoomEvents("r", "tenant-a", 0, ROOM_END_MS);
  const accounts = opaqueAccounts(ordinaryAccounts(rng, "r-u", 0), "r");
  const shop = { skus: [{ skuId: "sku-r-0", amountCents: 1990 }, { skuId: "sku-r-1", amountCents: 4990 }] };
  organicTraffic(room, rng, accounts, { viewersPerMinute: 8, familyShare: 0.03, promptEveryMs: 0 }, shop);
  const organic = room.events.slice();
  const label = randomizedAttack(sub, { room, rng, accounts, shop });
  return { label, organic, attack: room.events.slice(organic.length) };
}

function actorId(e: LiveEvent): string {
  const b = e.body!;
  if (b.$case === "transaction") return b.value.buyer!.userId;
  if (b.$case === "comment" || b.$case === "barrage") return b.value.author!.userId;
  if (b.$case === "room" || b.$case === "moderation" || b.$case === "transcript") return "";
  return b.value.user!.userId;
}

const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);

describe("randomizedAttack", () => {
  it.each(SUBCATEGORIES)("keeps %s inside its window and labels it consistently", (sub) => {
    for (const seed of SEEDS) {
      const { label, attack } = attackedRoom(sub, seed);
      const p = label.params;
      expect(label.subcategory).toBe(sub);
      const windowStartMs = Math.round(Number(p.startMin) * 60_000);
      expect(attack.length).toBeGreaterThan(0);
      // The label dates the attack from its first event, which the drawn window contains.
      expect(label.attackStartMs).toBe(Math.min(...attack.map((e) => e.eventTimeMs)));
      expect(label.attackStartMs).toBeGreaterThanOrEqual(windowStartMs);
      expect(windowStartMs + Number(p.windowMin) * 60_000).toBeLessThanOrEqual(ROOM_END_MS - 60_000 + 1);
      for (const e of attack) {
        expect(e.eventTimeMs).toBeGreaterThanOrEqual(label.attackStartMs);
        expect(e.eventTimeMs).toBeLessThanOrEqual(label.attackEndMs);
      }
      expect(new Set(attack.map(actorId)).size).toBe(label.intensity.bots);
      expect(label.shouldCatch).toBe(shouldCatch(Number(p.realisedShare), Number(p.tells)));
      expect(String(p.tellNames).split(",").filter((t) => t !== "")).toHaveLength(Number(p.tells));
    }
  });

  it("gives bots the same id scheme as viewers", () => {
    const { organic, attack } = attackedRoom("FAKE_FOLLOWS", 3);
    const ids = [...organic, ...attack].map(actorId).filter((id) => id !== "");
    for (const id of ids) expect(id).toMatch(/^u[0-9a-z]{14}$/);
  });

  it("shares devices and /24s as drawn", () => {
    for (const seed of SEEDS) {
      const { label, attack } = attackedRoom("FAKE_VIEWS", seed);
      const actors = attack.flatMap((e) => (e.body?.$case === "view" ? [e.body.value.user!] : []));
      const devices = new Set(actors.map((a) => a.deviceId));
      const prefixes = new Set(actors.map((a) => a.ipPrefix));
      expect(devices.size).toBe(label.params.devicesUsed);
      expect(prefixes.size).toBe(label.params.prefixesUsed);
      expect(prefixes.size).toBeLessThanOrEqual(Number(label.params.prefixes));
    }
  });

  it("makes ghosts rejoin with short dwell and API scripts send their fixed count", () => {
    let ghosts = 0;
    let scripts = 0;
    for (const seed of Array.from({ length: 30 }, (_, i) => i + 100)) {
      const views = attackedRoom("FAKE_VIEWS", seed);
      if (views.label.params.viewMethod === "ghost") {
        ghosts++;
        const joins = new Map<string, number>();
        for (const e of views.attack) if (e.body?.$case === "view" && e.body.value.kind === ViewKind.VIEW_KIND_JOIN) joins.set(actorId(e), (joins.get(actorId(e)) ?? 0) + 1);
        expect(Math.max(...joins.values())).toBeLessThanOrEqual(Number(views.label.params.joinsPerAccount));
        expect(Math.max(...joins.values())).toBeGreaterThanOrEqual(2);
      }
      const likes = attackedRoom("FAKE_LIKES", seed);
      if (likes.label.params.likeChannel === "api_script") {
        scripts++;
        const counts = likes.attack.flatMap((e) => (e.body?.$case === "like" ? [e.body.value.count] : []));
        expect(Math.max(...counts)).toBe(likes.label.params.apiCount);
      }
    }
    expect(ghosts).toBeGreaterThan(0);
    expect(scripts).toBeGreaterThan(0);
  });

  it("shares payment accounts as drawn and refunds only after payment", () => {
    for (const seed of SEEDS) {
      const { label, attack } = attackedRoom("FAKE_ORDERS", seed);
      const payers = new Set<string>();
      const paid = new Set<string>();
      for (const e of attack) {
        if (e.body?.$case !== "transaction") continue;
        payers.add(e.body.value.paymentAccountId);
        if (e.body.value.kind === TransactionKind.TRANSACTION_KIND_PAYMENT) paid.add(e.body.value.orderId);
        if (e.body.value.kind === TransactionKind.TRANSACTION_KIND_REFUND) expect(paid.has(e.body.value.orderId)).toBe(true);
      }
      expect(payers.size).toBe(Math.ceil(label.intensity.bots / Number(label.params.buyersPerPayKey)));
    }
  });
});
