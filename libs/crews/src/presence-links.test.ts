import type { AccountState, Visit } from "./account-state";
import { newAccountState } from "./account-state";
import { CrewDetector } from "./crew-detector";
import { apartRooms, partneredApart, presenceApart } from "./presence-links";
import { ActivityTraffic, MIN, T0, type RoomSpec } from "./testing/activity-traffic";

function visitOf(roomId: string, streamerId: string, category: string, arrivedMs: number, scriptPartners: string[] = []): Visit {
  return {
    roomId, streamerId, category, roomStartedMs: T0, arrivedMs, lastMs: arrivedMs, leftMs: 0, ipPrefix: "", concurrent: false, joined: true,
    dwellMs: 0, firstLikeOffsetMs: -1, firstCommentOffsetMs: -1, secondBurstOffsetMs: -1, lastLikeMs: 0, scriptPartners, scriptConfirmed: false,
  };
}

function stateWith(id: string, visits: Visit[]): AccountState {
  return { ...newAccountState(id, T0), visits };
}

describe("presence apart from a script room", () => {
  const scriptRoom = visitOf("r1", "s1", "food", T0 + 60 * MIN);
  const always = () => true;

  it("needs another streamer and another category, both known", () => {
    expect(apartRooms(scriptRoom, visitOf("r2", "s2", "beauty", T0))).toBe(true);
    expect(apartRooms(scriptRoom, visitOf("r2", "s2", "food", T0))).toBe(false); // one category's shared audience
    expect(apartRooms(scriptRoom, visitOf("r2", "s1", "beauty", T0))).toBe(false); // the streamer's fans
    expect(apartRooms(scriptRoom, visitOf("r2", "", "beauty", T0))).toBe(false);
  });

  it("finds two visits of one apart room joined within the gap, eligible", () => {
    const a = stateWith("a", [visitOf("r2", "s2", "beauty", T0), scriptRoom]);
    const b = stateWith("b", [visitOf("r2", "s2", "beauty", T0 + 4 * MIN)]);
    expect(presenceApart(a, b, scriptRoom, 5 * MIN, always)?.map((v) => v.roomId)).toEqual(["r2", "r2"]);
    expect(presenceApart(a, b, scriptRoom, 3 * MIN, always)).toBeUndefined();
    expect(presenceApart(a, b, scriptRoom, 5 * MIN, (v) => v.arrivedMs !== T0)).toBeUndefined(); // a's visit was the opening crowd, a wave or a second screen
  });

  it("finds the apart room where the partner was a script partner", () => {
    const presence = visitOf("r2", "s2", "beauty", T0 + 60 * MIN);
    const a = stateWith("a", [visitOf("r1", "s1", "food", T0, ["b"]), presence]);
    expect(partneredApart(a, "b", presence)?.roomId).toBe("r1");
    expect(partneredApart(a, "c", presence)).toBeUndefined();
    expect(partneredApart(a, "b", visitOf("r3", "s3", "food", T0 + 60 * MIN))).toBeUndefined(); // the same category
  });
});

const FOOD: RoomSpec = { roomId: "r1", streamerId: "s1", category: "food", startedMs: T0 };
const BEAUTY: RoomSpec = { roomId: "r2", streamerId: "s2", category: "beauty", startedMs: T0 + 60 * MIN };
const FOOD_TOO: RoomSpec = { roomId: "r3", streamerId: "s3", category: "food", startedMs: T0 + 60 * MIN };

/** Two people of a click crew 200 s apart (never in sync: arrivals over 120 s apart, leaves over 150 s apart), liking 90 s after their joins. */
function scriptVisit(t: ActivityTraffic, room: RoomSpec): void {
  for (const [id, lagMs] of [["a", 0], ["b", 200_000]] as const) {
    const joinMs = room.startedMs + 2 * MIN + lagMs;
    t.act(room, id, joinMs, "join");
    t.act(room, id, joinMs + 90_000 + lagMs / 100, "like");
    t.act(room, id, joinMs + 10 * MIN + lagMs * 2, "leave");
  }
}

/** The two in a second room, `gapMs` apart, no likes, leaves far apart. */
function presenceVisit(t: ActivityTraffic, room: RoomSpec, gapMs: number): void {
  t.act(room, "a", room.startedMs + 3 * MIN, "join");
  t.act(room, "b", room.startedMs + 3 * MIN + gapMs, "join");
  t.act(room, "a", room.startedMs + 8 * MIN, "leave");
  t.act(room, "b", room.startedMs + 20 * MIN, "leave");
}

function groupsAfter(t: ActivityTraffic, linkByPartnerPresenceMs: number): string[] {
  const detector = new CrewDetector({ linkByPartnerPresenceMs });
  detector.ingestAll(t.sorted());
  const accounts = (detector as unknown as { accounts: Map<string, AccountState> }).accounts;
  return ["a", "b"].map((id) => accounts.get(id)?.groupId ?? "");
}

describe("CrewDetector with linkByPartnerPresenceMs", () => {
  it("links script partners who came to a room of another streamer and category together, in either order", () => {
    for (const [first, second] of [[FOOD, BEAUTY], [{ ...BEAUTY, startedMs: T0 }, { ...FOOD, startedMs: T0 + 60 * MIN }]] as const) {
      const t = new ActivityTraffic();
      if (first.roomId === "r1") scriptVisit(t, first);
      else presenceVisit(t, first, 4 * MIN);
      if (second.roomId === "r1") scriptVisit(t, second);
      else presenceVisit(t, second, 4 * MIN);
      const [a, b] = groupsAfter(t, 5 * MIN);
      expect(a).not.toBe("");
      expect(b).toBe(a);
      expect(groupsAfter(t, 0)).toEqual(["", ""]); // off: one script room and one room together link nobody
    }
  });

  it("does not link when they came further apart, or the second room is of the same category", () => {
    const late = new ActivityTraffic();
    scriptVisit(late, FOOD);
    presenceVisit(late, BEAUTY, 6 * MIN);
    expect(groupsAfter(late, 5 * MIN)).toEqual(["", ""]);
    const sameCategory = new ActivityTraffic();
    scriptVisit(sameCategory, FOOD);
    presenceVisit(sameCategory, FOOD_TOO, 4 * MIN);
    expect(groupsAfter(sameCategory, 5 * MIN)).toEqual(["", ""]);
  });
});
