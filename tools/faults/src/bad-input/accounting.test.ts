import { DLQ_HEADERS } from "@redline/kafka";
import { counterByLabel, tally } from "./accounting";
import { CLASS_HEADER, SEQ_HEADER } from "./fault-classes";

const dead = (cls: string, seq: string, reason: string, offset = seq) => ({
  headers: { [CLASS_HEADER]: cls, [SEQ_HEADER]: seq, [DLQ_HEADERS.reason]: reason, [DLQ_HEADERS.sourceTopic]: "t", [DLQ_HEADERS.sourcePartition]: "0", [DLQ_HEADERS.sourceOffset]: offset },
});

describe("bad-input accounting", () => {
  it("counts each class's dead letters by reason and the rest as processed", () => {
    const sent = new Map([["random-bytes", 3], ["valid", 2]] as const);
    const a = tally(sent, [dead("random-bytes", "1", "UNDECODABLE"), dead("random-bytes", "2", "MISSING_FIELD"), dead("random-bytes", "3", "UNDECODABLE")]);
    expect(a.classes.find((c) => c.recordClass === "random-bytes")).toEqual({
      recordClass: "random-bytes",
      sent: 3,
      processed: 0,
      deadLettered: 3,
      byReason: { UNDECODABLE: 2, MISSING_FIELD: 1 },
    });
    expect(a.classes.find((c) => c.recordClass === "valid")?.processed).toBe(2);
    expect(a.unaccounted).toEqual([]);
  });

  it("names dead letters of no record of the run, a record twice, or one input offset twice", () => {
    const a = tally(new Map([["null-key", 5]] as const), [
      { headers: { [DLQ_HEADERS.reason]: "UNDECODABLE" } },
      dead("null-key", "1", "MISSING_FIELD"),
      dead("null-key", "1", "MISSING_FIELD", "9"),
      dead("null-key", "2", "MISSING_FIELD", "1"),
    ]);
    expect(a.unaccounted).toEqual(["class undefined seq undefined", "class null-key seq 1", "input record t/0/1 dead-lettered twice"]);
  });

  it("sums a counter's samples by one label", () => {
    const text = [
      "# TYPE redline_dlq_records_total counter",
      'redline_dlq_records_total{topic="a",reason="UNDECODABLE"} 3',
      'redline_dlq_records_total{topic="b",reason="UNDECODABLE"} 2',
      'redline_dlq_records_total{topic="b",reason="MISSING_FIELD"} 1',
      'redline_dlq_records_total_other{reason="X"} 100',
    ].join("\n");
    expect(counterByLabel(text, "redline_dlq_records_total", "reason")).toEqual(new Map([["UNDECODABLE", 5], ["MISSING_FIELD", 1]]));
  });
});
