/**
 * Helpers for integration and end-to-end tests against the real local stack
 * (deploy/local/up.sh): unique names per test, condition waits instead of
 * sleeps, and readers for what landed on a topic.
 */
export { randomId, waitFor } from "./wait";
export { testKafka, readTopic, committedOffsets, collectTopic } from "./kafka";
export type { ReadRecord, TopicCollector } from "./kafka";
export { testClickHouse } from "./clickhouse";
// One loopback proxy for the tests and the fault suite (cut/restore for outages, pause/resume for stalls).
export { TcpProxy } from "@redline/faults";
export { joinTar, splitTar } from "./tar-entries";
export type { TarEntry } from "./tar-entries";
export { chromiumPath, launchChromium } from "./browser";
export { pipelineEnv, ensurePipelineTopics, pipelineOutputs, processAlive, spawnService } from "./processes";
export type { PipelineEnvOptions, ServiceProcess } from "./processes";
export { ensureEngineTopics, inputTopics, publishEvents, replayComparableEngineEnv, roomOnPartition } from "./live-events";
export { replayAlertsThroughCli, replayCrewAlertsThroughCli, replayThroughCli } from "./replay";
export { crewTraffic } from "./crew-traffic";
export { peerTraffic } from "./peer-traffic";
export type { Replayed } from "./replay";
export {
  dashboardExpressions,
  exposedLabels,
  exposedSeriesNames,
  labelsUsed,
  PROMETHEUS_DIR,
  redlineSeriesNames,
  ruleExpressions,
  ruleFiles,
} from "./monitoring";
export { alertCiting, citedComment } from "./archive-fixtures";
