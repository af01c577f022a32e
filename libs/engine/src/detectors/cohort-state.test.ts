import { addToKey, MAX_ACCOUNTS_PER_KEY, type KeyAccounts } from "./cohort-state";

describe("addToKey", () => {
  it("makes a new key holding its first account, counted fresh when it is", () => {
    const keys = new Map<string, KeyAccounts>();
    expect(addToKey(keys, "10.0.1.0/24", "u1", true, 10)).toBe(1);
    expect(addToKey(keys, "10.0.2.0/24", "u2", false, 10)).toBe(1);
    expect(keys.get("10.0.1.0/24")).toEqual({ accounts: ["u1"], fresh: 1 });
    expect(keys.get("10.0.2.0/24")).toEqual({ accounts: ["u2"], fresh: 0 });
  });

  it("adds further accounts in arrival order, each once, and counts only the fresh ones", () => {
    const keys = new Map<string, KeyAccounts>();
    addToKey(keys, "k", "u1", false, 10);
    expect(addToKey(keys, "k", "u2", true, 10)).toBe(2);
    expect(addToKey(keys, "k", "u1", true, 10)).toBe(2);
    expect(addToKey(keys, "k", "u3", true, 10)).toBe(3);
    expect(keys.get("k")).toEqual({ accounts: ["u1", "u2", "u3"], fresh: 2 });
  });

  it("stops tracking a key's accounts at the cap and leaves an empty key uncounted", () => {
    const keys = new Map<string, KeyAccounts>();
    for (let i = 0; i < MAX_ACCOUNTS_PER_KEY + 5; i++) addToKey(keys, "k", `u${i}`, true, 10);
    expect(keys.get("k")!.accounts).toHaveLength(MAX_ACCOUNTS_PER_KEY);
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
