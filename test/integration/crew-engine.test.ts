import { silentLogger } from "@redline/common";
import { CrewDetectorService, loadConfig as loadCrewConfig } from "@redline/crew-detector";
import { CROSS_ROOM_COORDINATION } from "@redline/crews";
import { decodeMessage, encodeMessage } from "@redline/events";
import { dlqTopicFor, ensureTopics, RecordProducer } from "@redline/kafka";
import { Alert, Severity } from "@redline/proto";
import { loadConfig as loadEngineConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import {
  collectTopic,
  crewTraffic,
  ensureEngineTopics,
  publishEvents,
  randomId,
  replayComparableEngineEnv,
  replayCrewAlertsThroughCli,
  testKafka,
  waitFor,
  type ReadRecord,
} from "@redline/test-helpers";

const kafka = testKafka();
const ENGINE_PARTITIONS = 2;
const ACTIVITY_PARTITIONS = 3;
const MIN = 60_000;
// A day back, as a backlog or a replay would be: quiet partitions promise by event time, not by the wall clock.
const T0 = Math.floor((Date.now() - 86_400_000) / MIN) * MIN;
const events = crewTraffic(T0);

/**
 * Issue 21, end to end on the real broker: the risk engine (two input
 * partitions, publishing account activity, and holding every event until
 * the account-risk table is ready for it, and reading it) and the crew
 * detector (writing that table), each as the service it is, raise from the
 * platform's LiveEvents exactly the alerts `redline replay --crews` raises
 * from the same events, the crew's and the rooms' that the table raised:
 * same keys, same bytes. The loop engine -> activity ->
 * crew detector -> account-risk -> engine moves (libs/minute-table README). The input ends and goes quiet, so the last stretch of
 * activity is released only by the engine's quiet-partition marks (the
 * slower partition promises up to the newest watermark of the other).
 */
describe("risk engine + crew detector against redline replay --crews", () => {
  let producer: RecordProducer;
  let engine: RiskEngineService | undefined;
  let crews: CrewDetectorService | undefined;

  beforeAll(async () => {
    producer = await RecordProducer.connect(kafka, silentLogger);
  });
  afterAll(async () => {
    await engine?.stop();
    await crews?.stop();
    await producer.disconnect();
  });

  it("raise the same alerts, crew and room alike, key and value byte for byte", async () => {
    const everything = await replayCrewAlertsThroughCli(events, "all");
    const replayed = new Map([...everything].filter(([, a]) => a.subcategory === CROSS_ROOM_COORDINATION));
    expect([...replayed.values()].some((a) => a.subjectUserId.startsWith("crew-a") && a.severity >= Severity.SEVERITY_MEDIUM)).toBe(true);
    // Once known, crew-a works its later rooms under the engine's own floors: the account-risk table raises their likes.
    const knownCrewRooms = [...everything.values()].filter((a) => a.explanation?.signals.some((s) => s.name === "known_crew_accounts"));
    expect(knownCrewRooms.length).toBeGreaterThan(0);

    const prefix = `${randomId("it.crew-engine")}.`;
    const topics = { activity: `${prefix}account-activity`, alerts: `${prefix}alerts`, accountRisk: `${prefix}account-risk` };
    await ensureEngineTopics(kafka, prefix, ENGINE_PARTITIONS);
    await ensureTopics(kafka, [
      { topic: topics.activity, numPartitions: ACTIVITY_PARTITIONS },
      { topic: dlqTopicFor(topics.activity), numPartitions: 1 },
      { topic: topics.accountRisk, numPartitions: 1, configs: { "cleanup.policy": "compact" } },
      { topic: dlqTopicFor(topics.accountRisk), numPartitions: 1 },
    ]);
    const alerts = await collectTopic(kafka, topics.alerts);
    const activityDlq = await collectTopic(kafka, dlqTopicFor(topics.activity));
    try {
      const env = {
        ...(process.env as Record<string, string>),
        REDLINE_ALERTS_TOPIC: topics.alerts,
        REDLINE_ACCOUNT_ACTIVITY_TOPIC: topics.activity,
        REDLINE_ACCOUNT_RISK_TOPIC: topics.accountRisk,
      };
      crews = await CrewDetectorService.start(
        loadCrewConfig({ ...env, REDLINE_CREWS_CHANGELOG_TOPIC: `${prefix}crews.state`, REDLINE_CREWS_SNAPSHOT_EVERY_MINUTES: "30" }),
        { logger: silentLogger },
      );
      await publishEvents(producer, prefix, events);
      engine = await startRiskEngine(
        loadEngineConfig(
          replayComparableEngineEnv(prefix, {
            REDLINE_ACCOUNT_ACTIVITY_TOPIC: topics.activity,
            REDLINE_ACCOUNT_RISK_TOPIC: topics.accountRisk,
            REDLINE_ENGINE_ACCOUNT_ACTIVITY: "true",
            // The loop closed: the engine holds each event until the account-risk table the crew detector writes is ready for it.
            REDLINE_ENGINE_READ_ACCOUNT_RISK: "true",
          }),
        ),
        { logger: silentLogger },
      );
      const crewRecords = (): ReadRecord[] => alerts.records.filter((r) => decodeMessage(Alert, r.value, "protobuf").subcategory === CROSS_ROOM_COORDINATION);
      const ids = (): Set<string> => new Set(crewRecords().map((r) => decodeMessage(Alert, r.value, "protobuf").alertId));
      await waitFor(() => [...replayed.keys()].every((id) => ids().has(id)), { timeoutMs: 60_000, what: `${replayed.size} crew alerts` });

      // Every crew alert the services raised is one replay raised, keyed by its room, with the same bytes.
      const expected = new Map([...replayed.values()].map((a) => [a.alertId, { key: a.roomId, value: encodeMessage(Alert, a, "protobuf").value }]));
      const got = new Map(crewRecords().map((r) => [decodeMessage(Alert, r.value, "protobuf").alertId, { key: r.key, value: r.value }]));
      expect(got).toEqual(expected);
      // ...and so is every room alert: the engine read the account-risk table replay built in-process.
      // Both run without a policy (REDLINE_POLICY_FILE=off), so no version stamp differs: the bytes are equal as they stand.
      const all = (): Map<string, { key: string | null; value: Buffer }> =>
        new Map(alerts.records.map((r) => [decodeMessage(Alert, r.value, "protobuf").alertId, { key: r.key, value: r.value }]));
      await waitFor(() => [...everything.keys()].every((id) => all().has(id)), { timeoutMs: 30_000, what: `${everything.size} alerts` });
      expect(all()).toEqual(new Map([...everything.values()].map((a) => [a.alertId, { key: a.roomId, value: Buffer.from(encodeMessage(Alert, a, "protobuf").value) }])));
      // Nothing the engine wrote was refused (late, malformed) by the crew detector.
      expect(activityDlq.records).toEqual([]);
      expect(crews.stats.deadLettered).toBe(0);
    } finally {
      await alerts.stop();
      await activityDlq.stop();
    }
  });
});
