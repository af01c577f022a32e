import { silentLogger } from "@redline/common";
import { CrewDetectorService, activityOutputRecord, loadConfig } from "@redline/crew-detector";
import { decodeMessage } from "@redline/events";
import { dlqTopicFor, ensureTopics, markKeysFor, type OutputRecord, partitionForKey, RecordProducer } from "@redline/kafka";
import { progressHeaders, progressMarkKey } from "@redline/minute-table";
import { createPipeline, drainAccountActivity, sealAccountActivity } from "@redline/pipeline";
import { Alert, Severity, type LiveEvent } from "@redline/proto";
import { collectTopic, crewTraffic, randomId, replayCrewAlertsThroughCli, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka();
const LANES = 3;
const ENGINE_PARTITIONS = 2;
const MIN = 60_000;

const T0 = Math.floor((Date.now() - 86_400_000) / MIN) * MIN;
const events = crewTraffic(T0);

function marks(producerPartition: number, watermarkMs: number): OutputRecord[] {
  const headers = progressHeaders({ producerPartition, producerPartitions: ENGINE_PARTITIONS, watermarkMs }, true);
  return markKeysFor(progressMarkKey(producerPartition), LANES).map((key) => ({ key, value: Buffer.from("mark"), headers }));
}

/**
 * What risk engines on two input partitions publish to risk.account-activity:
 * the pipeline the service builds (createPipeline with account activity), its
 * records as they are drained, and a progress mark each event-time minute
 * with the sealed engine watermark, then the last one at the end.
 */
function engineActivityRecords(input: readonly LiveEvent[]): OutputRecord[] {
  const pipelines = Array.from({ length: ENGINE_PARTITIONS }, () => createPipeline({ accountActivity: true }));
  const markedMinute = new Array<number>(ENGINE_PARTITIONS).fill(Number.NEGATIVE_INFINITY);
  const out: OutputRecord[] = [];
  const drain = (p: number) => {
    for (const a of drainAccountActivity(pipelines[p]!)) out.push(activityOutputRecord(a, { producerPartition: p, producerPartitions: ENGINE_PARTITIONS, watermarkMs: a.eventTimeMs - 1 }));
  };
  for (const event of input) {
    const p = partitionForKey(event.roomId, ENGINE_PARTITIONS);
    pipelines[p]!.push(event);
    drain(p);
    const minute = Math.floor(pipelines[p]!.engine.watermarkMs / MIN);
    if (minute > markedMinute[p]!) {
      markedMinute[p] = minute;
      out.push(...marks(p, sealAccountActivity(pipelines[p]!)));
    }
  }
  // End of input, as replay ends it: each engine applies what it holds, then every engine announces the
  // end of the whole input (an engine whose rooms went quiet earlier would otherwise hold the others' records).
  pipelines.forEach((pipeline, p) => {
    pipeline.end();
    drain(p);
  });
  const end = input.reduce((latest, e) => Math.max(latest, e.eventTimeMs), 0);
  pipelines.forEach((pipeline, p) => {
    sealAccountActivity(pipeline);
    out.push(...marks(p, end));
  });
  return out;
}

describe("redline replay --crews and the crew-detector service", () => {
  let producer: RecordProducer;
  let service: CrewDetectorService | undefined;

  beforeAll(async () => {
    producer = await RecordProducer.connect(kafka, silentLogger);
  });
  afterAll(async () => {
    await service?.stop();
    await producer.disconnect();
  });

  it("raise the same crew alerts from the same LiveEvents", async () => {
    const replayed = await replayCrewAlertsThroughCli(events);
    // Both crews named at MEDIUM or above, and rooms flagged.
    const named = [...replayed.values()].filter((a) => a.subjectUserId !== "" && a.severity >= Severity.SEVERITY_MEDIUM);
    expect(new Set(named.map((a) => a.subjectUserId.slice(0, 6)))).toEqual(new Set(["crew-a", "crew-b"]));
    expect([...replayed.values()].some((a) => a.subjectUserId === "")).toBe(true);

    const prefix = randomId("it.crew-replay");
    const topics = { activity: `${prefix}.activity`, alerts: `${prefix}.alerts`, accountRisk: `${prefix}.account-risk` };
    await ensureTopics(kafka, [
      { topic: topics.activity, numPartitions: LANES },
      { topic: dlqTopicFor(topics.activity), numPartitions: 1 },
      { topic: topics.alerts, numPartitions: 1 },
      { topic: topics.accountRisk, numPartitions: 1, configs: { "cleanup.policy": "compact" } },
    ]);
    const alerts = await collectTopic(kafka, topics.alerts);
    try {
      service = await CrewDetectorService.start(
        loadConfig({
          ...(process.env as Record<string, string>),
          REDLINE_ACCOUNT_ACTIVITY_TOPIC: topics.activity,
          REDLINE_ALERTS_TOPIC: topics.alerts,
          REDLINE_ACCOUNT_RISK_TOPIC: topics.accountRisk,
          REDLINE_CREWS_CHANGELOG_TOPIC: `${prefix}.state`,
          REDLINE_CREWS_SNAPSHOT_EVERY_MINUTES: "30",
        }),
        { logger: silentLogger },
      );
      const records = engineActivityRecords(events);
      for (let i = 0; i < records.length; i += 5_000) await producer.send(topics.activity, records.slice(i, i + 5_000));
      const seen = (): Map<string, Alert> => new Map(alerts.records.map((r) => decodeMessage(Alert, r.value, "protobuf")).map((a) => [a.alertId, a]));
      await waitFor(() => service!.stats.deadLettered === 0 && [...replayed.keys()].every((id) => seen().has(id)), { what: `${replayed.size} crew alerts` });
      expect(seen()).toEqual(replayed);
    } finally {
      await alerts.stop();
    }
  });
});
