import { accountActions, accountInputs, accountRows, compareAlerts, failedRules, type ScenarioAccount } from "./accounting";

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
  });
});
