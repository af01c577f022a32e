import { silentLogger } from "@redline/common";
import { decodeMessage, encodeMessage } from "@redline/events";
import { dlqTopicFor, ensureTopics, RecordProducer } from "@redline/kafka";
import { isProgressMark, PRODUCER_PARTITION_HEADER } from "@redline/minute-table";
import { Alert } from "@redline/proto";
import { loadConfig as loadEngineConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import { collectTopic, ensureEngineTopics, peerTraffic, publishEvents, randomId, replayAlertsThroughCli, replayComparableEngineEnv, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka();
const ENGINE_PARTITIONS = 2;
const BASELINE_PARTITIONS = 3;
const MIN = 60_000;
// A day back, as a backlog or a replay would be (replayComparableEngineEnv admits it): quiet partitions promise by event time.
const T0 = Math.floor((Date.now() - 86_400_000) / MIN) * MIN;
const events = peerTraffic(T0);

/**
 * Issue 12, end to end on the real broker: the risk engine with the peer
 * baselines on (two input partitions, each writing its partials and marks
 * to a compacted baselines topic of three partitions, and every partition
 * holding its events until the merged table is ready for their minute)
 * raises from the platform's LiveEvents exactly the alerts `redline replay
 * --baselines` raises from one pipeline: same keys, same bytes, the peer
 * quantiles in their explanations included. Merging the partitions'
 * partials gives the one producer's sketch; the input ends and goes quiet,
 * so the last minutes are released by the quiet-partition marks.
 */
describe("risk engine with peer baselines against redline replay --baselines", () => {
  let producer: RecordProducer;
  let engine: RiskEngineService | undefined;

  beforeAll(async () => {
    producer = await RecordProducer.connect(kafka, silentLogger);
  });
  afterAll(async () => {
    await engine?.stop();
    await producer.disconnect();
  });

  it("raise the same alerts, key and value byte for byte, judged against peers from both partitions", async () => {
    const replayed = await replayAlertsThroughCli(events, ["--baselines"]);
    const judged = [...replayed.values()].filter((a) => a.explanation?.signals.some((s) => s.name === "peer_silent_share_quantile"));
    expect(judged.map((a) => a.roomId)).toContain("room-8");

    const prefix = `${randomId("it.baselines")}.`;
    const topics = { alerts: `${prefix}alerts`, baselines: `${prefix}baselines` };
    await ensureEngineTopics(kafka, prefix, ENGINE_PARTITIONS);
    await ensureTopics(kafka, [
      { topic: topics.baselines, numPartitions: BASELINE_PARTITIONS, configs: { "cleanup.policy": "compact" } },
      { topic: dlqTopicFor(topics.baselines), numPartitions: 1 },
    ]);
    const alerts = await collectTopic(kafka, topics.alerts);
    const table = await collectTopic(kafka, topics.baselines);
    const tableDlq = await collectTopic(kafka, dlqTopicFor(topics.baselines));
    try {
      await publishEvents(producer, prefix, events);
      engine = await startRiskEngine(
        loadEngineConfig(replayComparableEngineEnv(prefix, { REDLINE_ENGINE_BASELINES: "true", REDLINE_BASELINES_TOPIC: topics.baselines })),
        { logger: silentLogger },
      );
      const all = (): Map<string, { key: string | null; value: Buffer }> =>
        new Map(alerts.records.map((r) => [decodeMessage(Alert, r.value, "protobuf").alertId, { key: r.key, value: r.value }]));
      await waitFor(() => [...replayed.keys()].every((id) => all().has(id)), { timeoutMs: 60_000, what: `${replayed.size} alerts` });
      // Both run without a policy (REDLINE_POLICY_FILE=off), so no version stamp differs: the bytes are equal as they stand.
      expect(all()).toEqual(new Map([...replayed.values()].map((a) => [a.alertId, { key: a.roomId, value: Buffer.from(encodeMessage(Alert, a, "protobuf").value) }])));
      // Both engine partitions wrote partials, and marked every partition of the table.
      const partials = table.records.filter((r) => !isProgressMark(r.headers));
      expect(new Set(partials.map((r) => r.headers[PRODUCER_PARTITION_HEADER]))).toEqual(new Set(["0", "1"]));
      const marks = table.records.filter((r) => isProgressMark(r.headers));
      expect(new Set(marks.map((r) => `${r.partition}/${r.headers[PRODUCER_PARTITION_HEADER]}`)).size).toBe(BASELINE_PARTITIONS * ENGINE_PARTITIONS);
      expect(tableDlq.records).toEqual([]);
    } finally {
      await alerts.stop();
      await table.stop();
      await tableDlq.stop();
    }
  });
});
