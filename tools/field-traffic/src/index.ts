/**
 * @redline/field-traffic — a second blind traffic generator for the falsification detectors
 * (#12), written from docs/threat-model.md and the event contract only.
 *
 * @example
 * import { generateFieldTraffic } from "@redline/field-traffic";
 * for (const { events, rooms } of generateFieldTraffic(7001).chunks) replay(events, rooms);
 */
export { generateFieldTraffic, generateRoom, planRooms, LABELS } from "./generate";
export type { FieldChunk, FieldOptions, LabelledRoom, RoomPlan } from "./generate";
export { HARD_NEGATIVE_KINDS } from "./hard-negatives";
export { shouldCatch, tells } from "./should-catch";
export type { AttackKind, TellInputs } from "./should-catch";
