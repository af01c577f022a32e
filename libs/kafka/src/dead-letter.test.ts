import { createJsonLogger, RedlineError } from "@redline/common";
import { DLQ_HEADERS } from "./dead-letter-topics";
import { DeadLetterWriter, handlerRefusalOf, refusalOf, type Refusal } from "./dead-letter";
import { CountingMetrics } from "./metrics";
import type { RecordProducer } from "./producer";
import type { InputRecord, OutputRecord } from "./record";

function record(topic: string, offset: bigint): InputRecord {
  return { topic, partition: 1, offset, key: Buffer.from("room-1"), value: Buffer.from([1, 2, 3]), headers: {}, timestampMs: 0 };
}

/** A producer that keeps what it is given; no broker. */
function keepingProducer(): { producer: RecordProducer; sent: Array<{ topic: string; records: OutputRecord[] }> } {
  const sent: Array<{ topic: string; records: OutputRecord[] }> = [];
  const producer = { sendMany: async (batches: Array<{ topic: string; records: OutputRecord[] }>) => void sent.push(...batches) };
  return { producer: producer as unknown as RecordProducer, sent };
}

class InvalidRecord extends RedlineError {
  readonly reason = "MISSING_FIELD";
}

describe("DeadLetterWriter", () => {
  const logger = createJsonLogger({ level: "error", write: () => undefined });

  it("counts a decode failure under its reason, and an undelivered action only as dead-lettered", async () => {
    const metrics = new CountingMetrics();
    const { producer, sent } = keepingProducer();
    const writer = new DeadLetterWriter(producer, metrics, logger, () => 42);
    const undelivered: Refusal[] = ["REJECTED", "RETRY_BUDGET_EXHAUSTED", "NON_RETRIABLE"].map((reason, i) => ({ record: record("risk.actions", BigInt(i)), reason, detail: "BLOCK_STREAM a-1: no", undecodable: false }));
    await writer.write([refusalOf(record("live.comments", 7n), new Error("bad protobuf"), "UNDECODABLE"), ...undelivered]);

    expect(metrics.undecodable).toEqual(new Map([["live.comments|UNDECODABLE", 1]]));
    expect(metrics.deadLettered).toEqual(
      new Map([
        ["live.comments|UNDECODABLE", 1],
        ["risk.actions|REJECTED", 1],
        ["risk.actions|RETRY_BUDGET_EXHAUSTED", 1],
        ["risk.actions|NON_RETRIABLE", 1],
      ]),
    );
    expect(sent.map((b) => [b.topic, b.records.map((r) => r.headers?.[DLQ_HEADERS.reason])])).toEqual([
      ["live.comments.dlq", ["UNDECODABLE"]],
      ["risk.actions.dlq", ["REJECTED", "RETRY_BUDGET_EXHAUSTED", "NON_RETRIABLE"]],
    ]);
  });

  it("counts a handler's failure as a decode failure only when its error names what the record held", async () => {
    const metrics = new CountingMetrics();
    const writer = new DeadLetterWriter(keepingProducer().producer, metrics, logger);
    const failed = handlerRefusalOf(record("live.orders", 1n), new Error("engine blew up"));
    const invalid = handlerRefusalOf(record("live.orders", 2n), new InvalidRecord("roomId is empty"));
    expect([failed.reason, failed.undecodable, invalid.reason, invalid.undecodable]).toEqual(["HANDLER_FAILED", false, "MISSING_FIELD", true]);
    await writer.write([failed, invalid]);
    expect(metrics.undecodable).toEqual(new Map([["live.orders|MISSING_FIELD", 1]]));
    expect(metrics.deadLetteredTotal()).toBe(2);
  });
});
