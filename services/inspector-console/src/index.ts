/**
 * @redline/inspector-console — the inspectors' web console: sign-in with a
 * gateway token (kept server-side behind an HttpOnly cookie), a live alert list
 * over the gateway's Tail as server-sent events, room, alert and precision
 * pages from the archive, and review buttons that go through the gateway's
 * Review to risk.feedback.
 *
 * @example
 * const console = await startConsole(loadConfig(process.env), {
 *   logger,
 *   gateway: new GatewayClient("127.0.0.1:7070", { enabled: false, certFile: undefined, keyFile: undefined, caFile: undefined }),
 *   archive: new ArchiveReader(clickhouse),
 * });
 * console.log(console.url);
 */
export { ArchiveReader, PRECISION_SQL_FILE } from "./archive-reader";
export type { ArchivedAction, ArchivedDelivery, Deletion, MinuteCounts, PrecisionRow, VerdictRow } from "./archive-reader";
export { loadConfig } from "./config";
export type { ConsoleConfig } from "./config";
export { startConsole } from "./console-server";
export type { ConsoleDeps, RunningConsole } from "./console-server";
export { BadConsoleRequestError } from "./errors";
export { GatewayClient } from "./gateway-client";
export type { GatewayCallMetrics } from "./gateway-client";
