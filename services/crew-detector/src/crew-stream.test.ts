import { CrewDetector, crewAlert, roomOfCrewRoomKey, type AccountActivity, type CrewOutput } from "@redline/crews";
import { type InputRecord, partitionForKey, toInputRecord } from "@redline/kafka";
import { progressHeaders, progressMarkKey } from "@redline/minute-table";
import { AccountRisk, Alert, Severity } from "@redline/proto";
import { activityOutputRecord } from "./activity-record";
import { CrewStream } from "./crew-stream";

const T0 = 1_757_674_800_000;
const MIN = 60_000;
const LANES = 2;
const ENGINE_PARTITIONS = 2;

/** A crew of five working four streamers' rooms in lockstep, and organic viewers around it. */
function traffic(): AccountActivity[] {
  const out: AccountActivity[] = [];
  const categories = ["beauty", "food", "home", "fashion"];
  let seq = 0;
  const act = (room: number, accountId: string, atMs: number, kind: AccountActivity["kind"]) =>
    out.push({ eventId: `e${String(seq++).padStart(6, "0")}`, eventTimeMs: atMs, accountId, deviceId: `dev-${accountId}`, ipPrefix: "", roomId: `room-${room}`, streamerId: `streamer-${room}`, roomCategory: categories[room]!, roomStartedMs: T0 + room * 40 * MIN, kind, paymentKey: "", addressKey: "", accountCreatedMs: 0 });
  for (let room = 0; room < 4; room++) {
    const start = T0 + room * 40 * MIN;
    for (let i = 0; i < 5; i++) {
      act(room, `crew-${i}`, start + 5 * MIN + i * 3_000, "join");
      act(room, `crew-${i}`, start + 6 * MIN + i * 3_000, "like");
      act(room, `crew-${i}`, start + 15 * MIN + i * 2_000, "leave");
    }
    for (let v = 0; v < 20; v++) {
      const arrive = start + ((v * 7_919 + room * 104_729) % (30 * MIN));
      act(room, `viewer-${room}-${v}`, arrive, "join");
      act(room, `viewer-${room}-${v}`, arrive + 3 * MIN + ((v * 15_485) % (20 * MIN)), "leave");
    }
  }
  return out.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
}

/**
 * What the room engine would write: each engine partition (by room) writes its
 * records in order, keyed by account, watermark just below each record's time;
 * then a final mark from each engine partition on every lane.
 */
function published(records: readonly AccountActivity[]): InputRecord[] {
  const offsets = new Array<number>(LANES).fill(0);
  const toInput = (partition: number, key: string, value: Buffer, headers: Record<string, string>) =>
    toInputRecord("activity", partition, { offset: String(offsets[partition]!++), key: Buffer.from(key), value, headers, timestamp: "0", attributes: 0 } as unknown as Parameters<typeof toInputRecord>[2]);
  const out: InputRecord[] = [];
  for (const a of records) {
    const out0 = activityOutputRecord(a, { producerPartition: partitionForKey(a.roomId, ENGINE_PARTITIONS), producerPartitions: ENGINE_PARTITIONS, watermarkMs: a.eventTimeMs - 1 });
    out.push(toInput(partitionForKey(a.accountId, LANES), a.accountId, out0.value, out0.headers!));
  }
  const end = records[records.length - 1]!.eventTimeMs + 10 * MIN;
  for (let p = 0; p < ENGINE_PARTITIONS; p++) {
    for (let lane = 0; lane < LANES; lane++) out.push(toInput(lane, progressMarkKey(p), Buffer.from("mark"), progressHeaders({ producerPartition: p, producerPartitions: ENGINE_PARTITIONS, watermarkMs: end }, true)));
  }
  return out;
}

/** Arrival order as a broker might deliver it: one lane's batch, then the other's, in chunks. */
function arrival(records: readonly InputRecord[], chunk: number): InputRecord[][] {
  const byLane = Array.from({ length: LANES }, (_, lane) => records.filter((r) => r.partition === lane));
  const batches: InputRecord[][] = [];
  for (let i = 0; byLane.some((l) => i < l.length); i += chunk) for (const lane of byLane.reverse()) if (i < lane.length) batches.push(lane.slice(i, i + chunk));
  return batches;
}

