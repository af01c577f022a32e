import { partitionForKey } from "./partitioner";
import { MinuteVersionedTable } from "@redline/minute-table";
import { applyTableRecord } from "./minute-table-feed";
import { markKeysFor, MinuteTableWriter } from "./minute-table-writer";
import type { RecordProducer } from "./producer";
import type { KafkaMessage } from "kafkajs";
import { toInputRecord, type InputRecord } from "./record";

/** Through the consumer's own conversion, so the test holds whatever type offsets have. */
function input(partition: number, offset: number, key: string, value: Buffer, headers: Record<string, string>): InputRecord {
  return toInputRecord("t", partition, { offset: String(offset), key: Buffer.from(key), value, headers, timestamp: "0", attributes: 0 } as unknown as KafkaMessage);
}

const T = 1_757_674_800_000;

describe("minute table records", () => {
  it("finds one mark key per partition that the default partitioner sends there", () => {
    const keys = markKeysFor("~progress/0", 6);
    expect(keys.map((k) => partitionForKey(k, 6))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("reads back what the writer writes: values under their key and minute, progress from every partition", () => {
    const writer = new MinuteTableWriter(undefined as unknown as RecordProducer, "t", 3);
    const out = writer.records([{ key: "acct-1", minuteMs: T, value: Buffer.from("v1") }], T + 60_000);
    const table = new MinuteVersionedTable<string>(3);
    const asInput = (r: (typeof out)[number], i: number): InputRecord => input(partitionForKey(String(r.key), 3), i, String(r.key), r.value, r.headers ?? {});
    const refusals = out.map((r, i) => applyTableRecord(table, asInput(r, i), (v) => v.toString("utf8")));
    expect(refusals).toEqual(out.map(() => undefined));
    expect(table.readyFor(T + 60_000)).toBe(true);
    expect(table.valueAt("acct-1", T + 60_000)).toBe("v1");
    expect(table.valueAt("acct-1", T + 59_999)).toBeUndefined();
  });

  it("refuses a record without progress headers, or with a key that is not a table record key, naming why", () => {
    const table = new MinuteVersionedTable<string>(1);
    const record = input(0, 0, "acct-1", Buffer.from("v"), {});
    expect(applyTableRecord(table, record, (v) => v.toString())?.detail).toMatch(/redline-producer-partitions/);
    const writer = new MinuteTableWriter(undefined as unknown as RecordProducer, "t", 1);
    const [value] = writer.records([{ key: "acct-1", minuteMs: T, value: Buffer.from("v") }], T);
    expect(applyTableRecord(table, { ...record, headers: value!.headers! }, (v) => v.toString())?.detail).toMatch(/<key>@<minuteMs>/);
    expect(table.size).toBe(0);
  });
});
