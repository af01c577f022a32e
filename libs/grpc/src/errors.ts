import { status as GrpcStatus, type ServiceError } from "@grpc/grpc-js";
import { RedlineError } from "@redline/common";

/** The status codes worth calling again: the peer is down, slow or shedding load. */
export const RETRIABLE_STATUS_CODES: ReadonlySet<GrpcStatus> = new Set([
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.RESOURCE_EXHAUSTED,
]);

/** A failed gRPC call, retriable exactly when its status code is in `RETRIABLE_STATUS_CODES`. */
export class GrpcCallError extends RedlineError {
  constructor(
    readonly method: string,
    readonly code: GrpcStatus,
    details: string,
    cause?: unknown,
  ) {
    super(`${method} failed with ${GrpcStatus[code] ?? code}: ${details}`, {
      retriable: RETRIABLE_STATUS_CODES.has(code),
      cause,
      context: { method, code: GrpcStatus[code] ?? code },
    });
  }

  static from(method: string, err: unknown): GrpcCallError {
    const e = err as Partial<ServiceError>;
    const code = typeof e.code === "number" ? (e.code as GrpcStatus) : GrpcStatus.UNKNOWN;
    return new GrpcCallError(method, code, e.details ?? e.message ?? String(err), err);
  }
}

/** A TLS file is missing or unreadable, or the TLS settings contradict each other. */
export class TlsConfigError extends RedlineError {
  constructor(message: string, context: Record<string, unknown>, cause?: unknown) {
    super(message, { context, cause });
  }
}
