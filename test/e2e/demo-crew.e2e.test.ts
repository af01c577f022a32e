import { join } from "node:path";
import { loadConfig as dispatcherConfig, startDispatcher, type Dispatcher } from "@redline/action-dispatcher";
import { silentLogger } from "@redline/common";
import { CrewDetectorService, loadConfig as crewConfig } from "@redline/crew-detector";
import { CROSS_ROOM_COORDINATION } from "@redline/crews";
import { RecordingControlPlane } from "@redline/demo-platform";
import { demoScenario } from "@redline/demo-feed";
import { dlqTopicFor, ensureTopics, RecordProducer } from "@redline/kafka";
import { loadConfig as engineConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import { ensurePipelineTopics, pipelineEnv, publishEvents, randomId, testKafka, waitFor } from "@redline/test-helpers";

const POLICY = join(__dirname, "..", "..", "deploy", "policy", "default-policy.json");
const SEED = 11;

/**
 * The demo's crew (issue 21) as `npm start` runs it: the risk engine
 * publishing account activity and reading the account-risk table, the crew
 * detector writing it, the dispatcher and the demo platform. The crew's
 * four rooms each get an action on the platform for the crew's room alert,
 * from the engine that owns the room; no other room gets a crew action.
 */
describe("the demo's crew, end to end", () => {
  const kafka = testKafka();
  const prefix = `${randomId("e2e-crew")}.`;
  let producer: RecordProducer;
  let platform: RecordingControlPlane;
  let crews: CrewDetectorService;
  let engine: RiskEngineService;
  let dispatcher: Dispatcher;

  beforeAll(async () => {
    const { inputs } = await ensurePipelineTopics(kafka, prefix, 3);
    const activity = `${prefix}account-activity`;
    const accountRisk = `${prefix}account-risk`;
    await ensureTopics(kafka, [
      { topic: activity, numPartitions: 3 },
      { topic: dlqTopicFor(activity), numPartitions: 1 },
      { topic: accountRisk, numPartitions: 1, configs: { "cleanup.policy": "compact" } },
      { topic: dlqTopicFor(accountRisk), numPartitions: 1 },
    ]);
    platform = new RecordingControlPlane();
    const platformPort = await platform.start();
    const env = {
      ...pipelineEnv({ prefix, inputs, policyFile: POLICY, controlPlanePort: platformPort, gatewayTokens: "", clickhouseDatabase: "unused" }),
      REDLINE_ACCOUNT_ACTIVITY_TOPIC: activity,
      REDLINE_ACCOUNT_RISK_TOPIC: accountRisk,
      REDLINE_ENGINE_ACCOUNT_ACTIVITY: "true",
      REDLINE_ENGINE_READ_ACCOUNT_RISK: "true",
      REDLINE_ENGINE_IDLE_TIMEOUT_MS: "1000",
      REDLINE_PRODUCTS_TOPIC: "off",
    } as Record<string, string>;
    producer = await RecordProducer.connect(kafka, silentLogger);
    crews = await CrewDetectorService.start(crewConfig({ ...env, REDLINE_CREWS_CHANGELOG_TOPIC: `${prefix}crews.state` }), { logger: silentLogger });
    engine = await startRiskEngine(engineConfig(env), { logger: silentLogger });
    dispatcher = await startDispatcher(dispatcherConfig(env), { logger: silentLogger });
  });

  afterAll(async () => {
    await dispatcher?.stop();
    await engine?.stop();
    await crews?.stop();
    await platform?.stop();
    await producer?.disconnect();
  });

  it("gets an action on the platform for each room the crew worked", async () => {
    const scenario = demoScenario(SEED, Date.now() - 45 * 60_000);
    const crewRooms = scenario.rooms.map((r) => r.roomId).filter((id) => id.includes("-crew-room-"));
    expect(crewRooms).toHaveLength(4);
    await publishEvents(producer, prefix, scenario.events);
    const crewActions = () => platform.calls.filter((c) => c.action.subcategory === CROSS_ROOM_COORDINATION).map((c) => c.action);
    await waitFor(() => new Set(crewActions().map((a) => a.roomId)).size >= crewRooms.length, { what: "a crew action on each crew room", timeoutMs: 150_000 });
    expect(new Set(crewActions().map((a) => a.roomId))).toEqual(new Set(crewRooms));
    expect(crewActions().every((a) => a.platform === "demo" && a.alertId !== "")).toBe(true);
  });
});
