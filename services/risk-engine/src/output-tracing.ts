import type { PipelineOutput } from "@redline/engine";
import { extractKafkaContext, injectKafkaHeaders, SPAN_NAMES, SpanKind, withSpan } from "@redline/telemetry";

export interface TracedOutput {
  output: PipelineOutput;
  /** Trace context for the output record's headers. */
  headers: Record<string, string>;
}

/**
 * Spans for an event whose scoring released outputs: `kafka.consume <topic>`
 * (continuing the input record's trace) → `engine.score` → one
 * `kafka.produce <topic>` per output, whose context travels in the output
 * record's headers to the dispatcher. Made only for events that produced
 * something: a span per input event would cost more than scoring it.
 */
export function traceOutputs(
  inputTopic: string,
  traceparent: string | undefined,
  outputs: readonly PipelineOutput[],
  topicOf: (output: PipelineOutput) => string,
): TracedOutput[] {
  const parent = extractKafkaContext(traceparent === undefined ? undefined : { traceparent });
  return withSpan(SPAN_NAMES.kafkaConsume(inputTopic), { kind: SpanKind.CONSUMER, parent }, () =>
    withSpan(SPAN_NAMES.engineScore, { attributes: { "redline.outputs": outputs.length } }, () =>
      outputs.map((output) =>
        withSpan(SPAN_NAMES.kafkaProduce(topicOf(output)), { kind: SpanKind.PRODUCER }, () => ({
          output,
          headers: injectKafkaHeaders({}),
        })),
      ),
    ),
  );
}
