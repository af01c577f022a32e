import { Severity } from "@redline/proto";
import type { Visit } from "./account-state";
import { CrewDetector } from "./crew-detector";
import type { CrewFinding } from "./findings";
import { marksInCommon, noteScriptMark, scriptKindOf } from "./script-cohorts";
import { ActivityTraffic, MIN, T0, type RoomSpec } from "./testing/activity-traffic";

function visit(joined = true): Visit {
  return {
    roomId: "r1", streamerId: "s1", category: "food", roomStartedMs: T0, arrivedMs: T0, lastMs: T0, leftMs: 0, ipPrefix: "", concurrent: false, joined,
    dwellMs: 0, firstLikeOffsetMs: -1, firstCommentOffsetMs: -1, secondBurstOffsetMs: -1, lastLikeMs: 0, scriptPartners: [], scriptConfirmed: false,
  };
}

describe("script marks", () => {
  it("notes the first like, the first like of a second burst and the first comment, each once", () => {
    const v = visit();
    expect(noteScriptMark("a", v, "like", T0 + 30_000)).toEqual({ accountId: "a", arrivedMs: T0, kind: "like", offsetMs: 30_000 });
    expect(noteScriptMark("a", v, "like", T0 + 31_000)).toBeUndefined(); // the same burst
    expect(noteScriptMark("a", v, "like", T0 + 90_000)?.kind).toBe("burst");
    expect(noteScriptMark("a", v, "like", T0 + 200_000)).toBeUndefined(); // a third burst: only the second is kept
    expect(noteScriptMark("a", v, "comment", T0 + 40_000)?.offsetMs).toBe(40_000);
    expect(noteScriptMark("a", v, "comment", T0 + 50_000)).toBeUndefined();
    expect(scriptKindOf("follow")).toBeUndefined(); // a platform's follow prompt puts every follower on one offset
    expect(noteScriptMark("b", visit(false), "like", T0 + 30_000)).toBeUndefined(); // no join: no offset
  });

  it("counts the marks two visits made at the same offsets", () => {
    const a = { ...visit(), firstLikeOffsetMs: 30_000, secondBurstOffsetMs: 90_000, firstCommentOffsetMs: 40_000 };
    const b = { ...visit(), firstLikeOffsetMs: 32_500, secondBurstOffsetMs: 95_000, firstCommentOffsetMs: 41_000 };
    expect(marksInCommon(a, b, 3_000)).toBe(2);
    expect(marksInCommon(a, b, 1_000)).toBe(1);
  });
});

const ROOMS: RoomSpec[] = [
  { roomId: "r1", streamerId: "s1", category: "food", startedMs: T0 },
  { roomId: "r2", streamerId: "s2", category: "beauty", startedMs: T0 + 60 * MIN },
  { roomId: "r3", streamerId: "s3", category: "home", startedMs: T0 + 120 * MIN },
];
/** Lags behind the script of a click crew's people: no two arrive within 120 s, so none is ever in sync by arrival and departure. */
const LAGS_MS = [0, 150_000, 300_000, 440_000];
const CREW = ["c1", "c2", "c3", "c4"];

/** A click crew running one script (first like 90 s after joining, a second burst at 300 s) in three rooms; `shiftMs(room)` moves the script per room. */
function clickCrew(shiftMs: (room: number) => number = () => 0): ActivityTraffic {
  const t = new ActivityTraffic();
  for (const [i, room] of ROOMS.entries()) {
    for (const [k, id] of CREW.entries()) {
      const joinMs = room.startedMs + 2 * MIN + LAGS_MS[k]!;
      t.act(room, id, joinMs, "join");
      t.act(room, id, joinMs + 90_000 + shiftMs(i) + k * 500, "like");
      t.act(room, id, joinMs + 91_000 + shiftMs(i) + k * 500, "like");
      t.act(room, id, joinMs + 300_000 + shiftMs(i) - k * 500, "like");
      t.act(room, id, joinMs + 15 * MIN, "leave");
    }
  }
  return t;
}

function lastMediumFinding(detector: CrewDetector, t: ActivityTraffic): CrewFinding | undefined {
  let last: CrewFinding | undefined;
  for (const o of detector.ingestAll(t.sorted())) if (o.level === "account" && o.severity >= Severity.SEVERITY_MEDIUM) last = o;
  return last;
}

describe("script cohorts link a crew whose people lag its script by minutes", () => {
  it("names the crew from the offsets it repeats in every room, and not without the rule", () => {
    expect(lastMediumFinding(new CrewDetector({ linkByScriptCohort: 0, linkByTriangle: 0 }), clickCrew())).toBeUndefined();
    const finding = lastMediumFinding(new CrewDetector(), clickCrew());
    expect(finding?.accounts.slice().sort()).toEqual(CREW);
    expect(finding?.evidence.distinctStreamers).toBe(3);
  });

  it("does not link accounts whose offsets differ from room to room: no script, only chance", () => {
    expect(lastMediumFinding(new CrewDetector(), clickCrew((room) => room * 20_000))).toBeUndefined();
  });

  it("does not name a viewer who matched one of the script's marks in one room", () => {
    const t = clickCrew();
    const viewer = ROOMS[0]!.startedMs + 2 * MIN + 100_000;
    t.act(ROOMS[0]!, "o1", viewer, "join");
    t.act(ROOMS[0]!, "o1", viewer + 90_500, "like");
    t.act(ROOMS[0]!, "o1", viewer + 20 * MIN, "leave");
    expect(lastMediumFinding(new CrewDetector(), t)?.accounts).not.toContain("o1");
  });

  it("names a viewer who ran two of the script's marks with a confirmed member, and not when it needs three", () => {
    const t = clickCrew();
    const viewer = ROOMS[0]!.startedMs + 2 * MIN + 100_000;
    t.act(ROOMS[0]!, "o2", viewer, "join");
    t.act(ROOMS[0]!, "o2", viewer + 90_500, "like");
    t.act(ROOMS[0]!, "o2", viewer + 299_000, "like");
    t.act(ROOMS[0]!, "o2", viewer + 20 * MIN, "leave");
    expect(lastMediumFinding(new CrewDetector(), t)?.accounts).toContain("o2");
    expect(lastMediumFinding(new CrewDetector({ scriptCohortPartnerMarks: 3 }), t)?.accounts).not.toContain("o2");
  });
});
