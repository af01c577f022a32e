/**
 * @redline/faults — fault runs against the local stack (issue 17), outside
 * `npm test`: `npm run faults:bad-input` pushes every class of malformed input
 * through a real risk-engine process and accounts for each record.
 *
 * @example
 * const result = await runBadInput({ perClass: 10_000, validCount: 20_000, seed: 17, partitions: 3, timeoutMs: 900_000, env: process.env, logger });
 * if (failedChecks(result, 10_000).length > 0) process.exit(1);
 */
export { counterByLabel, tally } from "./bad-input/accounting";
export type { Accounting, ClassTally, DeadLetter } from "./bad-input/accounting";
export { CLASS_HEADER, FAULT_CLASSES, faultRecords, interleavedRecords, SEQ_HEADER } from "./bad-input/fault-classes";
export type { FaultClass, FaultRecord, RecordClass } from "./bad-input/fault-classes";
export { failedChecks, renderSection, writeSection } from "./bad-input/report";
export { runBadInput } from "./bad-input/run-bad-input";
export type { BadInputOptions, BadInputResult } from "./bad-input/run-bad-input";
export { accountActions, accountInputs, accountRows, compareAlerts, failedRules } from "./suite/accounting";
export type { ScenarioAccount } from "./suite/accounting";
export { hoursFor, prepareLoadFile, sortByEventTime } from "./suite/load";
export { runScenario } from "./suite/run-scenario";
export type { FaultContext, Scenario, ScenarioOptions, ScenarioResult, Targets } from "./suite/run-scenario";
export { allScenarios, ISSUE_DURATIONS, killScenario } from "./suite/scenarios";
export type { FaultDurations } from "./suite/scenarios";
// Free loopback ports for a stack or a process of a test's own.
export { freePort } from "./engine-process";
export { SuiteStack } from "./suite/stack";
export type { SuiteStackPorts } from "./suite/stack";
export { portAnswers } from "./suite/port-answers";
export { SERVICES, ServiceSupervisor } from "./suite/supervisor";
export { TcpProxy } from "./suite/tcp-proxy";
