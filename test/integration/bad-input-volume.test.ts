/**
 * The short version of `npm run faults:bad-input` (issue 17, docs/reliability.md):
 * 300 records of each class of bad input interleaved with 600 valid events,
 * through the risk-engine service as its own process on the real broker;
 * every record applied or dead-lettered with a reason, matched one by one,
 * and counted the same by the engine's metrics.
 */
import { createJsonLogger } from "@redline/common";
import { failedChecks, FAULT_CLASSES, runBadInput, type BadInputResult, type RecordClass } from "@redline/faults";

const PER_CLASS = 300;

describe("bad input at volume through the real risk-engine process", () => {
  let result: BadInputResult;
  const row = (c: RecordClass) => result.accounting.classes.find((r) => r.recordClass === c)!;

  beforeAll(async () => {
    result = await runBadInput({
      perClass: PER_CLASS,
      validCount: 600,
      seed: 17,
      partitions: 2,
      timeoutMs: 90_000,
      env: process.env,
      logger: createJsonLogger({ level: "warn", namespace: "it.bad-input", write: () => undefined }),
    });
  }, 150_000);

  it("loses nothing, crashes never and counts every dead letter once, in the DLQ and in its metric", () => {
    expect(failedChecks(result, PER_CLASS)).toEqual([]);
    expect(result.crashed).toBeUndefined();
    expect(result.exitCode).toBe(0);
    expect(result.inputRecords).toBe(PER_CLASS * FAULT_CLASSES.length + 600);
    const deadLettered = result.accounting.classes.reduce((n, c) => n + c.deadLettered, 0);
    expect(deadLettered).toBe(result.dlqTopicRecords);
    expect(Object.values(result.dlqMetricByReason).reduce((a, b) => a + b, 0)).toBe(deadLettered);
  });

  it("dead-letters what cannot be an event and applies what still is one", () => {
    for (const c of ["random-bytes", "empty-value", "time-far-past-or-future"] as const) expect(row(c).deadLettered).toBe(PER_CLASS);
    for (const c of ["valid", "hostile-text", "unknown-enum", "null-key"] as const) expect(row(c).deadLettered).toBe(0);
    expect(Object.keys(row("time-far-past-or-future").byReason)).toContain("EVENT_TIME_SKEW");
    expect(Object.keys(row("json-huge-or-deep").byReason)).toContain("TEXT_TOO_LONG");
    expect(Object.keys(row("bit-flipped-protobuf").byReason)).toContain("UNDECODABLE");
  });
});
