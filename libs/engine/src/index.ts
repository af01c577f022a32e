/**
 * @redline/engine — the event-time risk engine: turns LiveEvents into
 * explained Alerts. Pure and deterministic (no Kafka, gRPC or ClickHouse, no
 * wall time in outputs); the Kafka service and `redline replay` both run it.
 *
 * @example
 * const engine = new RiskEngine();
 * for (const event of events) {
 *   for (const out of engine.ingest(event).outputs) publish(out.alert);
 * }
 * for (const out of engine.flush().outputs) publish(out.alert);
 * const checkpoint = engine.snapshot(); // later: RiskEngine.restore(checkpoint, config)
 */
// What other packages use, and nothing more (#13): detectors, findings,
// sketches and the config parts stay inside the engine.
export { RiskEngine } from "./engine";
export { DEFAULT_ROOMS_PER_SLICE } from "./snapshot-capture";
export type { SnapshotCapture } from "./snapshot-capture";
export type { EngineCounters, EngineDeps, EngineStep, RoomStateSize } from "./engine";
export type { WindowJudgedHook } from "./engine-types";
// For fitting the falsification combiner (tools/eval, fit-combiner): its features and the model it writes.
export { WINDOW_FEATURES } from "./detectors/window-features";
export { COMBINER_MODEL } from "./detectors/combiner-model";
export { combinerActsFrom } from "./detectors/falsification-config";
export type { CombinerKindModel, CombinerModel } from "./detectors/combiner-types";
export { ROOM_SIGNALS } from "./detectors/room-signals";
export type { BaselinePartial } from "./peer-baselines";
export type { RoomSignals } from "./detectors/room-signals";
export { DEFAULT_ENGINE_CONFIG } from "./config";
export type { EngineConfig } from "./config";
export { contentConfigForThresholds } from "./detectors/content-config";
export { alertIdOf } from "./alert";
// The snapshot codec (MessagePack), for the records that wrap engine state: pipeline and partition snapshots.
export { decodeState, encodeState } from "./state-codec";
export { RiskPipeline, outputToJsonLine } from "./pipeline";
export type { PipelineOutput, OutputStage } from "./pipeline";
export { MisleadingClaimsStage } from "./claims/misleading-claims-stage";
