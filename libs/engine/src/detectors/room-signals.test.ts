import { DEFAULT_ENGINE_CONFIG } from "../config";
import { RiskEngine } from "../engine";
import { applyFalsification } from "../falsification";
import { createRoomState, type RoomState } from "../room-state";
import { actor, comment, join, T0 } from "../testing/event-builders";
import type { LiveEvent } from "@redline/proto";
import { roomSignalsOf } from "./room-signals";

const cfg = DEFAULT_ENGINE_CONFIG;
const f = cfg.falsification;
const DAY_MS = 86_400_000;

function roomOf(events: readonly LiveEvent[]): RoomState {
  const room = createRoomState("r", T0);
  for (const e of events) applyFalsification(room, e, cfg);
  return room;
}

/** Ten viewers: four on one phone, two of them fresh; three others comment; all joined in the first 10 s. */
function tenViewers(): LiveEvent[] {
  const events: LiveEvent[] = [];
  for (let i = 0; i < 10; i++) {
    const onPhone = i < 4;
    const who = actor(`u${i}`, { device: onPhone ? "phone" : undefined, createdMs: i < 2 ? T0 - 2 * DAY_MS : undefined, ip: `10.0.${i}.0/24` });
    events.push(join("r", T0 + i * 1000, who));
    if (i >= 7) events.push(comment("r", T0 + 15_000 + i, who));
  }
  return events;
}

describe("roomSignalsOf", () => {
  it("gives each share over the settled viewers of the window", () => {
    const s = roomSignalsOf(roomOf(tenViewers()), "views", T0 + 60_000, f);
    expect(s?.accounts).toBe(10);
    expect(s?.values).toEqual({
      fresh_share: 0.2,
      shared_device_share: 0.4,
      dense_subnet_share: 0,
      top_subnet_share: 0.1,
      silent_share: 0.7,
      short_visit_share: 0,
      // The two fresh accounts on the shared phone stack two identity tells each.
      stacked_identity_share: 0.2,
    });
  });

  it("leaves out viewers who have not settled yet, and says nothing under the minimum of accounts", () => {
    const room = roomOf(tenViewers());
    // 5 s after the last join: viewers who joined in the last 30 s have not settled (all ten).
    expect(roomSignalsOf(room, "views", T0 + 14_000, f)).toBeNull();
    expect(roomSignalsOf(room, "views", T0 + 60_000, f, 11)).toBeNull();
  });

  it("counts only accounts still inside the window and does not prune it", () => {
    const room = roomOf(tenViewers());
    const size = room.cohort.windows.views.size;
    expect(roomSignalsOf(room, "views", T0 + f.viewsWindowMs + 5_500, f, 1)?.accounts).toBe(4);
    expect(room.cohort.windows.views.size).toBe(size);
  });

  it("is what the engine reports per live room and kind, where the window holds enough accounts", () => {
    const engine = new RiskEngine();
    for (const e of tenViewers()) engine.ingest(e);
    engine.flush();
    const reported = engine.roomSignals(T0 + 60_000, 5);
    expect(reported.map((r) => [r.roomId, r.signals.kind, r.signals.accounts])).toEqual([["r", "views", 10]]);
    expect(reported[0]!.signals.values.silent_share).toBe(0.7);
    expect(engine.roomSignals(T0 + 60_000, 11)).toEqual([]);
  });
});
