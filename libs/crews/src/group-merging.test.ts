import type { AccountState, CoVisit } from "./account-state";
import { newAccountState } from "./account-state";
import { CrewDetector } from "./crew-detector";
import { type Group } from "./groups";
import { neighbourGroups, streamersBetween } from "./group-merging";
import type { AccountActivity } from "./activity";
import { ActivityTraffic, MIN, T0, type RoomSpec } from "./testing/activity-traffic";

const CATEGORIES = ["beauty", "food", "home", "fashion", "electronics", "toys", "books", "sports"];

const room = (i: number): RoomSpec => ({ roomId: `room-${i}`, streamerId: `streamer-${i}`, category: CATEGORIES[i % CATEGORIES.length]!, startedMs: T0 + i * 40 * MIN });

class Traffic extends ActivityTraffic {
  /** Accounts that arrive 5 minutes in, seconds apart, and stay ten minutes: in sync with each other. */
  together(r: RoomSpec, accounts: readonly string[]): void {
    accounts.forEach((a, i) => {
      this.act(r, a, r.startedMs + 5 * MIN + i * 3_000, "join");
      this.act(r, a, r.startedMs + 15 * MIN + i * 2_000, "leave");
    });
  }

  /** Orders paid from one wallet, minutes apart (never in sync by arrival): the wallet links the buyers. */
  sharedWallet(r: RoomSpec, accounts: readonly string[], wallet: string): void {
    accounts.forEach((a, i) => this.act(r, a, r.startedMs + 6 * MIN + i * 5 * MIN, "order", { paymentKey: wallet }));
  }
}

/** The group id each account ends in ("" for none), read from the detector's state. */
function groupsOf(detector: CrewDetector, ids: readonly string[]): string[] {
  const accounts = (detector as unknown as { accounts: Map<string, AccountState> }).accounts;
  return ids.map((id) => accounts.get(id)?.groupId ?? "");
}

