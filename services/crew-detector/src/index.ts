/**
 * @redline/crew-detector — the cross-room crew service (issue 21), for tests
 * and embedding; `main.ts` runs it as a process.
 *
 * @example
 * const service = await CrewDetectorService.start(loadConfig(process.env), { logger });
 * // ... later
 * await service.stop();
 */
export { loadConfig, requiredTopics } from "./config";
export type { CrewDetectorConfig } from "./config";
export { CrewDetectorService } from "./crew-detector-service";
export type { CrewDetectorDeps, CrewDetectorStats } from "./crew-detector-service";
export { CrewStream } from "./crew-stream";
export type { StreamStep } from "./crew-stream";
export { activityOutputRecord, readActivityRecord } from "./activity-record";
export type { ActivityRecord } from "./activity-record";
export { LateActivityError, UndecodableActivityError } from "./errors";
