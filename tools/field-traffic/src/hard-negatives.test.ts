import { LiveEvent } from "@redline/proto";
import { generateRoom } from "./generate";
import { HARD_NEGATIVE_KINDS } from "./hard-negatives";

const OPTS = { maxAudience: 200 };
const actorOf = (e: LiveEvent) => {
  const b = e.body;
  if (b === undefined) return undefined;
  switch (b.$case) {
    case "view":
    case "like":
    case "follow":
      return b.value.user;
    case "comment":
      return b.value.author;
    case "transaction":
      return b.value.buyer;
    default:
      return undefined;
  }
};

function accountsPer(events: LiveEvent[], key: "deviceId" | "ipPrefix"): number[] {
  const groups = new Map<string, Set<string>>();
  for (const e of events) {
    const a = actorOf(e);
    if (a === undefined) continue;
    const set = groups.get(a[key]) ?? new Set<string>();
    set.add(a.userId);
    groups.set(a[key], set);
  }
  return [...groups.values()].map((s) => s.size);
}

const orders = (events: LiveEvent[]) =>
  events.filter((e) => e.body?.$case === "transaction" && e.body.value.kind === 1).map((e) => e.eventTimeMs);

describe("hard negatives carry the look-alike signal they are there for", () => {
  const room = (kind: string, index: number) => generateRoom(7004, index, { type: "hard_negative", kind }, OPTS);

  it("every kind is a labelled, innocent room", () => {
    HARD_NEGATIVE_KINDS.forEach((kind, i) => {
      const { rooms, events } = room(kind, i);
      expect(rooms[0]).toMatchObject({ label: null, hardNegative: kind, attackStartMs: null, shouldCatch: false });
      expect(events.length).toBeGreaterThan(100);
    });
  });

  it("campus_network puts many accounts behind one /24; family_devices shares phones among 2–4 only", () => {
    expect(Math.max(...accountsPer(room("campus_network", 1).events, "ipPrefix"))).toBeGreaterThanOrEqual(25);
    const perDevice = accountsPer(room("family_devices", 2).events, "deviceId");
    expect(perDevice.filter((n) => n >= 2).length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...perDevice)).toBeLessThanOrEqual(4);
  });

  it("flash_sale and countdown_drop burst orders: >= 30 within three minutes", () => {
    for (const kind of ["flash_sale", "countdown_drop"]) {
      const t = orders(room(kind, 3).events).sort((a, b) => a - b);
      const most = Math.max(...t.map((x) => t.filter((y) => y >= x && y < x + 180_000).length));
      expect(most).toBeGreaterThanOrEqual(30);
    }
  });

  it("reconnect_storm leaves JOINs with no LEAVE between them", () => {
    const { events, rooms } = room("reconnect_storm", 7);
    const dropped = rooms[0]!.params.dropped as number;
    expect(dropped).toBeGreaterThanOrEqual(10);
    const open = new Set<string>();
    let doubleJoins = 0;
    for (const e of events) {
      if (e.body?.$case !== "view") continue;
      const id = e.body.value.user!.userId;
      if (e.body.value.kind === 1) {
        if (open.has(id)) doubleJoins++;
        open.add(id);
      } else open.delete(id);
    }
    // 60 % of the dropped lose their LEAVE; organic reconnects add a few more.
    expect(doubleJoins).toBeGreaterThanOrEqual(Math.floor(dropped * 0.4));
  });
});
