import { performance } from "node:perf_hooks";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { extractGrpcContext, type GrpcMetadataCarrier } from "./propagation";
import type { RedlineMetrics } from "./redline-metrics";
import { SPAN_NAMES, withSpan } from "./spans";

/** gRPC status names by code, as in the gRPC spec; kept here so telemetry needs no gRPC library. */
const GRPC_STATUS_NAMES = [
  "OK",
  "CANCELLED",
  "UNKNOWN",
  "INVALID_ARGUMENT",
  "DEADLINE_EXCEEDED",
  "NOT_FOUND",
  "ALREADY_EXISTS",
  "PERMISSION_DENIED",
  "RESOURCE_EXHAUSTED",
  "FAILED_PRECONDITION",
  "ABORTED",
  "OUT_OF_RANGE",
  "UNIMPLEMENTED",
  "INTERNAL",
  "UNAVAILABLE",
  "DATA_LOSS",
  "UNAUTHENTICATED",
] as const;

const UNKNOWN_CODE = 2;

/** The status a failed call ended with: `err.code` when numeric (grpc-js errors, `GrpcCallError`), else UNKNOWN. */
export function grpcCodeOf(err: unknown): number {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "number" && GRPC_STATUS_NAMES[code] !== undefined ? code : UNKNOWN_CODE;
}

export function grpcStatusName(code: number): string {
  return GRPC_STATUS_NAMES[code] ?? "UNKNOWN";
}

export interface GrpcCallTelemetry {
  metrics?: RedlineMetrics;
  /** Monotonic milliseconds; injectable for tests. */
  nowMs?: () => number;
}

/**
 * Runs a unary gRPC client call inside a CLIENT span named `Service/Method`
 * and records `redline_grpc_client_latency_ms{method,code}`. Inside `call`,
 * `injectGrpcMetadata(metadata)` picks up this span as the parent.
 */
export function traceGrpcClientCall<T>(
  service: string,
  method: string,
  call: () => Promise<T>,
  opts: GrpcCallTelemetry = {},
): Promise<T> {
  return timedCall(service, method, SpanKind.CLIENT, undefined, call, opts, (m, code, ms) => opts.metrics?.grpcClientCall(m, code, ms));
}

/**
 * Runs a unary gRPC handler inside a SERVER span continuing the caller's
 * trace (from `call.metadata`) and records `redline_grpc_server_latency_ms{method,code}`.
 */
export function traceGrpcServerCall<T>(
  service: string,
  method: string,
  metadata: GrpcMetadataCarrier | undefined,
  handle: () => Promise<T>,
  opts: GrpcCallTelemetry = {},
): Promise<T> {
  return timedCall(service, method, SpanKind.SERVER, extractGrpcContext(metadata), handle, opts, (m, code, ms) =>
    opts.metrics?.grpcServerCall(m, code, ms),
  );
}

function timedCall<T>(
  service: string,
  method: string,
  kind: SpanKind,
  parent: ReturnType<typeof extractGrpcContext> | undefined,
  fn: () => Promise<T>,
  opts: GrpcCallTelemetry,
  record: (method: string, code: string, ms: number) => void,
): Promise<T> {
  const nowMs = opts.nowMs ?? (() => performance.now());
  const name = SPAN_NAMES.grpc(service, method);
  const attributes = { "rpc.system": "grpc", "rpc.service": service, "rpc.method": method };
  return withSpan(name, { kind, attributes, ...(parent ? { parent } : {}) }, async (span) => {
    const startMs = nowMs();
    try {
      const result = await fn();
      span.setAttribute("rpc.grpc.status_code", 0);
      record(name, "OK", nowMs() - startMs);
      return result;
    } catch (err) {
      const code = grpcCodeOf(err);
      span.setAttribute("rpc.grpc.status_code", code);
      record(name, grpcStatusName(code), nowMs() - startMs);
      throw err;
    }
  });
}

type UnaryHandler = (call: { metadata?: GrpcMetadataCarrier }, callback: (err: unknown, value?: unknown) => void) => void;

/**
 * Wraps the unary handlers of a grpc-js service implementation so each call
 * records `redline_grpc_server_latency_ms{method,code}` and runs in a SERVER
 * span continuing the caller's trace. Streaming handlers (one argument) are
 * passed through unchanged.
 */
export function timeUnaryHandlers<T extends object>(service: string, impl: T, metrics: RedlineMetrics, nowMs: () => number = () => performance.now()): T {
  const out: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(impl)) {
    if (typeof handler !== "function" || handler.length < 2) {
      out[name] = handler;
      continue;
    }
    const method = name.charAt(0).toUpperCase() + name.slice(1);
    out[name] = ((call, callback) => {
      const startedAt = nowMs();
      const parent = extractGrpcContext(call.metadata);
      // The span lasts until the handler answers, not until it returns.
      void withSpan(SPAN_NAMES.grpc(service, method), { kind: SpanKind.SERVER, parent }, (span) =>
        new Promise<void>((resolve) => {
          (handler as UnaryHandler).call(impl, call, (err, value) => {
            const code = err ? grpcCodeOf(err) : 0;
            metrics.grpcServerCall(`${service}/${method}`, grpcStatusName(code), nowMs() - startedAt);
            if (err) span.setStatus({ code: SpanStatusCode.ERROR, message: grpcStatusName(code) });
            callback(err, value);
            resolve();
          });
        }),
      );
    }) as UnaryHandler;
  }
  return out as T;
}
