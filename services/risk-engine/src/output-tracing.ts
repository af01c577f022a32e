import { setMostRecent } from "@redline/common";
import type { PipelineOutput } from "@redline/engine";
import { extractKafkaContext, injectKafkaHeaders, SPAN_NAMES, SpanKind, withSpan } from "@redline/telemetry";
import type { TracedOutput } from "./output-publisher";

/** The input event an output is traced back to: its topic and W3C traceparent. */
export interface TraceOrigin {
  topic: string;
  traceparent: string | undefined;
}

/**
 * Traceparents of recent input records that carried one, by event id, so an
 * alert released later (the engine buffers up to its watermark) continues the
 * trace of the event it cites rather than of whichever event released it.
 * Bounded: the oldest entries go first.
 */
export class RecentTraces {
  private readonly byEventId = new Map<string, TraceOrigin>();

  constructor(private readonly capacity = 10_000) {}

  remember(eventId: string, origin: TraceOrigin): void {
    if (origin.traceparent === undefined) return;
    setMostRecent(this.byEventId, eventId, origin, this.capacity);
  }

  /** The origin of an output: the first cited event that carried a trace, else `fallback`. */
  originOf(output: PipelineOutput, alertOrigins: ReadonlyMap<string, TraceOrigin>, fallback: TraceOrigin): TraceOrigin {
    if ("action" in output) return alertOrigins.get(output.action.alertId) ?? fallback;
    for (const id of output.alert.evidenceEventIds) {
      const origin = this.byEventId.get(id);
      if (origin) return origin;
    }
    return fallback;
  }
}

/**
 * Spans for outputs an event released: per origin, `kafka.consume <topic>`
 * (continuing the origin record's trace) → `engine.score` → one
 * `kafka.produce <topic>` per output, whose context travels in the output
 * record's headers to the dispatcher. Made only for events that released
 * something: a span per input event would cost more than scoring it.
 */
export function traceOutputs(
  released: TraceOrigin,
  outputs: readonly PipelineOutput[],
  traces: RecentTraces,
  topicOf: (output: PipelineOutput) => string,
): Array<TracedOutput<PipelineOutput>> {
  const alertOrigins = new Map<string, TraceOrigin>();
  const groups = new Map<TraceOrigin, PipelineOutput[]>();
  for (const output of outputs) {
    const origin = traces.originOf(output, alertOrigins, released);
    if ("alert" in output) alertOrigins.set(output.alert.alertId, origin);
    const group = groups.get(origin) ?? [];
    group.push(output);
    groups.set(origin, group);
  }
  const traced: Array<TracedOutput<PipelineOutput>> = [];
  for (const [origin, group] of groups) {
    const parent = extractKafkaContext(origin.traceparent === undefined ? undefined : { traceparent: origin.traceparent });
    withSpan(SPAN_NAMES.kafkaConsume(origin.topic), { kind: SpanKind.CONSUMER, parent }, () =>
      withSpan(SPAN_NAMES.engineScore, { attributes: { "redline.outputs": group.length } }, () => {
        for (const output of group) {
          withSpan(SPAN_NAMES.kafkaProduce(topicOf(output)), { kind: SpanKind.PRODUCER }, () =>
            traced.push({ output, headers: injectKafkaHeaders({}) }),
          );
        }
      }),
    );
  }
  // Keep the pipeline's output order: actions follow the alerts they act on.
  const order = new Map(outputs.map((o, i) => [o, i]));
  return traced.sort((a, b) => order.get(a.output)! - order.get(b.output)!);
}
