import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";

/** The part of a finished span a test needs to follow a trace, from any exporter. */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  serviceName: string;
  attributes: Readonly<Record<string, unknown>>;
  /** 0 unset, 1 ok, 2 error (OpenTelemetry's `SpanStatusCode`). */
  statusCode: number;
}

export function spanRecordOf(span: ReadableSpan): SpanRecord {
  return {
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    name: span.name,
    serviceName: String(span.resource.attributes["service.name"] ?? ""),
    attributes: span.attributes,
    statusCode: span.status.code,
  };
}

/**
 * The chain from a span named `toName` up through its parents to one named
 * `fromName`, within one trace — e.g. from `kafka.consume live.events` down to
 * `ControlPlane/Apply` — or undefined when no such connected path exists. A
 * missing parent (a lost hop) breaks the chain, which is what the check is for.
 */
export function findTracePath(spans: readonly SpanRecord[], fromName: string, toName: string): SpanRecord[] | undefined {
  const byId = new Map(spans.map((s) => [`${s.traceId}/${s.spanId}`, s]));
  for (const end of spans) {
    if (end.name !== toName) continue;
    const path: SpanRecord[] = [end];
    let current: SpanRecord | undefined = end;
    while (current && current.name !== fromName) {
      current = current.parentSpanId === undefined ? undefined : byId.get(`${current.traceId}/${current.parentSpanId}`);
      if (current) path.push(current);
    }
    if (current) return path.reverse();
  }
  return undefined;
}
