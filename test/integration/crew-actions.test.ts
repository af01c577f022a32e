import { join } from "node:path";
import { silentLogger } from "@redline/common";
import { CrewDetectorService, loadConfig as loadCrewConfig } from "@redline/crew-detector";
import { CROSS_ROOM_COORDINATION } from "@redline/crews";
import { decodeMessage } from "@redline/events";
import { dlqTopicFor, ensureTopics, RecordProducer } from "@redline/kafka";
import { Alert, ControlAction, LiveEvent, ViewKind } from "@redline/proto";
import { loadConfig as loadEngineConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import { collectTopic, crewTraffic, ensureEngineTopics, publishEvents, randomId, replayComparableEngineEnv, replayThroughCli, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka();
const ENGINE_PARTITIONS = 2;
const MIN = 60_000;
const POLICY = join(__dirname, "..", "..", "deploy", "policy", "default-policy.json");
// A day back, as a backlog or a replay would be: quiet partitions promise by event time, not by the wall clock.
const T0 = Math.floor((Date.now() - 86_400_000) / MIN) * MIN;
const traffic = crewTraffic(T0);
const lastMs = traffic.reduce((latest, e) => Math.max(latest, e.eventTimeMs), 0);
// A viewer in another room two minutes on: the table is used for a minute only once every producer has passed it, so
// without later input the findings of the last minute would wait (in the service as in replay) for time to move.
const events = [...traffic, LiveEvent.fromPartial({ eventId: "sentinel", roomId: "room-sentinel", eventTimeMs: lastMs + 2 * MIN, platform: "test", body: { $case: "view", value: { user: { userId: "viewer-sentinel" }, kind: ViewKind.VIEW_KIND_JOIN } } })];

/**
 * Issue 21, the crew's room alerts acted on: the crew detector writes each
 * room alert to the account-risk table, and the risk engine that owns the
 * room (of two input partitions) runs the shipped policy on it once the
 * table has passed its minute. On the real broker the services issue for
 * the crew's rooms exactly the actions `redline replay --crews --policy`
 * issues from the same events: same action ids, same bytes, each pointing
 * at a room alert the crew detector published.
 */
describe("crew room alerts through the risk engine's policy", () => {
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

  it("issue replay's actions for the crew's rooms, with the same action ids", async () => {
    const replayed = await replayThroughCli(events, POLICY, ["--crews"]);
    const crewActions = new Map(replayed.actions.filter((a) => a.subcategory === CROSS_ROOM_COORDINATION).map((a) => [a.actionId, a]));
    const roomAlerts = replayed.alerts.filter((a) => a.subcategory === CROSS_ROOM_COORDINATION && a.subjectUserId === "");
    const roomAlertIds = new Set(roomAlerts.map((a) => a.alertId));
    expect(roomAlertIds.size).toBeGreaterThan(1);
    // Every room a crew was reported in is acted on (a second crew's alert within the first's cooldown adds no action), each action for one of its room alerts.
    expect(new Set([...crewActions.values()].map((a) => a.roomId))).toEqual(new Set(roomAlerts.map((a) => a.roomId)));
    for (const a of crewActions.values()) expect(roomAlertIds.has(a.alertId)).toBe(true);

    const prefix = `${randomId("it.crew-actions")}.`;
    const topics = { activity: `${prefix}account-activity`, accountRisk: `${prefix}account-risk` };
    await ensureEngineTopics(kafka, prefix, ENGINE_PARTITIONS);
    await ensureTopics(kafka, [
      { topic: topics.activity, numPartitions: 3 },
      { topic: dlqTopicFor(topics.activity), numPartitions: 1 },
      { topic: topics.accountRisk, numPartitions: 2, configs: { "cleanup.policy": "compact" } },
      { topic: dlqTopicFor(topics.accountRisk), numPartitions: 1 },
    ]);
    const alerts = await collectTopic(kafka, `${prefix}alerts`);
    const actions = await collectTopic(kafka, `${prefix}actions`);
    try {
      const env = { ...(process.env as Record<string, string>), REDLINE_ALERTS_TOPIC: `${prefix}alerts`, REDLINE_ACCOUNT_ACTIVITY_TOPIC: topics.activity, REDLINE_ACCOUNT_RISK_TOPIC: topics.accountRisk };
      crews = await CrewDetectorService.start(loadCrewConfig({ ...env, REDLINE_CREWS_CHANGELOG_TOPIC: `${prefix}crews.state`, REDLINE_CREWS_SNAPSHOT_EVERY_MINUTES: "30" }), { logger: silentLogger });
      await publishEvents(producer, prefix, events);
      engine = await startRiskEngine(
        loadEngineConfig(
          replayComparableEngineEnv(prefix, {
            REDLINE_POLICY_FILE: POLICY,
            REDLINE_ACCOUNT_ACTIVITY_TOPIC: topics.activity,
            REDLINE_ACCOUNT_RISK_TOPIC: topics.accountRisk,
            REDLINE_ENGINE_ACCOUNT_ACTIVITY: "true",
            REDLINE_ENGINE_READ_ACCOUNT_RISK: "true",
          }),
        ),
        { logger: silentLogger },
      );
      const got = (): Map<string, ControlAction> =>
        new Map(actions.records.map((r) => decodeMessage(ControlAction, r.value, "protobuf")).filter((a) => a.subcategory === CROSS_ROOM_COORDINATION).map((a) => [a.actionId, a]));
      await waitFor(() => [...crewActions.keys()].every((id) => got().has(id)), { timeoutMs: 90_000, what: `${crewActions.size} crew room actions` });
      expect(got()).toEqual(crewActions);
      // Keyed by room like every action, and each names a room alert the crew detector published (once: the engine does not re-publish it).
      for (const r of actions.records.filter((x) => crewActions.has(decodeMessage(ControlAction, x.value, "protobuf").actionId))) {
        expect(r.key).toBe(decodeMessage(ControlAction, r.value, "protobuf").roomId);
      }
      const published = alerts.records.map((r) => decodeMessage(Alert, r.value, "protobuf")).filter((a) => roomAlertIds.has(a.alertId));
      expect(published.map((a) => a.alertId).sort()).toEqual([...roomAlertIds].sort());
    } finally {
      await alerts.stop();
      await actions.stop();
    }
  });
});
