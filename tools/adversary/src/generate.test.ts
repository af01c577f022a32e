import { LiveEvent, RoomEventKind, type Actor } from "@redline/proto";
import { generateAdversaryTraffic, generateRoom, type RoomSpec } from "./generate";
import { PARAM_BOUNDS } from "./ranges";
import { Rng } from "./rng";
import { ADVERSARY_LABELS, HARD_NEGATIVE_KINDS, type AdversaryOptions } from "./types";

const OPTIONS: AdversaryOptions = {
  seed: 4242,
  startMs: Date.UTC(2025, 0, 6, 10, 0, 0),
  attackedRoomsPerLabel: 8,
  hardNegativeRooms: HARD_NEGATIVE_KINDS.length,
  organicRooms: 3,
};
const traffic = generateAdversaryTraffic(OPTIONS);

function actorOf(e: LiveEvent): Actor | undefined {
  const b = e.body;
  switch (b?.$case) {
    case "comment":
    case "barrage":
      return b.value.author;
    case "transaction":
      return b.value.buyer;
    case "like":
    case "follow":
    case "view":
      return b.value.user;
    default:
      return undefined;
  }
}

describe("generateAdversaryTraffic", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const small = { ...OPTIONS, attackedRoomsPerLabel: 1, hardNegativeRooms: 2, organicRooms: 1 };
    const a = generateAdversaryTraffic(small);
    const b = generateAdversaryTraffic(small);
    expect(b).toEqual(a);
    const c = generateAdversaryTraffic({ ...small, seed: small.seed + 1 });
    expect(c.events.length === a.events.length && c.events[5]?.eventId === a.events[5]?.eventId).toBe(false);
  });

  it("has as many rooms of each kind as asked, with unique prefixed ids", () => {
    const { truth } = traffic;
    expect(truth).toHaveLength(4 * 8 + HARD_NEGATIVE_KINDS.length + 3);
    for (const label of ADVERSARY_LABELS) expect(truth.filter((t) => t.label === label)).toHaveLength(8);
    for (const kind of HARD_NEGATIVE_KINDS) expect(truth.filter((t) => t.hardNegative === kind)).toHaveLength(1);
    expect(truth.filter((t) => t.label === null && t.hardNegative === null)).toHaveLength(3);
    expect(new Set(truth.map((t) => t.roomId)).size).toBe(truth.length);
    for (const t of truth) expect(t.roomId.startsWith(`adv-${OPTIONS.seed}-`)).toBe(true);
  });

  it("sorts events by time then id, with unique ids and every required field", () => {
    const { events } = traffic;
    const ids = new Set<string>();
    const problems: string[] = [];
    events.forEach((e, i) => {
      const prev = events[i - 1];
      if (prev && !(prev.eventTimeMs < e.eventTimeMs || (prev.eventTimeMs === e.eventTimeMs && prev.eventId < e.eventId))) {
        problems.push(`${e.eventId} out of order`);
      }
      if (ids.has(e.eventId)) problems.push(`${e.eventId} repeated`);
      ids.add(e.eventId);
      if (e.roomId === "" || e.platform !== "adv-platform" || e.body === undefined) problems.push(`${e.eventId} envelope`);
      if (e.body?.$case === "room") return;
      const a = actorOf(e);
      const ok =
        a !== undefined &&
        /^u\d{10}$/.test(a.userId) &&
        /^d-[0-9a-f]{16}$/.test(a.deviceId) &&
        /^\d+\.\d+\.\d+\.0\/24$/.test(a.ipPrefix) &&
        a.accountCreatedMs < e.eventTimeMs;
      if (!ok) problems.push(`${e.eventId} actor`);
      if (e.body?.$case === "like" && e.body.value.count < 1) problems.push(`${e.eventId} like count`);
    });
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("opens each room with an adult verified streamer and closes it 20–60 minutes later", () => {
    const byRoom = new Map<string, LiveEvent[]>();
    for (const e of traffic.events) {
      const list = byRoom.get(e.roomId);
      if (list) list.push(e);
      else byRoom.set(e.roomId, [e]);
    }
    for (const t of traffic.truth) {
      const events = byRoom.get(t.roomId)!;
      const first = events[0]!.body;
      const last = events[events.length - 1]!.body;
      expect(first?.$case === "room" && first.value.kind === RoomEventKind.ROOM_EVENT_KIND_STARTED).toBe(true);
      expect(last?.$case === "room" && last.value.kind === RoomEventKind.ROOM_EVENT_KIND_ENDED).toBe(true);
      if (first?.$case === "room") {
        expect(first.value.streamer?.age).toBeGreaterThanOrEqual(18);
        expect(first.value.streamer?.realNameVerified).toBe(true);
      }
      expect(events[0]!.eventTimeMs).toBe(t.startMs);
      expect((t.endMs - t.startMs) / 60_000).toBeGreaterThanOrEqual(20);
      expect((t.endMs - t.startMs) / 60_000).toBeLessThanOrEqual(60);
      expect(t.startMs - OPTIONS.startMs).toBeLessThanOrEqual(90 * 60_000);
    }
  });

  it("records only parameters inside the threat model's bounds", () => {
    for (const t of traffic.truth) {
      for (const [key, value] of Object.entries(t.params)) {
        if (typeof value !== "number") continue;
        const bounds = PARAM_BOUNDS[key];
        expect([key, bounds !== undefined]).toEqual([key, true]);
        expect([key, value >= bounds![0] && value <= bounds![1]]).toEqual([key, true]);
      }
    }
  });

  it("marks attacked rooms with a span inside the stream and no one else", () => {
    for (const t of traffic.truth) {
      if (t.label === null) {
        expect([t.attackStartMs, t.attackEndMs, t.shouldCatch]).toEqual([null, null, false]);
        continue;
      }
      expect(t.attackStartMs).toBeGreaterThan(t.startMs);
      expect(t.attackEndMs).toBeGreaterThanOrEqual(t.attackStartMs!);
      expect(t.attackEndMs).toBeLessThan(t.endMs);
    }
  });
});

describe("generateRoom", () => {
  // The attack is drawn after the organic audience from the same generator, so
  // the attacked room minus the organic one is exactly the attack's events.
  const key = (e: LiveEvent): string => `${e.eventTimeMs}|${JSON.stringify(LiveEvent.toJSON({ ...e, eventId: "" }))}`;
  const withoutIds = (e: LiveEvent): string => key(e).replace(/"commentId":"c-[0-9a-f]+"|"orderId":"o-[0-9a-f]+"/g, "");

  it.each(ADVERSARY_LABELS)("puts every %s event inside [attackStartMs, attackEndMs]", (label) => {
    for (let seed = 1; seed <= 4; seed++) {
      const spec: RoomSpec = { label };
      const [organic] = generateRoom(new Rng(seed), "r", { organic: true }, OPTIONS);
      const [attacked, truth] = generateRoom(new Rng(seed), "r", spec, OPTIONS);
      const remaining = new Map<string, number>();
      for (const e of organic) remaining.set(withoutIds(e), (remaining.get(withoutIds(e)) ?? 0) + 1);
      const fake = attacked.filter((e) => {
        const k = withoutIds(e);
        const n = remaining.get(k) ?? 0;
        if (n > 0) remaining.set(k, n - 1);
        return n === 0;
      });
      expect(fake.length).toBeGreaterThan(0);
      expect(Math.min(...fake.map((e) => e.eventTimeMs))).toBe(truth.attackStartMs);
      expect(Math.max(...fake.map((e) => e.eventTimeMs))).toBe(truth.attackEndMs);
    }
  });
});
