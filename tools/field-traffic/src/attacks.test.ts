import { fakeFollows } from "./attack-follows";
import { fakeLikes } from "./attack-likes";
import { fakeOrders } from "./attack-orders";
import { fakeViews } from "./attack-views";
import { AttackTruth } from "./attack-common";
import { organicRoom } from "./organic";
import { Rng } from "./random";
import { RoomBuilder } from "./room";

const START = Date.UTC(2026, 10, 2, 12);
const MIN = 60_000;

function room(seed: number, size = 120): { b: RoomBuilder; rng: Rng; skus: ReturnType<typeof organicRoom>["skus"] } {
  const rng = new Rng(seed);
  const b = new RoomBuilder({ roomId: `r${seed}`, platform: "t", startMs: START, endMs: START + 80 * MIN, category: "food" }, rng);
  return { b, rng, skus: organicRoom(b, rng, size).skus };
}

const KINDS = {
  FAKE_VIEWS: { run: (x: ReturnType<typeof room>) => fakeViews(x.b, x.rng), measure: "join" },
  FAKE_LIKES: { run: (x: ReturnType<typeof room>) => fakeLikes(x.b, x.rng), measure: "like" },
  FAKE_FOLLOWS: { run: (x: ReturnType<typeof room>) => fakeFollows(x.b, x.rng), measure: "follow" },
  FAKE_ORDERS: { run: (x: ReturnType<typeof room>) => fakeOrders(x.b, x.rng, x.skus), measure: "order" },
} as const;

describe.each(Object.entries(KINDS))("%s", (_label, { run, measure }) => {
  const cases = Array.from({ length: 12 }, (_, i) => {
    const x = room(100 + i);
    return { x, t: run(x) as AttackTruth };
  });

  it("acts only from attackStartMs on, 3–15 min after the start (less a join or a watch first), inside the room", () => {
    for (const { x, t } of cases) {
      const times = x.b.times("attack");
      expect(times.length).toBeGreaterThan(0);
      expect(Math.min(...times)).toBe(t.attackStartMs);
      expect(Math.max(...times)).toBeLessThanOrEqual(START + 80 * MIN);
      const startMin = t.params.startMin as number;
      expect(startMin).toBeGreaterThanOrEqual(3);
      expect(startMin).toBeLessThanOrEqual(15);
      expect(t.attackStartMs).toBeGreaterThanOrEqual(START + (startMin - 11) * MIN);
    }
  });

  it("records the share it realised in its own window", () => {
    for (const { x, t } of cases) {
      const from = START + (t.params.startMin as number) * MIN;
      const to = from + (t.params.durationMin as number) * MIN;
      const attack = x.b.volume(measure, "attack", from, to);
      const innocent = x.b.volume(measure, "innocent", from, to);
      expect(attack).toBeGreaterThan(0);
      expect(t.params.share as number).toBeCloseTo(attack / (attack + innocent), 1);
    }
  });

  it("draws its knobs from the threat model's ranges", () => {
    for (const { t } of cases) {
      expect(["dominant", "major", "minor"]).toContain(t.params.shareBin);
      expect(t.params.targetShare as number).toBeGreaterThanOrEqual(0.05);
      expect(t.params.targetShare as number).toBeLessThanOrEqual(0.9);
      expect(t.params.durationMin as number).toBeLessThanOrEqual(30.001);
      expect(t.params.tells).toBe((t.params.tellNames as string) === "none" ? 0 : (t.params.tellNames as string).split("+").length);
    }
  });
});

describe("attack styles", () => {
  it("gives fresh farms a registration batch and human crews aged accounts on their own devices", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const x = room(300 + i, 60);
      const t = fakeLikes(x.b, x.rng);
      seen.add(t.params.crew as string);
      if (t.params.crew === "click_crew") {
        expect(t.params.freshShare).toBe(0);
        expect(t.params.maxPerDevice).toBe(1);
        expect(t.params.timing).toBe("jittered");
      }
      if (t.params.identity === "fresh") expect(t.params.freshShare).toBe(1);
    }
    expect(seen).toEqual(new Set(["auto_clicker", "like_farm", "click_crew"]));
  });

  it("shares payment accounts and addresses among mules as drawn", () => {
    for (let i = 0; i < 20; i++) {
      const x = room(400 + i, 60);
      const t = fakeOrders(x.b, x.rng, x.skus);
      if (t.params.crew === "real_person") expect(t.params.buyersPerPayment).toBe(1);
      const per = t.params.buyersPerPayment as number;
      expect(per).toBeGreaterThanOrEqual(1);
      expect(per).toBeLessThanOrEqual(30);
    }
  });
});
