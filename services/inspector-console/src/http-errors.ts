import { status as GrpcStatus } from "@grpc/grpc-js";
import { GrpcCallError } from "@redline/grpc";
import { BadConsoleRequestError } from "./errors";

export interface HttpFailure {
  statusCode: number;
  /** Safe to show: never the gateway's or the archive's internals. */
  message: string;
}

const BY_GRPC_CODE: ReadonlyMap<GrpcStatus, HttpFailure> = new Map([
  [GrpcStatus.UNAUTHENTICATED, { statusCode: 401, message: "the gateway does not accept your token; sign in again" }],
  [GrpcStatus.PERMISSION_DENIED, { statusCode: 403, message: "your role may not do this" }],
  [GrpcStatus.NOT_FOUND, { statusCode: 404, message: "the alert is not in the archive (yet)" }],
  [GrpcStatus.RESOURCE_EXHAUSTED, { statusCode: 503, message: "the gateway is busy; try again" }],
  [GrpcStatus.UNAVAILABLE, { statusCode: 503, message: "the gateway is unavailable; try again" }],
  [GrpcStatus.DEADLINE_EXCEEDED, { statusCode: 504, message: "the gateway did not answer in time; try again" }],
]);

/** How an error in a page or API handler is shown to the browser. */
export function httpFailure(err: unknown): HttpFailure {
  if (err instanceof BadConsoleRequestError) return { statusCode: 400, message: err.message };
  if (err instanceof GrpcCallError) {
    if (err.code === GrpcStatus.INVALID_ARGUMENT) return { statusCode: 400, message: "the gateway refused the request as invalid" };
    return BY_GRPC_CODE.get(err.code) ?? { statusCode: 502, message: "the gateway failed; try again" };
  }
  return { statusCode: 500, message: "the console failed; the log says why" };
}
