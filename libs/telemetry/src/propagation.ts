import { context as contextApi, ROOT_CONTEXT, type Context, type TextMapGetter, type TextMapSetter } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";

/**
 * W3C trace context (`traceparent`, `tracestate`) over Kafka record headers
 * and gRPC metadata. The propagator is used directly rather than through the
 * global API so these helpers work whether or not `initTelemetry` registered
 * globals (libraries, tests, a second service in one process).
 */
const propagator = new W3CTraceContextPropagator();

/** The trace-context header names, for code that copies or strips headers. */
export const TRACE_CONTEXT_HEADERS: readonly string[] = propagator.fields();

const recordSetter: TextMapSetter<Record<string, string>> = {
  set: (carrier, key, value) => {
    carrier[key] = value;
  },
};

const recordGetter: TextMapGetter<Readonly<Record<string, string>>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

/**
 * Writes the context's trace headers into `headers` (creating the object when
 * absent) and returns it, ready for `OutputRecord.headers`. Without an active
 * span nothing is written.
 */
export function injectKafkaHeaders(
  headers: Record<string, string> = {},
  ctx: Context = contextApi.active(),
): Record<string, string> {
  propagator.inject(ctx, headers, recordSetter);
  return headers;
}

/**
 * The remote parent carried by a consumed record, on top of `base` (the root
 * context by default, so one record's trace never leaks into the next).
 * Missing or malformed headers yield `base` unchanged.
 */
export function extractKafkaContext(
  headers: Readonly<Record<string, string>> | undefined,
  base: Context = ROOT_CONTEXT,
): Context {
  return headers ? propagator.extract(base, headers, recordGetter) : base;
}

/**
 * The part of `@grpc/grpc-js`'s `Metadata` the helpers use, so this package
 * does not depend on a gRPC library; a real `Metadata` fits it.
 */
export interface GrpcMetadataCarrier {
  set(key: string, value: string): void;
  get(key: string): ReadonlyArray<string | Buffer>;
}

const metadataSetter: TextMapSetter<GrpcMetadataCarrier> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

const metadataGetter: TextMapGetter<GrpcMetadataCarrier> = {
  keys: () => [...TRACE_CONTEXT_HEADERS],
  get: (carrier, key) => {
    const values = carrier.get(key);
    if (values.length === 0) return undefined;
    const first = values[0]!;
    return typeof first === "string" ? first : first.toString("utf8");
  },
};

/** Adds the context's trace metadata to an outgoing call's `Metadata`; returns it. */
export function injectGrpcMetadata<M extends GrpcMetadataCarrier>(metadata: M, ctx: Context = contextApi.active()): M {
  propagator.inject(ctx, metadata, metadataSetter);
  return metadata;
}

/** The caller's trace context from an incoming call's metadata (`call.metadata`). */
export function extractGrpcContext(metadata: GrpcMetadataCarrier | undefined, base: Context = ROOT_CONTEXT): Context {
  return metadata ? propagator.extract(base, metadata, metadataGetter) : base;
}
