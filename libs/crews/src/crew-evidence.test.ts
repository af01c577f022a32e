import { Severity } from "@redline/proto";
import { type AccountState, newAccountState } from "./account-state";
import { resolveCrewConfig } from "./config";
import { crewSeverity, gatherEvidence } from "./crew-evidence";

const config = resolveCrewConfig();

/** Accounts whose partner maps say which pairs were in sync in which rooms ("room:streamer:category"). */
function accountsInSync(pairs: [string, string, string[]][]): Map<string, AccountState> {
  const accounts = new Map<string, AccountState>();
  const state = (id: string) => accounts.get(id) ?? accounts.set(id, newAccountState(id, 0)).get(id)!;
  for (const [a, b, rooms] of pairs) {
    const coVisits = rooms.map((spec, i) => {
      const [roomId, streamerId, category] = spec.split(":") as [string, string, string];
      return { roomId, streamerId, category, arrivedMs: 1000 * i, leftMs: 1000 * i + 500, arrivalGapMs: 1, dwellMs: 0 };
    });
    state(a).partners.set(b, coVisits);
    state(b).partners.set(a, coVisits);
  }
  return accounts;
}

const crewRooms = ["r1:s1:food", "r2:s2:home", "r3:s3:beauty"];

describe("crew evidence and severity", () => {
  it("is MEDIUM for four accounts in sync, several at a time, across three streamers in two categories", () => {
    const accounts = accountsInSync([
      ["a", "b", crewRooms],
      ["a", "c", crewRooms],
      ["b", "c", crewRooms],
      ["c", "d", crewRooms],
      ["a", "d", crewRooms],
    ]);
    const evidence = gatherEvidence(["a", "b", "c", "d"], (id) => accounts.get(id));
    expect(evidence.accounts.sort()).toEqual(["a", "b", "c", "d"]);
    expect(evidence.distinctStreamers).toBe(3);
    expect(evidence.rooms.map((r) => r.roomId)).toEqual(["r1", "r2", "r3"]);
    expect(crewSeverity(evidence, config)).toBe(Severity.SEVERITY_MEDIUM);
  });

  it("is LOW when every room is in one category, and nothing for one streamer", () => {
    const oneCategory = ["r1:s1:food", "r2:s2:food", "r3:s3:food"];
    const accounts = accountsInSync([
      ["a", "b", oneCategory],
      ["a", "c", oneCategory],
      ["b", "c", oneCategory],
      ["c", "d", oneCategory],
    ]);
    expect(crewSeverity(gatherEvidence(["a", "b", "c", "d"], (id) => accounts.get(id)), config)).toBe(Severity.SEVERITY_LOW);
    const fanClub = accountsInSync([["a", "b", ["r1:idol:food", "r2:idol:home", "r3:idol:beauty"]]]);
    expect(crewSeverity(gatherEvidence(["a", "b"], (id) => fanClub.get(id)), config)).toBe(Severity.SEVERITY_UNSPECIFIED);
  });

  it("leaves out of the core a member who met only one other, and the rooms only he was in", () => {
    const accounts = accountsInSync([
      ["a", "b", crewRooms],
      ["a", "c", crewRooms],
      ["b", "c", crewRooms],
      ["c", "regular", ["r9:s9:home", "r8:s8:food"]],
    ]);
    const evidence = gatherEvidence(["a", "b", "c", "regular"], (id) => accounts.get(id));
    expect(evidence.accounts).not.toContain("regular");
    expect(evidence.rooms.map((r) => r.roomId)).toEqual(["r1", "r2", "r3"]);
  });

  it("counts a shared device among accounts in sync only, and lets it stand for the fourth account", () => {
    const accounts = accountsInSync([
      ["a", "b", crewRooms],
      ["a", "c", crewRooms],
      ["b", "c", crewRooms],
    ]);
    expect(crewSeverity(gatherEvidence(["a", "b", "c"], (id) => accounts.get(id)), config)).toBe(Severity.SEVERITY_LOW);
    accounts.get("a")!.keys.push("d:phone-1");
    accounts.get("b")!.keys.push("d:phone-1");
    const evidence = gatherEvidence(["a", "b", "c"], (id) => accounts.get(id));
    expect(evidence.sharedDevices).toEqual(["phone-1"]);
    expect(crewSeverity(evidence, config)).toBe(Severity.SEVERITY_MEDIUM);
  });
});

describe("the core with shared keys (keyCountsForCore)", () => {
  // A triangle in one room, and pairs in three other streamers' rooms tied to it by phones and a wallet.
  const pairsOnSharedPhones = () => {
    const accounts = accountsInSync([
      ["a", "b", ["r1:s1:food"]],
      ["a", "c", ["r1:s1:food"]],
      ["b", "c", ["r1:s1:food"]],
      ["d", "e", ["r2:s2:home"]],
      ["f", "g", ["r3:s3:beauty"]],
      ["c", "regular", ["r4:s4:fashion"]],
    ]);
    const key = (id: string, k: string) => accounts.get(id)!.keys.push(k);
    key("a", "d:phone-1");
    key("d", "d:phone-1");
    key("e", "d:phone-2");
    key("f", "d:phone-2");
    key("b", "p:wallet-1");
    key("g", "p:wallet-1");
    return accounts;
  };
  const members = ["a", "b", "c", "d", "e", "f", "g", "regular"];

  it("counts a member in sync with one other when a phone or wallet ties it to another member in sync", () => {
    const accounts = pairsOnSharedPhones();
    const evidence = gatherEvidence(members, (id) => accounts.get(id), true);
    expect(evidence.accounts.sort()).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect(evidence.rooms.map((r) => r.roomId).sort()).toEqual(["r1", "r2", "r3"]);
    expect(crewSeverity(evidence, config)).toBe(Severity.SEVERITY_MEDIUM);
  });

  it("leaves them out without it, and never takes in a regular who shares no key", () => {
    const accounts = pairsOnSharedPhones();
    const evidence = gatherEvidence(members, (id) => accounts.get(id), false);
    expect(evidence.accounts.sort()).toEqual(["a", "b", "c"]);
    expect(crewSeverity(evidence, config)).toBe(Severity.SEVERITY_UNSPECIFIED);
  });
});