describe("group merging from every co-visit", () => {
  it("counts the streamers' rooms between two groups' members, and finds each neighbouring group once", () => {
    const states = new Map<string, AccountState>();
    for (const id of ["x1", "x2", "y1", "y2", "z1"]) states.set(id, { ...newAccountState(id, T0), groupId: id[0]! });
    const coVisit = (roomId: string, streamerId: string): CoVisit => ({ roomId, streamerId, category: "c", arrivedMs: 0, leftMs: 1, arrivalGapMs: 0, dwellMs: 0 });
    const link = (a: string, b: string, list: CoVisit[]) => {
      states.get(a)!.partners.set(b, list);
      states.get(b)!.partners.set(a, list);
    };
    link("x1", "y1", [coVisit("r1", "s1"), coVisit("r2", "s1")]);
    link("x2", "y2", [coVisit("r3", "s3")]);
    link("x2", "y1", [coVisit("r3", "s3")]);
    link("x1", "z1", [coVisit("r4", "s4")]);
    const group = (id: string, members: string[]): Group => ({ id, createdMs: 0, members, crowd: false, lastMs: 0, reportedSeverity: 0, reportedStreamers: 0, reportedRooms: new Set() });
    const groups = new Map([["x", group("x", ["x1", "x2"])], ["y", group("y", ["y1", "y2"])], ["z", group("z", ["z1"])]]);
    const accountOf = (id: string) => states.get(id);
    // r1 and r2 are one streamer's sessions; r3 is another's: two streamers.
    expect(streamersBetween(groups.get("x")!, groups.get("y")!, accountOf)).toBe(2);
    expect(neighbourGroups(groups.get("x")!, accountOf, (id) => groups.get(id)).map((n) => n.other.id)).toEqual(["y", "z"]);
    groups.get("z")!.crowd = true;
    expect(neighbourGroups(groups.get("x")!, accountOf, (id) => groups.get(id)).map((n) => n.other.id)).toEqual(["y"]);
  });

  it("links two groups on the rooms their members met in before the groups formed (recountGroupSyncs)", () => {
    const traffic = new Traffic();
    const rooms = [0, 1, 2, 3].map(room);
    // x1 and y1 meet in room 0 before either has a group; then two wallets make groups x and y.
    traffic.together(rooms[0]!, ["x1", "y1"]);
    traffic.sharedWallet(rooms[1]!, ["x1", "x2"], "wallet-x");
    traffic.sharedWallet(rooms[2]!, ["y1", "y2"], "wallet-y");
    // x2 and y2 meet in room 3, another streamer's: two streamers' rooms between the groups, one seen as groups.
    traffic.together(rooms[3]!, ["x2", "y2"]);
    const records = traffic.sorted();
    const [x1, x2, y1, y2] = groupsOf(detectorAfter(records, {}), ["x1", "x2", "y1", "y2"]);
    expect(x1).not.toBe("");
    expect(new Set([x1, x2, y1, y2]).size).toBe(1);
    const apart = groupsOf(detectorAfter(records, { recountGroupSyncs: false }), ["x1", "x2", "y1", "y2"]);
    expect(apart[0]).toBe(apart[1]);
    expect(apart[2]).toBe(apart[3]);
    expect(apart[0]).not.toBe(apart[2]);
  });

  it("absorbs, after a link, a group its members met in three streamers' rooms (absorbNeighbourGroups)", () => {
    const traffic = new Traffic();
    const rooms = [0, 1, 2, 3, 4, 5, 6].map(room);
    // Three rooms of three streamers, a different pair each time, before any group exists.
    traffic.together(rooms[0]!, ["x1", "y1"]);
    traffic.together(rooms[1]!, ["x2", "y2"]);
    traffic.together(rooms[2]!, ["x1", "y2"]);
    traffic.sharedWallet(rooms[3]!, ["x1", "x2"], "wallet-x");
    traffic.sharedWallet(rooms[4]!, ["y1", "y2"], "wallet-y");
    // x1 then meets a new account in two streamers' rooms: a link that grows group x.
    traffic.together(rooms[5]!, ["x1", "w"]);
    traffic.together(rooms[6]!, ["x1", "w"]);
    const records = traffic.sorted();
    const ids = ["x1", "x2", "w", "y1", "y2"];
    const merged = groupsOf(detectorAfter(records, {}), ids);
    expect(new Set(merged).size).toBe(1);
    expect(merged[0]).not.toBe("");
    const apart = groupsOf(detectorAfter(records, { absorbNeighbourGroups: false }), ids);
    expect(new Set(apart).size).toBe(2);
    expect(apart[3]).not.toBe(apart[0]);
  });

  it("absorbs at two streamers' rooms a group that runs the same script (absorbSameScriptAfterStreamers)", () => {
    const traffic = new Traffic();
    const rooms = Array.from({ length: 10 }, (_, i) => room(i));
    traffic.together(rooms[0]!, ["x1", "y1"]);
    traffic.together(rooms[1]!, ["x2", "y2"]);
    // The wallets make the groups after both rooms (in rooms of their own scripts).
    traffic.sharedWallet(rooms[2]!, ["x1", "x2"], "wallet-x");
    traffic.sharedWallet(rooms[5]!, ["y1", "y2"], "wallet-y");
    // Each group's script (ten-minute stays) from three co-visits of its own.
    for (const r of rooms.slice(2, 5)) traffic.together(r, ["x1", "x2"]);
    for (const r of rooms.slice(5, 8)) traffic.together(r, ["y1", "y2"]);
    traffic.together(rooms[8]!, ["x1", "w"]);
    traffic.together(rooms[9]!, ["x1", "w"]);
    const records = traffic.sorted();
    const ids = ["x1", "x2", "w", "y1", "y2"];
    expect(new Set(groupsOf(detectorAfter(records, {}), ids)).size).toBe(1);
    expect(new Set(groupsOf(detectorAfter(records, { absorbSameScriptAfterStreamers: 0 }), ids)).size).toBe(2);
    expect(new Set(groupsOf(detectorAfter(records, { scriptMinSamples: 6 }), ids)).size).toBe(2);
  });
});

function detectorAfter(records: readonly AccountActivity[], overrides: ConstructorParameters<typeof CrewDetector>[0]): CrewDetector {
  const detector = new CrewDetector(overrides);
  detector.ingestAll(records);
  return detector;
}
