import { type AccountState, type CoVisit, newAccountState } from "./account-state";
import { CrewDetector } from "./crew-detector";
import { triangleWitnesses } from "./triangle-links";
import { ActivityTraffic, MIN, T0, type RoomSpec } from "./testing/activity-traffic";

const coVisit = (roomId: string, streamerId: string, category: string): CoVisit => ({ roomId, streamerId, category, arrivedMs: 0, leftMs: 1, arrivalGapMs: 0, dwellMs: 0 });

function states(): Map<string, AccountState> {
  const m = new Map<string, AccountState>();
  for (const id of ["a", "b", "w1", "w2"]) m.set(id, newAccountState(id, T0));
  return m;
}

function sync(m: Map<string, AccountState>, x: string, y: string, c: CoVisit): void {
  m.get(x)!.partners.set(y, [...(m.get(x)!.partners.get(y) ?? []), c]);
  m.get(y)!.partners.set(x, [...(m.get(y)!.partners.get(x) ?? []), c]);
}

const limits = { witnesses: 2, minCategories: 2, maxWitnessPartners: 12 };
const pairRoom = coVisit("r0", "s0", "food");

describe("triangle witnesses", () => {
  it("counts an account in sync with both in rooms of two other streamers", () => {
    const m = states();
    sync(m, "a", "w1", coVisit("r1", "s1", "beauty"));
    sync(m, "b", "w1", coVisit("r2", "s2", "food"));
    sync(m, "a", "w2", coVisit("r3", "s3", "home"));
    sync(m, "b", "w2", coVisit("r4", "s4", "home"));
    expect(triangleWitnesses(m.get("a")!, m.get("b")!, pairRoom, (id) => m.get(id), limits)).toEqual(["w1", "w2"]);
  });

  it("does not count rooms of the pair's streamer, of one streamer twice, or of one category", () => {
    const m = states();
    sync(m, "a", "w1", coVisit("r1", "s0", "beauty")); // the pair's streamer
    sync(m, "b", "w1", coVisit("r2", "s2", "beauty"));
    sync(m, "a", "w2", coVisit("r3", "s3", "home"));
    sync(m, "b", "w2", coVisit("r4", "s3", "home")); // the same streamer as the other side
    expect(triangleWitnesses(m.get("a")!, m.get("b")!, pairRoom, (id) => m.get(id), limits)).toEqual([]);
    const oneCategory = coVisit("r0", "s0", "home");
    sync(m, "a", "w2", coVisit("r5", "s5", "home"));
    expect(triangleWitnesses(m.get("a")!, m.get("b")!, oneCategory, (id) => m.get(id), limits)).toEqual([]);
    expect(triangleWitnesses(m.get("a")!, m.get("b")!, pairRoom, (id) => m.get(id), limits)).toEqual(["w2"]);
  });

  it("skips a witness in sync with many accounts: it meets everyone by chance", () => {
    const m = states();
    sync(m, "a", "w1", coVisit("r1", "s1", "beauty"));
    sync(m, "b", "w1", coVisit("r2", "s2", "home"));
    for (let i = 0; i < 10; i++) m.get("w1")!.partners.set(`x${i}`, []);
    expect(triangleWitnesses(m.get("a")!, m.get("b")!, pairRoom, (id) => m.get(id), { ...limits, witnesses: 1 })).toEqual([]);
    expect(triangleWitnesses(m.get("a")!, m.get("b")!, pairRoom, (id) => m.get(id), { ...limits, witnesses: 1, maxWitnessPartners: 13 })).toEqual(["w1"]);
  });
});

const CATEGORIES = ["beauty", "food", "home", "fashion", "electronics"];
const room = (i: number): RoomSpec => ({ roomId: `room-${i}`, streamerId: `streamer-${i}`, category: CATEGORIES[i % CATEGORIES.length]!, startedMs: T0 + i * 40 * MIN });

/** The group each account ends in ("" for none). */
function groupsOf(detector: CrewDetector, ids: readonly string[]): string[] {
  const accounts = (detector as unknown as { accounts: Map<string, AccountState> }).accounts;
  return ids.map((id) => accounts.get(id)?.groupId ?? "");
}

describe("linking by triangles (linkByTriangle)", () => {
  // Rotating subsets: each pair of {a, b, w1, w2} is in sync in one room only, so no pair link forms;
  // a and b meet last, after each met w1 and w2 in rooms of other streamers. Every visit likes exactly a minute
  // after joining, a script the script-cohort rule would link on its own, so it is off here.
  function traffic(): ActivityTraffic {
    const t = new ActivityTraffic();
    const pairs: Array<[string, string]> = [["a", "w1"], ["b", "w1"], ["a", "w2"], ["b", "w2"], ["w1", "w2"], ["a", "b"]];
    pairs.forEach(([x, y], i) => {
      const r = room(i);
      t.visit(r, x, r.startedMs + 5 * MIN, 10 * MIN, { ipPrefix: `10.${i}.1.0/24` });
      t.visit(r, y, r.startedMs + 5 * MIN + 20_000, 10 * MIN, { ipPrefix: `10.${i}.2.0/24` });
    });
    return t;
  }

  it("links the pair and a witness when two witnesses close triangles", () => {
    const detector = new CrewDetector({ linkByTriangle: 2, linkByScriptCohort: 0 });
    detector.ingestAll(traffic().sorted());
    const [a, b, w1] = groupsOf(detector, ["a", "b", "w1"]);
    expect(a).not.toBe("");
    expect(b).toBe(a);
    expect(w1).toBe(a);
  });

  it("links nothing with the rule off, or when it asks for more witnesses than there are", () => {
    for (const linkByTriangle of [0, 3]) {
      const detector = new CrewDetector({ linkByTriangle, linkByScriptCohort: 0 });
      detector.ingestAll(traffic().sorted());
      expect(groupsOf(detector, ["a", "b", "w1", "w2"])).toEqual(["", "", "", ""]);
    }
  });
});
