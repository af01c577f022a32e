import type { Alert, LiveEvent } from "@redline/proto";
import { Severity } from "@redline/proto";
import { DEFAULT_ENGINE_CONFIG } from "../config";
import { applyFalsification } from "../falsification";
import { createRoomState } from "../room-state";
import { alertsFor } from "../testing/run-engine";
import { actor, follow, join, leave, seeded, T0 } from "../testing/event-builders";
import { organicRoom } from "../testing/organic";
import { cohortWindow } from "./cohort-state";
import { DEFAULT_FALSIFICATION_CONFIG } from "./falsification-config";
import { markScriptedFollowers } from "./scripted-follows";
import { ARRIVAL_BIT } from "./tells";

const ROOM = "room-sf";
const DAY = 86_400_000;
const f = DEFAULT_FALSIFICATION_CONFIG;

const followAlerts = (events: LiveEvent[], config?: Parameters<typeof alertsFor>[1]): Alert[] =>
  alertsFor(events, config).filter((a) => a.subcategory === "FAKE_FOLLOWS" && a.severity >= Severity.SEVERITY_MEDIUM);

/**
 * Aged accounts, each on its own phone and /24, arriving over `spreadMs` and following `delayMs` after their own
 * JOIN, give or take `jitterMs`: a bought-follow script, or (with a wide jitter) a raid's viewers following soon.
 */
function followers(prefix: string, n: number, delayMs: number, jitterMs: number, spreadMs: number, seed: number): LiveEvent[] {
  const rand = seeded(seed);
  const out: LiveEvent[] = [];
  for (let i = 0; i < n; i++) {
    const a = actor(`${prefix}-${i}`, { createdMs: T0 - (200 + i) * DAY, device: `${prefix}-dev-${i}`, ip: `100.${seed}.${i}.0/24` });
    const at = T0 + 300_000 + Math.floor(rand() * spreadMs);
    const delay = delayMs + Math.floor((rand() * 2 - 1) * jitterMs);
    out.push(join(ROOM, at, a), follow(ROOM, at + delay, a), leave(ROOM, at + delay + 60_000, a));
  }
  return out;
}

describe("followers on one script (rules-22)", () => {
  const room = () => organicRoom(ROOM, { seed: 4, viewersPerMinute: 40, durationMs: 15 * 60_000 });

  it("fires on twelve aged accounts that each follow eight seconds after joining, give or take a tenth", () => {
    const alerts = followAlerts([...room(), ...followers("bot", 12, 8_000, 100, 140_000, 21)]);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0]!.explanation!.signals.find((s) => s.name === "tell_scheduled_timing")!.value).toBeGreaterThan(0.5);
  });

  it("stays quiet on a raid of 150 viewers following two to eight seconds after they arrive: delays agree by chance, none stand out", () => {
    expect(followAlerts([...room(), ...followers("raid", 150, 5_000, 3_000, 60_000, 22)])).toEqual([]);
  });

  it("leaves the script alone when scriptedFollowAccounts is off", () => {
    const off = { falsification: { ...DEFAULT_FALSIFICATION_CONFIG, scriptedFollowAccounts: 0 } };
    expect(followAlerts([...room(), ...followers("bot", 12, 8_000, 100, 140_000, 21)], off)).toEqual([]);
  });

  it("marks only the followers inside the band, and none below the floor", () => {
    const events = [...followers("bot", 8, 8_000, 100, 140_000, 23), ...followers("late", 3, 20_000, 100, 140_000, 24)];
    events.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
    const state = createRoomState(ROOM, T0);
    // Applied with the rule off: the engine judges the window as it goes and would mark the batch itself.
    const off = { ...DEFAULT_ENGINE_CONFIG, falsification: { ...f, scriptedFollowAccounts: 0 } };
    for (const e of events) applyFalsification(state, e, off);
    const window = cohortWindow(state.cohort, "follows");
    markScriptedFollowers(state, window, T0, { ...f, scriptedFollowAccounts: 9 });
    expect([...state.accounts.values()].some((s) => (s.scheduledArrivals & ARRIVAL_BIT.follows) !== 0)).toBe(false);
    markScriptedFollowers(state, window, T0, f);
    const marked = [...state.accounts.entries()].filter(([, s]) => (s.scheduledArrivals & ARRIVAL_BIT.follows) !== 0).map(([id]) => id).sort();
    expect(marked).toEqual(Array.from({ length: 8 }, (_, i) => `bot-${i}`).sort());
  });
});
