/**
 * @redline/risk-engine — the service that reads the platform's live topics
 * and runs the risk pipeline per co-partitioned partition number, with state
 * checkpointed to a compacted changelog. Run `node services/risk-engine/dist/main.js`;
 * embed with `startRiskEngine(loadConfig(env), { logger })` (the tests do).
 */
export { startRiskEngine } from "./risk-engine-service";
export type { RiskEngineDeps, RiskEngineService } from "./risk-engine-service";
export { loadConfig } from "./config";
export type { RiskEngineConfig } from "./config";
// The changelog's record format, for tools that read the engine's progress from it (fault suite, tests).
export { decodeSnapshot } from "@redline/pipeline";
export type { PipelineSnapshot } from "@redline/pipeline";
