/**
 * @redline/alert-gateway — serves `AlertStream` to inspectors: `Tail` (live
 * alerts with filters, resumable cursors, backpressure and a slow-client
 * policy), `Review` (verdicts to `risk.feedback`) and `GetEvidence` (from an
 * injected evidence store). `main.ts` wires it from the environment.
 *
 * @example
 * const gateway = await startGateway(loadConfig(process.env), { logger, evidence });
 * process.on("SIGTERM", () => void gateway.stop());
 */
export { alertStreamHandlers } from "./alert-stream-handlers";
export type { AlertStreamDeps } from "./alert-stream-handlers";
export { loadConfig } from "./config";
export type { GatewayConfig } from "./config";
export { CatchUpFailedError, EvidenceStoreUnavailableError, InvalidRequestError, LiveReaderFailedError } from "./errors";
export { UnconfiguredEvidenceStore } from "./evidence-store";
export type { Evidence, EvidenceStore } from "./evidence-store";
export { KafkaFeedbackSink } from "./feedback-sink";
export type { FeedbackSink } from "./feedback-sink";
export { startGateway } from "./gateway";
export type { RunningGateway } from "./gateway";
