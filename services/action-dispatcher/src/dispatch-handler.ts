import type { Logger } from "@redline/common";
import {
  actionOutcomeOf,
  deliverAction,
  realClock,
  type ControlPlanePort,
  type DeliveryClock,
  type DeliveryOutcome,
  type DeliveryPolicy,
} from "@redline/dispatch";
import { encodeMessage } from "@redline/events";
import type { DeadLetterWriter, PartitionBatch, RecordProducer } from "@redline/kafka";
import { actionKindToJSON, ActionOutcome, Alert, type ControlAction } from "@redline/proto";
import { extractKafkaContext, SPAN_NAMES, SpanKind, withSpan } from "@redline/telemetry";
import type { DispatcherMetrics } from "./metrics";
import { undeliveredActionAlert } from "./undelivered-alert";

export interface DispatchHandlerDeps {
  port: ControlPlanePort;
  policy: DeliveryPolicy;
  producer: RecordProducer;
  deadLetters: DeadLetterWriter;
  alertsTopic: string;
  outcomesTopic: string;
  metrics: DispatcherMetrics;
  logger: Logger;
  clock?: DeliveryClock;
  /** Wall-clock milliseconds from an action's event time to its acknowledgement. */
  onApplied?: (kind: string, latencyMs: number) => void;
}

/**
 * Applies a partition's actions one after another, so actions of one room
 * (one key, one partition) reach the platform in order. The handler resolves
 * only when every action is acknowledged or, past the retry budget, durably
 * dead-lettered with an alert about it; only then are offsets committed.
 * On shutdown a delivery in retries gives up (DeliveryInterruptedError) and
 * the chunk stays uncommitted: the next owner re-sends, the platform dedupes.
 *
 * Every delivery's outcome is published once Apply has returned and before
 * the offset can be committed (issue 20): a crash in between leaves the
 * action uncommitted, the next owner re-sends it, the platform answers
 * DUPLICATE and that outcome is published, so every action the platform
 * received has an outcome (a lone DUPLICATE where the first answer died with
 * the process). Outcomes are facts about calls, never a reason to call again.
 */
export function dispatchHandler(deps: DispatchHandlerDeps) {
  const clock = deps.clock ?? realClock;
  return async (batch: PartitionBatch<ControlAction>): Promise<void> => {
    for (const { record, value: action } of batch.records) {
      if (action.shadow) {
        deps.metrics.shadowSkipped();
        continue;
      }
      const kind = actionKindToJSON(action.kind);
      // The action record carries the trace of the event that caused it, from the risk engine.
      const parent = extractKafkaContext(record.headers);
      const outcome = await withSpan(SPAN_NAMES.kafkaConsume(batch.topic), { kind: SpanKind.CONSUMER, parent }, () =>
        withSpan(SPAN_NAMES.dispatchApply, { attributes: { "redline.action.kind": kind } }, () =>
          deliverAction(action, deps.port, deps.policy, clock, (err, attempt, delayMs) => {
            deps.metrics.applyRetried();
            deps.logger.warn("Apply failed, retrying", { actionId: action.actionId, attempt, delayMs, err });
            void batch.heartbeat().catch(() => undefined);
          }, batch.signal),
        ),
      );
      await publishOutcome(deps, action, outcome);
      // kafkajs heartbeats only when asked: a chunk of slow but successful Applies (50 × a few seconds) would
      // outlast the session timeout, and the group would hand the partition on mid-chunk to re-send it all.
      await batch.heartbeat().catch((err: unknown) => deps.logger.debug("heartbeat failed; the chunk's commit will tell", { err }));
      deps.metrics.actionDelivered(kind, outcome.kind);
      if (outcome.kind === "applied") deps.onApplied?.(kind, clock.now() - action.issuedAtMs);
      if (outcome.kind === "applied" || outcome.kind === "duplicate") continue;
      const reason = outcome.kind === "rejected" ? "REJECTED" : outcome.reason;
      const detail = outcome.kind === "rejected" ? outcome.message : outcome.detail;
      await deps.deadLetters.write([{ record, reason, detail: `${kind} ${action.actionId}: ${detail}`.slice(0, 1000), undecodable: false }]);
      const alert = encodeMessage(Alert, undeliveredActionAlert(action, outcome), "protobuf");
      await deps.producer.send(deps.alertsTopic, [
        { key: action.roomId, value: alert.value, headers: { "content-type": alert.contentType } },
      ]);
      deps.logger.error("action not delivered", { actionId: action.actionId, kind, reason, attempts: outcome.attempts });
    }
  };
}

async function publishOutcome(deps: DispatchHandlerDeps, action: ControlAction, outcome: DeliveryOutcome): Promise<void> {
  const encoded = encodeMessage(ActionOutcome, actionOutcomeOf(action, outcome), "protobuf");
  await deps.producer.send(deps.outcomesTopic, [{ key: action.actionId, value: encoded.value, headers: { "content-type": encoded.contentType } }]);
}
