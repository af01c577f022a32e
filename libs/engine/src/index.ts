/**
 * @redline/engine — the event-time risk engine: turns LiveEvents into
 * explained Alerts. Pure and deterministic (no Kafka, gRPC or ClickHouse, no
 * wall time in outputs); the Kafka service and `redline replay` both run it.
 *
 * @example
 * const engine = new RiskEngine();
 * for (const event of events) {
 *   engine.ingest(event);
 *   for (const out of engine.drain()) publish(out.alert);
 * }
 * engine.flush();
 * for (const out of engine.drain()) publish(out.alert);
 * const checkpoint = engine.snapshot(); // later: RiskEngine.restore(checkpoint, config)
 */
export { RiskEngine } from "./engine";
export type { EngineOutput, EngineCounters, EngineDeps, RoomStateSize } from "./engine";
export { DEFAULT_ENGINE_CONFIG } from "./config";
export type { EngineConfig } from "./config";
export { DEFAULT_FALSIFICATION_CONFIG } from "./detectors/falsification-config";
export type { FalsificationConfig } from "./detectors/falsification-config";
export { FAKE_FOLLOWS, FAKE_LIKES, FAKE_ORDERS, FAKE_VIEWS } from "./detectors/finding";
export { DEFAULT_CONTENT_CONFIG, contentConfigForThresholds } from "./detectors/content-config";
export type { ContentConfig } from "./detectors/content-config";
export {
  SELECTIVE_DELETION, STREAMER_UNDERAGE, STREAMER_MINOR_NO_CONSENT, MINOR_TIPPING, MINOR_HARMFUL_CONTENT, REPEAT_OFFENDER, ROOM_FLOOD,
} from "./detectors/content-finding";
export type { TextScorer, TextScores } from "./detectors/text-scorer";
export { alertIdOf } from "./alert";
export { EngineError, EngineConfigError, SnapshotFormatError } from "./errors";
// The snapshot codec (MessagePack), for the records that wrap engine state: pipeline and partition snapshots.
export { decodeState, encodeState } from "./state-codec";
export { RiskPipeline, outputToJsonLine } from "./pipeline";
export { MisleadingClaimsStage, DEFAULT_CLAIMS_STAGE_CONFIG } from "./claims/misleading-claims-stage";
export type { ClaimsStageConfig } from "./claims/misleading-claims-stage";
export type { PipelineOutput, OutputStage } from "./pipeline";