describe("CrewStream", () => {
  const activity = traffic();
  const expected = new CrewDetector().ingestAll(activity);

  it("gives the findings of the detector on the ordered records, whatever the arrival order across partitions", () => {
    expect(expected.some((o) => o.level === "account" && o.severity >= Severity.SEVERITY_MEDIUM)).toBe(true);
    for (const chunk of [7, 500]) {
      const stream = CrewStream.fresh(LANES, new Map(), {});
      const outputs: CrewOutput[] = [];
      for (const batch of arrival(published(activity), chunk)) outputs.push(...stream.accept(batch).outputs);
      expect(outputs).toEqual(expected);
      expect(stream.heldCount).toBe(0);
    }
  });

  it("holds everything until every partition has heard from every engine partition", () => {
    const stream = CrewStream.fresh(LANES, new Map(), {});
    const onlyLane0 = published(activity).filter((r) => r.partition === 0);
    const step = stream.accept(onlyLane0);
    expect(step.released).toBe(0);
    expect(stream.missing()).toEqual(["1/0", "1/1"]);
  });

  it("writes account-risk versions for MEDIUM+ crew accounts and marks each minute the frontier enters", () => {
    const stream = CrewStream.fresh(LANES, new Map(), {});
    const steps = arrival(published(activity), 50).map((b) => stream.accept(b));
    const all = steps.flatMap((s) => s.tableValues);
    const values = all.filter((v) => roomOfCrewRoomKey(v.key) === undefined);
    expect(new Set(values.map((v) => v.key))).toEqual(new Set(["crew-0", "crew-1", "crew-2", "crew-3", "crew-4"]));
    // Each room alert it raised is also a table value, for the engine that owns the room to act on (#21).
    const roomAlerts = steps.flatMap((s) => s.outputs).filter((o) => o.level === "room").map((o) => crewAlert(o));
    expect(roomAlerts.length).toBeGreaterThan(0);
    const roomValues = all.filter((v) => roomOfCrewRoomKey(v.key) !== undefined);
    expect(roomValues.map((v) => Alert.decode(v.value))).toEqual(roomAlerts);
    expect(roomValues.map((v) => roomOfCrewRoomKey(v.key))).toEqual(roomAlerts.map((a) => a.roomId));
    const risk = AccountRisk.decode(values[0]!.value);
    expect(risk.validFromMs).toBe(values[0]!.minuteMs + MIN);
    expect(risk.severity).toBeGreaterThanOrEqual(Severity.SEVERITY_MEDIUM);
    expect(steps.filter((s) => s.markThroughMs !== undefined).length).toBeGreaterThan(1);
  });

  it("resumes from a snapshot with the same findings, and refuses malformed and late records with their reasons", () => {
    const batches = arrival(published(activity), 40);
    let stream = CrewStream.fresh(LANES, new Map(), {});
    const outputs: CrewOutput[] = [];
    batches.forEach((batch, i) => {
      outputs.push(...stream.accept(batch).outputs);
      if (i % 5 === 4) stream = CrewStream.restore(stream.snapshot(), {});
    });
    expect(outputs).toEqual(expected);
    // Where reading resumes survives the snapshot: one past the last record of each partition.
    const next = new Map<number, bigint>();
    for (const r of batches.flat()) next.set(r.partition, r.offset + 1n);
    expect(CrewStream.restore(stream.snapshot(), {}).from()).toEqual(next);
    const last = batches.flat().find((r) => r.headers["redline-progress-mark"] === undefined)!;
    const late = stream.accept([last]);
    expect(late.refusals.map((r) => r.reason)).toEqual(["LATE_RECORD"]);
    const garbage = stream.accept([{ ...last, value: Buffer.from([0xff, 0xff, 0xff]) }, { ...last, headers: {} }]);
    expect(garbage.refusals.map((r) => r.reason)).toEqual(["UNDECODABLE", "INVALID_FIELD"]);
    expect(garbage.refusals[1]!.detail).toMatch(/redline-producer-partitions/);
  });
});
