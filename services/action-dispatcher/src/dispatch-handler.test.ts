import { silentLogger } from "@redline/common";
import type { ControlPlanePort, DeliveryClock } from "@redline/dispatch";
import type { DeadLetterWriter, InputRecord, PartitionBatch, RecordProducer } from "@redline/kafka";
import { ApplyStatus, ControlAction } from "@redline/proto";
import { dispatchHandler } from "./dispatch-handler";
import { CountingDispatcherMetrics } from "./metrics";

const APPLY_MS = 8_000;

/** A platform that answers every Apply, slowly: each call takes APPLY_MS of the fake clock. */
function slowPlatform(clock: { t: number }): ControlPlanePort {
  return {
    apply: async (a) => {
      clock.t += APPLY_MS;
      return { actionId: a.actionId, status: ApplyStatus.APPLY_STATUS_APPLIED, message: "" };
    },
  };
}

function batchOf(actions: ControlAction[], heartbeatsAtMs: number[], clock: { t: number }): PartitionBatch<ControlAction> {
  const record = (offset: number): InputRecord => ({ topic: "risk.actions", partition: 0, offset: BigInt(offset), key: null, value: Buffer.alloc(0), headers: {}, timestampMs: 0 });
  return {
    topic: "risk.actions",
    partition: 0,
    records: actions.map((value, i) => ({ record: record(i), value })),
    lastOffset: BigInt(actions.length - 1),
    highWatermark: BigInt(actions.length),
    heartbeat: async () => {
      heartbeatsAtMs.push(clock.t);
    },
    signal: new AbortController().signal,
  };
}

describe("dispatchHandler", () => {
  it("heartbeats between actions, so a slow platform does not cost the member its partitions mid-chunk", async () => {
    const clock: DeliveryClock & { t: number } = { t: 0, now: () => clock.t, sleep: async () => undefined, random: () => 0.5 };
    const handle = dispatchHandler({
      port: slowPlatform(clock),
      policy: { deadlineMs: 10_000, retryBudgetMs: 60_000, initialBackoffMs: 100, maxBackoffMs: 1000 },
      producer: { send: async () => [] } as unknown as RecordProducer,
      deadLetters: { write: async () => undefined } as unknown as DeadLetterWriter,
      alertsTopic: "risk.alerts",
      outcomesTopic: "risk.action-outcomes",
      metrics: new CountingDispatcherMetrics(),
      logger: silentLogger,
      clock,
    });
    const actions = Array.from({ length: 6 }, (_, i) => ControlAction.fromPartial({ actionId: `a-${i}`, roomId: "r" }));
    const heartbeatsAtMs: number[] = [];
    await handle(batchOf(actions, heartbeatsAtMs, clock));
    // kafkajs heartbeats only when asked to: six 8 s answers (48 s) with none in between outlast a 30 s session timeout.
    const times = [0, ...heartbeatsAtMs, clock.t];
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(APPLY_MS);
  });
});
