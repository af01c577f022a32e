/**
 * @redline/grpc — what every Redline gRPC server and client shares: TLS and
 * mTLS credentials from configuration, the standard health service, bearer
 * token authentication with roles, the retriable status codes, and
 * bind/shutdown helpers.
 *
 * @example
 * const server = new Server();
 * server.addService(AlertStreamService, impl);
 * const health = addHealthService(server, ["redline.v1.AlertStream"]);
 * const port = await bindServer(server, "0.0.0.0:7001", serverCredentials(loadTlsConfig(env, "REDLINE_GATEWAY")));
 */
export { authenticate, isPrincipal, mayReview, parseTokens, unauthenticated } from "./auth";
export type { Principal, Role } from "./auth";
export { TokenTable, tokensEqual } from "./token-table";
export { GrpcCallError, RETRIABLE_STATUS_CODES, TlsConfigError } from "./errors";
export { addHealthService } from "./health";
export type { HealthState } from "./health";
export { bindServer, failStream, shutdownServer } from "./server";
export { channelCredentials, loadTlsConfig, serverCredentials } from "./tls";
export type { TlsConfig } from "./tls";
