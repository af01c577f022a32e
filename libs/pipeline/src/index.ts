/**
 * @redline/pipeline — the one assembly of the risk pipeline (engine, then
 * the action policy) and its snapshots. The risk-engine service, `redline
 * replay` and the eval all call `createPipeline`, with the service's
 * defaults, so they produce the same outputs for the same input.
 *
 * @example
 * const pipeline = createPipeline({ policy: fixedPolicy(loadPolicyFile(path)) });
 * for (const event of events) emit(pipeline.push(event));
 * emit(pipeline.end()); // or pipeline.idle() when live input goes quiet
 */
export { createPipeline, crewRoomAlertsActedOn, drainAccountActivity, policyCounters, sealAccountActivity } from "./create-pipeline";
export { CrewRoomAlerts, DEFAULT_CREW_ROOM_ALERTS_LIMITS } from "./crew-room-alerts";
export type { CrewRoomAlertsLimits } from "./crew-room-alerts";
export { CrewRoomActionsStage } from "./crew-room-actions-stage";
export type { CrewRoomAlertSource } from "./crew-room-actions-stage";
export { AccountActivityStage } from "./account-activity-stage";
export type { PipelineSpec } from "./create-pipeline";
export { MinuteTableHold } from "./minute-table-hold";
export { TableWaitBound } from "./table-wait-bound";
export type { TableWaitBoundOptions, TableWaitObservation, TableWaitStep } from "./table-wait-bound";
export { InProcessAccountRisk } from "./in-process-account-risk";
export { accountRiskLookup } from "./account-risk-lookup";
export { InProcessBaselines } from "./in-process-baselines";
export { InProcessTables, SettledPipeline } from "./in-process-tables";
export type { InProcessTablesOptions } from "./in-process-tables";
export { peerBaselineLookup } from "./peer-baseline-lookup";
export type { BaselinesTable } from "./peer-baseline-lookup";
export type { AccountRiskTable, AccountRiskValue } from "./account-risk-lookup";
export type { SettledStep } from "./in-process-account-risk";
export type { ReadyTable } from "./minute-table-hold";
export { PIPELINE_DEFAULTS } from "./pipeline-defaults";
export { captureSnapshot, decodeSnapshot, encodeSnapshot, restorePipeline, SNAPSHOT_VERSION } from "./pipeline-snapshot";
export type { PipelineSnapshot, SnapshotPosition } from "./pipeline-snapshot";
export { CrewRoomValueError, SnapshotRecordError, SnapshotVersionError, UnknownTableError } from "./errors";
// The product table a spec's `products` takes, for callers that fill one themselves (redline replay).
export { ProductTable } from "@redline/claims";
export type { ProductFactsLookup } from "@redline/claims";
