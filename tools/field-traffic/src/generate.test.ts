import { LiveEvent } from "@redline/proto";
import { FieldOptions, generateFieldTraffic, generateRoom, planRooms } from "./generate";
import { HARD_NEGATIVE_KINDS } from "./hard-negatives";
import { shouldCatch } from "./should-catch";

const SMALL: FieldOptions = { attackedPerLabel: 2, hardNegatives: HARD_NEGATIVE_KINDS.length, organic: 3, roomsPerChunk: 4, maxAudience: 150 };

function all(seed: number, options = SMALL) {
  const chunks = [...generateFieldTraffic(seed, options).chunks];
  return { chunks, events: chunks.flatMap((c) => c.events), rooms: chunks.flatMap((c) => c.rooms) };
}

describe("generateFieldTraffic", () => {
  const run = all(7001);

  it("is the same for a seed and differs between seeds", () => {
    const again = all(7001);
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(run.events));
    expect(again.rooms).toEqual(run.rooms);
    const plan = planRooms(7002, SMALL);
    expect(generateRoom(7002, 0, plan[0]!, SMALL).events.slice(0, 50)).not.toEqual(run.events.slice(0, 50));
  });

  it("sorts each chunk by event time and keeps chunks to whole rooms", () => {
    for (const chunk of run.chunks) {
      for (let i = 1; i < chunk.events.length; i++) expect(chunk.events[i]!.eventTimeMs).toBeGreaterThanOrEqual(chunk.events[i - 1]!.eventTimeMs);
      const ids = new Set(chunk.rooms.map((r) => r.roomId));
      expect(chunk.events.every((e) => ids.has(e.roomId))).toBe(true);
      expect(chunk.rooms.length).toBeLessThanOrEqual(4);
    }
  });

  it("produces events the contract encodes and decodes unchanged, in binary and JSON, with unique ids", () => {
    const broken: string[] = [];
    for (const e of run.events) {
      const json = JSON.stringify(LiveEvent.toJSON(e));
      const viaBinary = JSON.stringify(LiveEvent.toJSON(LiveEvent.decode(LiveEvent.encode(e).finish())));
      const viaJson = JSON.stringify(LiveEvent.toJSON(LiveEvent.fromJSON(JSON.parse(json))));
      if (e.body === undefined || viaBinary !== json || viaJson !== json) broken.push(e.eventId);
    }
    expect(broken).toEqual([]);
    expect(LiveEvent.decode(LiveEvent.encode(run.events[0]!).finish())).toEqual(run.events[0]);
    expect(new Set(run.events.map((e) => e.eventId)).size).toBe(run.events.length);
  });

  it("labels every room consistently with the catch rule and its own span", () => {
    for (const r of run.rooms) {
      const own = run.events.filter((e) => e.roomId === r.roomId);
      expect(own.length).toBeGreaterThan(0);
      if (r.label === null) {
        expect(r.attackStartMs).toBeNull();
        expect(r.shouldCatch).toBe(false);
        continue;
      }
      expect(r.hardNegative).toBeNull();
      expect(r.shouldCatch).toBe(shouldCatch(r.params.share as number, r.params.tells as number));
      expect(r.attackStartMs!).toBeGreaterThanOrEqual(own[0]!.eventTimeMs);
      expect(r.attackStartMs!).toBeLessThan(own[own.length - 1]!.eventTimeMs);
      for (const v of Object.values(r.params)) expect(["number", "string"]).toContain(typeof v);
    }
  });

  it("regenerates a room identically on its own, whatever chunk held it", () => {
    const plan = planRooms(7001, SMALL);
    const alone = generateRoom(7001, 5, plan[5]!, SMALL);
    const inRun = run.events.filter((e) => e.roomId === alone.rooms[0]!.roomId);
    expect(inRun).toEqual(alone.events);
  });
});

describe("planRooms", () => {
  it("holds 30 attacked rooms per label, 120 hard negatives over every kind and 60 organic rooms of three sizes", () => {
    const plan = planRooms(7003);
    expect(plan).toHaveLength(300);
    const count = (f: (p: (typeof plan)[number]) => boolean) => plan.filter(f).length;
    for (const label of ["FAKE_VIEWS", "FAKE_LIKES", "FAKE_FOLLOWS", "FAKE_ORDERS"]) {
      expect(count((p) => p.type === "attack" && p.label === label)).toBe(30);
    }
    for (const kind of HARD_NEGATIVE_KINDS) {
      const n = count((p) => p.type === "hard_negative" && p.kind === kind);
      expect(n).toBeGreaterThanOrEqual(8);
      expect(n).toBeLessThanOrEqual(9);
    }
    for (const band of ["small", "medium", "large"]) expect(count((p) => p.type === "organic" && p.band === band)).toBe(20);
    // Shuffled: the first chunk is not all one label.
    expect(new Set(plan.slice(0, 10).map((p) => p.type)).size).toBeGreaterThan(1);
  });

  it("covers every legitimate crowd the threat model lists", () => {
    const listed = ["flash_sale", "countdown_drop", "viral_push", "like_giveaway", "raid", "lucky_bag", "family_devices",
      "campus_network", "new_user_campaign", "price_drop_refunds", "loyal_fans"];
    for (const kind of listed) expect(HARD_NEGATIVE_KINDS).toContain(kind);
  });
});
