import type { Actor, LiveEvent } from "@redline/proto";
import { resolveEngineConfig } from "./config";
import { applyContent } from "./detectors/content";
import { applyFalsification } from "./falsification";
import { createRoomState } from "./room-state";
import { decodeRoom, encodeRoom, roomToPlain } from "./room-codec";
import { actor, join, like, T0 } from "./testing/event-builders";
import type { TextScorer, TextScores } from "./detectors/text-scorer";

const ROOM = "room-codec";
const cfg = resolveEngineConfig();

/** "HAR" in a text scores 0.95 harassment; everything else is harmless. */
const scorer: TextScorer = {
  version: "fake",
  classify: (text: string): TextScores => ({ NEGATIVE_REVIEW: 0.02, HARASSMENT: text.includes("HAR") ? 0.95 : 0.02, DIVERSION: 0.02, PROHIBITED: 0.02, MINOR_RISK: 0.02 }),
};
const comment = (t: number, author: Actor, text: string): LiveEvent => ({ eventId: `c${t}`, roomId: ROOM, eventTimeMs: t, platform: "p", body: { $case: "comment", value: { commentId: `c${t}`, author, text } } });

function ordinaryRoom(): ReturnType<typeof createRoomState> {
  const room = createRoomState(ROOM, T0);
  for (let a = 0; a < 6; a++) {
    const user = actor(`u${a}`);
    for (const e of [join(ROOM, T0 + a * 1_000, user), like(ROOM, T0 + a * 1_000 + 300, user, 2), comment(T0 + a * 1_000 + 600, user, "nice")]) {
      applyFalsification(room, e, cfg);
      applyContent(room, e, cfg, scorer);
    }
  }
  return room;
}

describe("room codec (#15)", () => {
  it("makes no flood or minor-risk state for an ordinary room's texts, and only the flagged label's flood for a flagged one", () => {
    const room = ordinaryRoom();
    expect(room.content!.floods).toEqual({});
    expect(room.content!.minor).toBeUndefined();
    applyContent(room, comment(T0 + 9_000, actor("rude"), "HAR"), cfg, scorer);
    expect(Object.keys(room.content!.floods)).toEqual(["HARASSMENT"]);
  });

  it("writes every flood and the minor-risk state into snapshots, empty, as they were made up front", () => {
    const plain = roomToPlain(ordinaryRoom(), cfg) as { content: { floods: Record<string, { pending: unknown[]; standing: { head: number } }>; minor: { texts: { head: number } } } };
    expect(Object.keys(plain.content.floods)).toEqual(["HARASSMENT", "DIVERSION", "PROHIBITED"]);
    expect(plain.content.floods.DIVERSION!.pending).toEqual([]);
    expect(plain.content.floods.DIVERSION!.standing.head).toBe(-1);
    expect(plain.content.minor.texts.head).toBe(-1);
  });

  it("makes no follows or orders window, cadence, payment, address, ring or creation-hour state for a room that only views and likes", () => {
    const { cohort } = ordinaryRoom();
    expect(Object.keys(cohort.windows)).toEqual(["views", "likes"]);
    expect(Object.keys(cohort.cadence)).toEqual(["views"]);
    expect(cohort.freshCadence).toEqual({});
    expect([cohort.payments, cohort.addresses, cohort.rings, cohort.freshCreatedHours]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("writes every cohort part into snapshots, in the order they were made up front, empty where absent", () => {
    const plain = roomToPlain(ordinaryRoom(), cfg) as { cohort: Record<string, unknown> & { windows: object; cadence: Record<string, { lastMs: number; gapsMs: number[] }> } };
    expect(Object.keys(plain.cohort)).toEqual(["windows", "cadence", "freshCadence", "subnets", "payments", "addresses", "rings", "freshCreatedHours"]);
    expect(Object.keys(plain.cohort.windows)).toEqual(["views", "likes", "follows", "orders"]);
    expect(plain.cohort.cadence.follows).toEqual({ lastMs: -1, gapsMs: [] });
    expect(plain.cohort.cadence.views!.lastMs).toBe(T0 + 5_000);
    expect(plain.cohort.rings).toEqual({ parent: new Map(), size: new Map() });
  });

  it("restores a room whose slots and snapshot bytes are those it was encoded from", () => {
    const room = ordinaryRoom();
    const bytes = encodeRoom(room, cfg);
    const restored = decodeRoom(bytes);
    expect(Buffer.from(encodeRoom(restored, cfg)).equals(Buffer.from(bytes))).toBe(true);
    expect(restored.accounts.get("u3")!.toPlain()).toEqual(room.accounts.get("u3")!.toPlain());
    // The restored room goes on in columns of its own: a new account does not disturb the others.
    applyFalsification(restored, like(ROOM, T0 + 20_000, actor("late"), 5), cfg);
    expect(restored.accounts.get("late")!.maxTapsPerEvent).toBe(5);
    expect(restored.accounts.get("u3")!.maxTapsPerEvent).toBe(2);
  });

  it("writes a device's lone account as a list of one, as before #15, and holds it as its id again when restored", () => {
    const room = ordinaryRoom();
    applyFalsification(room, join(ROOM, T0 + 9_000, actor("sister", { device: "dev-u2" })), cfg);
    expect([room.devices.get("dev-u1"), room.devices.get("dev-u2")]).toEqual(["u1", ["u2", "sister"]]);
    const plain = roomToPlain(room, cfg) as { devices: Map<string, string[]> };
    expect([plain.devices.get("dev-u1"), plain.devices.get("dev-u2")]).toEqual([["u1"], ["u2", "sister"]]);
    expect([...plain.devices.keys()]).toEqual([...room.devices.keys()]);
    const restored = decodeRoom(encodeRoom(room, cfg));
    expect([...restored.devices]).toEqual([...room.devices]);
  });
});
