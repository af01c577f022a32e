import { accountActions, accountInputs, accountRows, compareAlerts, failedRules, type ScenarioAccount } from "./accounting";
import { hoursFor, sortByEventTime } from "./load";
import { slope, summarize } from "./soak";

describe("fault-suite accounting", () => {
  it("accounts inputs from the engine's positions against the ends, with dead letters by reason", () => {
    const ends = new Map([["t:0", 10], ["t:1", 5]]);
    const all = accountInputs(ends, new Map([["t:0", 10], ["t:1", 5]]), ["UNDECODABLE", "UNDECODABLE", "MISSING_FIELD"], 0);
    expect(all).toMatchObject({ records: 15, consumed: 15, deadLettered: 3, applied: 12, behind: [] });
    expect(all.deadLetteredByReason).toEqual({ UNDECODABLE: 2, MISSING_FIELD: 1 });
    const short = accountInputs(ends, new Map([["t:0", 7]]), [], 0);
    expect(short.behind).toEqual([{ topicPartition: "t:0", missing: 3 }, { topicPartition: "t:1", missing: 5 }]);
    // Held events are not applied yet: nothing is claimed applied.
    expect(accountInputs(ends, new Map([["t:0", 10], ["t:1", 5]]), [], 1).applied).toBe(0);
  });

  it("finds actions lost on the way, two effects for one id, and applies nobody published", () => {
    const a = (actionId: string, effect = "block") => ({ actionId, effect });
    const r = accountActions([a("1"), a("2"), a("2"), a("3", "label")], [a("1"), a("1"), a("3", "block"), a("9")]);
    expect(r).toMatchObject({ published: 3, publishedRecords: 4, calls: 4, reachedPlatform: 2, lost: ["2"], conflicting: ["3"], unknown: ["9"] });
    expect(accountActions([a("1")], [a("1"), a("1")])).toMatchObject({ lost: [], conflicting: [], unknown: [] });
  });

  it("counts rows under FINAL: missing, twice, unexpected", () => {
    expect(accountRows(new Set(["a", "b", "c"]), ["a", "b", "b", "x"])).toEqual({ expected: 3, present: 3, missing: ["c"], duplicated: ["b"], unexpected: ["x"] });
  });

  it("compares alerts with replay's both ways", () => {
    expect(compareAlerts(new Set(["a", "b"]), new Set(["b", "c"]))).toEqual({ raised: 2, replayed: 2, missing: ["c"], extra: ["a"] });
  });

  it("names every broken rule and none for a clean run", () => {
    const clean: ScenarioAccount = {
      inputs: accountInputs(new Map([["t:0", 2]]), new Map([["t:0", 2]]), [], 0),
      actions: accountActions([{ actionId: "1", effect: "x" }], [{ actionId: "1", effect: "x" }]),
      archive: { alerts: accountRows(new Set(["a"]), ["a"]), actions: accountRows(new Set(["1"]), ["1"]), evidence: accountRows(new Set(), []) },
      alerts: compareAlerts(new Set(["a"]), new Set(["a"])),
      crashes: 0,
    };
    expect(failedRules(clean)).toEqual([]);
    const broken: ScenarioAccount = {
      ...clean,
      actions: accountActions([{ actionId: "1", effect: "x" }], []),
      archive: { ...clean.archive, alerts: accountRows(new Set(["a"]), ["a", "a"]) },
      crashes: 1,
    };
    expect(failedRules(broken)).toEqual(["1 actions never reached the platform", "1 alerts rows twice under FINAL", "1 crashes"]);
    // The load is valid events only: one refused in an outage is a failure, not an accounted record.
    const refused: ScenarioAccount = { ...clean, inputs: accountInputs(new Map([["t:0", 2]]), new Map([["t:0", 2]]), ["HANDLER_FAILED"], 0) };
    expect(failedRules(refused)).toEqual(["1 valid input records dead-lettered (HANDLER_FAILED 1)"]);
  });
});

describe("the fault suite's load", () => {
  it("is ordered by event time, then event id, whatever the simulator's jitter", () => {
    const line = (id: string, t: number | string) => JSON.stringify({ eventId: id, roomId: "r", eventTimeMs: t, comment: { text: "a \"quoted\" eventId" } });
    expect(sortByEventTime([line("b", 20), line("c", "10"), line("a", 20), "", line("d", 5)]).map((l) => (JSON.parse(l) as { eventId: string }).eventId)).toEqual(["d", "c", "a", "b"]);
  });

  it("asks for enough simulated hours at ~150 events per simulated second", () => {
    expect(hoursFor(2000, 60)).toBe(1);
    expect(hoursFor(2000, 340)).toBe(2);
    expect(hoursFor(2000, 1800)).toBe(7);
    expect(hoursFor(500, 12, 0.1)).toBe(1);
  });
});

describe("the soak's slopes", () => {
  it("fits a line by least squares and reads a flat series as 0", () => {
    expect(slope([0, 1, 2, 3], [10, 12, 14, 16])).toBeCloseTo(2);
    expect(slope([0, 1, 2, 3], [5, 5, 5, 5])).toBe(0);
    expect(slope([1], [3])).toBe(0);
  });

  it("summarizes RSS and state over the second half only, in MB per minute", () => {
    const mb = 1024 * 1024;
    const sample = (atS: number, rssMb: number) => ({
      atS,
      rssBytes: { "risk-engine": rssMb * mb, "action-dispatcher": 50 * mb, "alert-gateway": 50 * mb, archiver: 50 * mb },
      stateBytes: 2 * mb,
      lag: 0,
    });
    // Warm-up growth in the first half is not counted.
    const s = summarize([sample(0, 100), sample(60, 300), sample(120, 400), sample(180, 400)]);
    expect(s.rssSlopeMbPerMin["risk-engine"]).toBeCloseTo(0);
    expect(s.rssLastMb["risk-engine"]).toBe(400);
    expect(s.stateSlopeMbPerMin).toBe(0);
  });
});
