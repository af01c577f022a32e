import { Severity } from "@redline/proto";
import { type AccountState, newAccountState } from "./account-state";
import { CrewDetector } from "./crew-detector";
import type { CrewFinding, CrewOutput } from "./findings";
import { batchesDiffer, registrationBatch } from "./registration-batch";
import { ActivityTraffic, MIN, T0, type RoomSpec } from "./testing/activity-traffic";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SPAN = 72 * HOUR;

function lookup(created: Record<string, number>): (id: string) => AccountState | undefined {
  return (id) => (id in created ? { ...newAccountState(id, T0), createdMs: created[id] } : undefined);
}

describe("registration batch", () => {
  it("is the largest share of members created within the span of one member, once enough are known", () => {
    const created = { a: T0 - 10 * DAY, b: T0 - 10 * DAY + 5 * HOUR, c: T0 - 9 * DAY, d: T0 - 400 * DAY, e: T0 - 900 * DAY, f: 0 };
    const batch = registrationBatch(["a", "b", "c", "d", "e", "f"], lookup(created), SPAN);
    expect(batch).toEqual({ known: 5, share: 0.6, centerMs: T0 - 10 * DAY });
    expect(registrationBatch(["a", "b", "c", "d"], lookup(created), SPAN)).toBeUndefined(); // four known: no verdict
    expect(registrationBatch(["a", "b", "c", "d", "e"], lookup(created), 2 * HOUR)?.share).toBe(0.2);
  });

  it("tells a batch from no batch, and two batches created apart; never without a verdict on both", () => {
    const batch = (share: number, centerMs = T0) => ({ known: 10, share, centerMs });
    expect(batchesDiffer(batch(0.8), batch(0.2), SPAN)).toBe(true);
    expect(batchesDiffer(batch(0.8), batch(0.5), SPAN)).toBe(false); // in between: a subset of a half-fresh crew
    expect(batchesDiffer(batch(0.8), batch(0.7, T0 + 5 * DAY), SPAN)).toBe(false);
    expect(batchesDiffer(batch(0.8), batch(0.7, T0 + 7 * DAY), SPAN)).toBe(true);
    expect(batchesDiffer(batch(0.1), batch(0.2), SPAN)).toBe(false); // two sets of aged accounts: no verdict
    expect(batchesDiffer(batch(0.8), undefined, SPAN)).toBe(false);
  });
});

const CATEGORIES = ["beauty", "food", "home", "fashion", "electronics", "toys"];
const room = (i: number): RoomSpec => ({ roomId: `room-${i}`, streamerId: `streamer-${i}`, category: CATEGORIES[i % CATEGORIES.length]!, startedMs: T0 + i * 40 * MIN });

/** Five accounts created at `createdMs(i)` working each room 5 minutes in, a few seconds apart, all staying ten minutes. */
function crewWorks(traffic: ActivityTraffic, rooms: readonly RoomSpec[], prefix: string, createdMs: (i: number) => number): string[] {
  const accounts = Array.from({ length: 5 }, (_, i) => `${prefix}-${i}`);
  for (const r of rooms) accounts.forEach((a, i) => traffic.visit(r, a, r.startedMs + 5 * MIN + i * 3_000, 10 * MIN, { accountCreatedMs: createdMs(i) }));
  return accounts;
}

const finalNames = (out: CrewOutput[]) => {
  const latest = new Map<string, CrewFinding>();
  for (const o of out) if (o.level === "account" && o.severity >= Severity.SEVERITY_MEDIUM) latest.set(o.crewId, o);
  return [...latest.values()].map((f) => new Set(f.accounts));
};

describe("CrewDetector with registrationBatchVeto", () => {
  it("keeps a farm's batch apart from a crew of old accounts rented to the same rooms with the same script", () => {
    const traffic = new ActivityTraffic();
    const all = Array.from({ length: 11 }, (_, i) => room(i));
    const farm = crewWorks(traffic, all.slice(0, 4), "farm", (i) => T0 - 5 * DAY - i * HOUR);
    const people = crewWorks(traffic, all.slice(4, 8), "people", (i) => T0 - (200 + 300 * i) * DAY);
    // Rented to the same three rooms at the same minute: "farm-0" and "people-0" arrive and leave together there.
    for (const r of all.slice(8)) {
      traffic.visit(r, "farm-0", r.startedMs + 5 * MIN, 10 * MIN, { accountCreatedMs: T0 - 5 * DAY });
      traffic.visit(r, "people-0", r.startedMs + 5 * MIN + 10_000, 10 * MIN, { accountCreatedMs: T0 - 200 * DAY });
    }
    const records = traffic.sorted();
    const mixed = (names: Set<string>) => farm.some((x) => names.has(x)) && people.some((x) => names.has(x));
    expect(finalNames(new CrewDetector().ingestAll(records)).some(mixed)).toBe(false);
    expect(finalNames(new CrewDetector({ registrationBatchVeto: false }).ingestAll(records)).some(mixed)).toBe(true);
  });
});
