import { join } from "node:path";
import { loadConfig as dispatcherConfig, startDispatcher, type Dispatcher } from "@redline/action-dispatcher";
import { silentLogger } from "@redline/common";
import { RecordingControlPlane } from "@redline/demo-platform";
import { demoScenario } from "@redline/demo-feed";
import { encodeMessage, TABLE_TOPIC_CONFIGS } from "@redline/events";
import { dlqTopicFor, ensureTopics, RecordProducer } from "@redline/kafka";
import { ActionKind, ProductFacts, RiskCategory } from "@redline/proto";
import { loadConfig as engineConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import { inputTopics, pipelineEnv, pipelineOutputs, publishEvents, randomId, testKafka, waitFor } from "@redline/test-helpers";

const POLICY = join(__dirname, "..", "..", "deploy", "policy", "default-policy.json");

/**
 * Issue 22 end to end: the demo's claims room — its product's facts on the table topic, the
 * streamer's segments on the transcripts topic — through the risk engine and the dispatcher to
 * the platform, which receives the link restriction for the room, and nothing else of the room.
 */
describe("a misleading claim, end to end", () => {
  const kafka = testKafka();
  const prefix = `${randomId("e2e")}.`;
  let producer: RecordProducer;
  let platform: RecordingControlPlane;
  let engine: RiskEngineService | undefined;
  let dispatcher: Dispatcher | undefined;

  afterAll(async () => {
    await dispatcher?.stop();
    await engine?.stop();
    await platform?.stop();
    await producer?.disconnect();
  });

  it("the platform receives RESTRICT_FUNCTION links with its label for the room whose streamer said 30 % of a 0.014 % ingredient", async () => {
    const inputs = inputTopics(prefix);
    const outputs = pipelineOutputs(prefix);
    const products = `${prefix}products`;
    await ensureTopics(kafka, [
      ...[...inputs, ...outputs].map((topic) => ({ topic, numPartitions: 2 })),
      ...[...inputs, ...outputs, products].map((topic) => ({ topic: dlqTopicFor(topic), numPartitions: 1 })),
      { topic: products, numPartitions: 1, configs: { ...TABLE_TOPIC_CONFIGS } },
    ]);
    platform = new RecordingControlPlane();
    const port = await platform.start();
    const env = {
      ...pipelineEnv({ prefix, inputs, policyFile: POLICY, controlPlanePort: port, gatewayTokens: "", clickhouseDatabase: "unused" }),
      REDLINE_PRODUCTS_TOPIC: products,
      REDLINE_ENGINE_IDLE_TIMEOUT_MS: "500",
    };
    producer = await RecordProducer.connect(kafka, silentLogger);
    const scenario = demoScenario(7, Date.now() - 10 * 60_000, undefined, randomId("claims-demo"));
    const room = scenario.products[0]!.listings[0]!.roomId;
    await producer.send(
      products,
      scenario.products.map((p) => {
        const encoded = encodeMessage(ProductFacts, p, "protobuf");
        return { key: p.skuId, value: encoded.value, headers: { "content-type": encoded.contentType } };
      }),
    );
    engine = await startRiskEngine(engineConfig(env), { logger: silentLogger });
    dispatcher = await startDispatcher(dispatcherConfig(env), { logger: silentLogger });
    await publishEvents(producer, prefix, scenario.events.filter((e) => e.roomId === room));

    const restriction = await waitFor(
      () => platform.appliedOrder.map((id) => platform.appliedAction(id)!).find((a) => a.roomId === room && a.kind === ActionKind.ACTION_KIND_RESTRICT_FUNCTION),
      { what: "the link restriction applied on the platform" },
    );
    expect(restriction).toMatchObject({ category: RiskCategory.RISK_CATEGORY_MISLEADING_CLAIMS, params: { function: "links" } });
    const label = await waitFor(() => platform.appliedOrder.map((id) => platform.appliedAction(id)!).find((a) => a.roomId === room && a.kind === ActionKind.ACTION_KIND_PROMINENT_LABEL), { what: "the label on the product link" });
    expect(label.alertId).toBe(restriction.alertId);
    // One alert for the room: the corrected slip and the customer's question read out raise nothing.
    expect(new Set(platform.appliedOrder.map((id) => platform.appliedAction(id)!).filter((a) => a.roomId === room).map((a) => a.alertId)).size).toBe(1);
  });
});
