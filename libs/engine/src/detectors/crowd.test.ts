import type { LiveEvent } from "@redline/proto";
import { DEFAULT_ENGINE_CONFIG } from "../config";
import { applyFalsification } from "../falsification";
import { createRoomState, type RoomState } from "../room-state";
import { actor, join, leave, seeded, T0 } from "../testing/event-builders";
import { organicRoom } from "../testing/organic";
import { detectCohort, judgeCohort } from "./cohort";
import { crowdOf } from "./room-signals";
import { NO_CROWD } from "./tells";
import { WindowFeatureSums } from "./window-features";

const ROOM = "room-crowd";
const DAY = 86_400_000;
// Ghosts that only ever came three times would show `ghost_visits` first (rules-21); the crowd's tally is under test here.
const cfg = { ...DEFAULT_ENGINE_CONFIG, falsification: { ...DEFAULT_ENGINE_CONFIG.falsification, ghostOnlyVisits: 0 } };
const f = cfg.falsification;
const JUDGED_AT = T0 + 610_000;

/** An organic room, plus (when `ghosts`) aged accounts that come back for seconds three times each: a ghost crowd. */
function eventsWith(ghosts: number): LiveEvent[] {
  const rand = seeded(5);
  const events: LiveEvent[] = organicRoom(ROOM, { seed: 3, viewersPerMinute: 20, durationMs: 10 * 60_000 });
  for (let b = 0; b < ghosts; b++) {
    const bot = actor(`ghost-${b}`, { createdMs: T0 - (60 + b) * DAY, device: `g-dev-${b}`, ip: `100.64.${b % 250}.0/24` });
    for (let v = 0; v < 3; v++) {
      const t = T0 + 240_000 + Math.floor(((v + rand()) * 360_000) / 3);
      events.push(join(ROOM, t, bot), leave(ROOM, t + 500 + Math.floor(rand() * 3_500), bot));
    }
  }
  // Judged just after the ghosts' last visit, while they are still most of the window.
  return events.filter((e) => e.eventTimeMs <= JUDGED_AT).sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
}

function roomOf(events: readonly LiveEvent[]): RoomState {
  const room = createRoomState(ROOM, T0);
  for (const e of events) applyFalsification(room, e, cfg);
  return room;
}

describe("the views crowd tallied in the cohort's own pass (judgeCohort)", () => {
  it.each([
    ["a ghost crowd, judged again with it", 300],
    ["no crowd, judged once", 0],
  ])("finds what crowdOf then detectCohort find: %s", (_, ghosts) => {
    const events = eventsWith(ghosts);
    const a = roomOf(events);
    const crowd = crowdOf(a, "views", JUDGED_AT, f);
    const twoPasses = detectCohort(a, "views", JUDGED_AT, f, cfg.maxEvidenceIds, crowd);
    const onePass = judgeCohort(roomOf(events), "views", JUDGED_AT, f, cfg.maxEvidenceIds);
    expect(onePass.crowd).toBe(crowd);
    expect(onePass.crowd.ghostCrowd).toBe(ghosts > 0);
    expect(onePass.finding).toEqual(twoPasses);
    if (ghosts > 0) expect(onePass.finding?.signals.some((s) => s.name === "tell_ghost_crowd")).toBe(true);
  });

  it("reads no crowd for a kind other than views", () => {
    expect(judgeCohort(roomOf(eventsWith(300)), "likes", JUDGED_AT, f, cfg.maxEvidenceIds).crowd).toBe(NO_CROWD);
  });
});

describe("the window's total activity summed only past the floor", () => {
  it("gives the share a pass that weighs every account gives (the combiner's features make it weigh them all)", () => {
    const events = eventsWith(300);
    const lazy = detectCohort(roomOf(events), "views", JUDGED_AT, f, cfg.maxEvidenceIds, crowdOf(roomOf(events), "views", JUDGED_AT, f));
    const eager = detectCohort(roomOf(events), "views", JUDGED_AT, f, cfg.maxEvidenceIds, crowdOf(roomOf(events), "views", JUDGED_AT, f), new WindowFeatureSums());
    expect(lazy).not.toBeNull();
    expect(lazy!.signals.find((s) => s.name === "suspicious_activity_share")!.value).toBeGreaterThan(0);
    expect(lazy).toEqual(eager);
  });
});
