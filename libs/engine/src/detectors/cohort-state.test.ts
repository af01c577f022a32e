import { addToKey, createCohortState, keyAccountList, keyCount, keysFromPlain, MAX_ACCOUNTS_PER_KEY, plainCohortState, type KeyAccounts } from "./cohort-state";

describe("addToKey", () => {
  it("makes a new key holding its first account (its id, no array), counted fresh when it is", () => {
    const keys = new Map<string, KeyAccounts>();
    expect(addToKey(keys, "10.0.1.0/24", "u1", true, 10)).toBe(1);
    expect(addToKey(keys, "10.0.2.0/24", "u2", false, 10)).toBe(1);
    expect(keys.get("10.0.1.0/24")).toEqual({ ids: "u1", fresh: 1 });
    expect(keys.get("10.0.2.0/24")).toEqual({ ids: "u2", fresh: 0 });
    expect(keyAccountList(keys.get("10.0.1.0/24")!)).toEqual(["u1"]);
  });

  it("adds further accounts in arrival order, each once, and counts only the fresh ones", () => {
    const keys = new Map<string, KeyAccounts>();
    addToKey(keys, "k", "u1", false, 10);
    expect(addToKey(keys, "k", "u1", true, 10)).toBe(1);
    expect(keys.get("k")).toEqual({ ids: "u1", fresh: 0 });
    expect(addToKey(keys, "k", "u2", true, 10)).toBe(2);
    expect(addToKey(keys, "k", "u1", true, 10)).toBe(2);
    expect(addToKey(keys, "k", "u3", true, 10)).toBe(3);
    expect(keys.get("k")).toEqual({ ids: ["u1", "u2", "u3"], fresh: 2 });
    expect(keyCount(keys.get("k")!)).toBe(3);
  });

  it("stops tracking a key's accounts at the cap and leaves an empty key uncounted", () => {
    const keys = new Map<string, KeyAccounts>();
    for (let i = 0; i < MAX_ACCOUNTS_PER_KEY + 5; i++) addToKey(keys, "k", `u${i}`, true, 10);
    expect(keyCount(keys.get("k")!)).toBe(MAX_ACCOUNTS_PER_KEY);
    expect(keys.get("k")!.fresh).toBe(MAX_ACCOUNTS_PER_KEY);
    expect(addToKey(keys, "", "u1", true, 10)).toBe(1);
    expect(keys.has("")).toBe(false);
  });

  it("evicts the oldest key past the map's capacity", () => {
    const keys = new Map<string, KeyAccounts>();
    for (const k of ["a", "b", "c"]) addToKey(keys, k, "u1", false, 2);
    expect([...keys.keys()]).toEqual(["b", "c"]);
  });
});

describe("keys in snapshots", () => {
  it("writes every key's accounts as an array, as before #15, and reads them back in memory's form", () => {
    const cohort = createCohortState();
    addToKey(cohort.subnets, "a", "u1", true, 10);
    addToKey(cohort.subnets, "b", "u2", false, 10);
    addToKey(cohort.subnets, "b", "u3", true, 10);
    cohort.subnets.get("b")!.cadence = { lastMs: 5, gapsMs: [1] };
    const plain = plainCohortState(cohort).subnets as unknown as Map<string, { accounts: string[]; fresh: number }>;
    expect([...plain.entries()]).toEqual([["a", { accounts: ["u1"], fresh: 1 }], ["b", { accounts: ["u2", "u3"], fresh: 1, cadence: { lastMs: 5, gapsMs: [1] } }]]);
    expect(Object.keys(plain.get("b")!)).toEqual(["accounts", "fresh", "cadence"]);
    expect(keysFromPlain(plain)).toEqual(cohort.subnets);
  });
});
