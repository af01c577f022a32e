import {
  context as contextApi,
  isSpanContextValid,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type Tracer,
} from "@opentelemetry/api";

/** The tracer name every Redline span is created under. */
export const TRACER_NAME = "@redline/telemetry";

/**
 * Span names shared by services, so a trace reads the same everywhere
 * (docs/telemetry.md, "Reading a trace").
 */
export const SPAN_NAMES = {
  kafkaConsume: (topic: string) => `kafka.consume ${topic}`,
  kafkaProduce: (topic: string) => `kafka.produce ${topic}`,
  engineScore: "engine.score",
  dispatchApply: "dispatch.apply",
  /** gRPC spans follow the `Service/Method` convention, e.g. `ControlPlane/Apply`. */
  grpc: (service: string, method: string) => `${service}/${method}`,
} as const;

export interface WithSpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent context, e.g. from `extractKafkaContext`; defaults to the active context. */
  parent?: Context;
  /** Other traces this work belongs to, e.g. the events a batch aggregates. */
  links?: Link[];
  /** Defaults to the global tracer registered by `initTelemetry`. */
  tracer?: Tracer;
}

/**
 * Runs `fn` inside a new active span and ends it when `fn` returns or its
 * promise settles. A throw or rejection is recorded on the span (exception
 * event, status ERROR) and rethrown unchanged: tracing never alters control flow.
 */
export function withSpan<T>(name: string, opts: WithSpanOptions, fn: (span: Span) => T): T {
  const tracer = opts.tracer ?? trace.getTracer(TRACER_NAME);
  const parent = opts.parent ?? contextApi.active();
  const span = tracer.startSpan(
    name,
    { kind: opts.kind ?? SpanKind.INTERNAL, attributes: opts.attributes, links: opts.links },
    parent,
  );
  const fail = (err: unknown): void => {
    span.recordException(err instanceof Error ? err : String(err));
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
  };
  let result: T;
  try {
    result = contextApi.with(trace.setSpan(parent, span), () => fn(span));
  } catch (err) {
    fail(err);
    span.end();
    throw err;
  }
  if (isPromiseLike(result)) {
    return result.then(
      (value) => {
        span.end();
        return value;
      },
      (err: unknown) => {
        fail(err);
        span.end();
        throw err;
      },
    ) as T;
  }
  span.end();
  return result;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/** The context a span makes active, e.g. to inject headers for work done later. */
export function contextWithSpan(span: Span, parent: Context = contextApi.active()): Context {
  return trace.setSpan(parent, span);
}

/**
 * `{ traceId, spanId }` of the active span for `createJsonLogger({ contextFields })`,
 * or `{}` outside a span, so log lines join up with traces.
 */
export function traceContextFields(): { traceId?: string; spanId?: string } {
  const spanContext = trace.getSpanContext(contextApi.active());
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
