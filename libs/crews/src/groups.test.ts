import { type AccountState, newAccountState } from "./account-state";
import { resolveCrewConfig } from "./config";
import { GroupStore } from "./groups";

function store(maxCrewAccounts = 60) {
  const accounts = new Map<string, AccountState>();
  const account = (id: string) => accounts.get(id) ?? accounts.set(id, newAccountState(id, 0)).get(id)!;
  const groups = new GroupStore(resolveCrewConfig({ maxCrewAccounts, minCrewAccounts: 2 }), (id) => accounts.get(id));
  return { account, groups };
}

describe("GroupStore", () => {
  it("merges two groups into the older one, moving every member", () => {
    const { account, groups } = store();
    const first = groups.link(account("a"), account("b"), 1)!;
    const second = groups.link(account("c"), account("d"), 2)!;
    const merged = groups.link(account("b"), account("c"), 3)!;
    expect(merged.id).toBe(first.id);
    expect(merged.members.sort()).toEqual(["a", "b", "c", "d"]);
    expect(groups.get(second.id)).toBeUndefined();
    expect(["a", "b", "c", "d"].map((id) => account(id).groupId)).toEqual([first.id, first.id, first.id, first.id]);
  });

  it("marks a group that grows past maxCrewAccounts a crowd and keeps its member list bounded", () => {
    const { account, groups } = store(3);
    let group = groups.link(account("a"), account("b"), 1)!;
    for (const id of ["c", "d", "e"]) group = groups.link(account("a"), account(id), 2)!;
    expect(group.crowd).toBe(true);
    expect(group.members.length).toBe(3);
  });

  it("takes an evicted account out of its group and drops the group when it empties", () => {
    const { account, groups } = store();
    const group = groups.link(account("a"), account("b"), 1)!;
    groups.leave(account("a"));
    expect(group.members).toEqual(["b"]);
    groups.leave(account("b"));
    expect(groups.get(group.id)).toBeUndefined();
  });
});
