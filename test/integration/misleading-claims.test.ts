import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { silentLogger } from "@redline/common";
import { runCli } from "@redline/cli";
import { decodeMessage, encodeMessage, TABLE_TOPIC_CONFIGS } from "@redline/events";
import { DLQ_HEADERS, dlqTopicFor, ensureTopics, RecordProducer } from "@redline/kafka";
import { ActionKind, Alert, ControlAction, LiveEvent, ProductFacts, RiskCategory, Severity } from "@redline/proto";
import { loadConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import { collectTopic, ensureEngineTopics, inputTopics, publishEvents, randomId, readTopic, testKafka, waitFor } from "@redline/test-helpers";

const POLICY = join(__dirname, "..", "..", "deploy", "policy", "default-policy.json");
const kafka = testKafka();

/** Issue 22 end to end: a product's facts on the table topic, a streamer's claim on the transcripts topic, an alert and an action out. */
describe("misleading claims through the risk engine", () => {
  let producer: RecordProducer;
  let engine: RiskEngineService | undefined;

  beforeAll(async () => {
    producer = await RecordProducer.connect(kafka, silentLogger);
  });
  afterAll(async () => {
    await engine?.stop();
    await producer.disconnect();
  });

  it("raises a HIGH MISLEADING_CLAIMS alert citing the segment, restricts the product link, dead-letters a bad fact, and replay agrees", async () => {
    const prefix = `${randomId("it.claims")}.`;
    const productsTopic = `${prefix}products`;
    await ensureEngineTopics(kafka, prefix, 1);
    await ensureTopics(kafka, [
      { topic: productsTopic, numPartitions: 1, configs: { ...TABLE_TOPIC_CONFIGS } },
      { topic: dlqTopicFor(productsTopic), numPartitions: 1 },
    ]);
    const t0 = Date.now() - 120_000;
    const facts = ProductFacts.fromPartial({
      skuId: "sku-nest",
      validFromMs: t0 - 3_600_000,
      name: "燕窝饮品",
      composition: [{ name: "bird's nest", aliases: ["燕窝"], percent: 0.014 }, { name: "water", percent: 99.986 }],
      listings: [{ roomId: "room-claims", linkNumber: 1 }],
    });
    const good = encodeMessage(ProductFacts, facts, "protobuf");
    const misKeyed = encodeMessage(ProductFacts, { ...facts, skuId: "sku-other" }, "json");
    await producer.send(productsTopic, [
      { key: "sku-nest", value: good.value, headers: { "content-type": good.contentType } },
      { key: "sku-nest", value: misKeyed.value, headers: { "content-type": misKeyed.contentType } },
    ]);
    const segment = (id: string, atMs: number, text: string): LiveEvent =>
      LiveEvent.fromPartial({ eventId: id, roomId: "room-claims", eventTimeMs: atMs, platform: "test", body: { $case: "transcript", value: { segmentId: id, speakerId: "streamer-1", startMs: atMs - 3_000, endMs: atMs, language: "zh", text, skuId: "sku-nest" } } });
    // The second segment, past the hold, lets the first one's finding out; the third is a corrected claim.
    const events = [segment("seg-1", t0, "家人们，这款燕窝含量高达百分之三十！"), segment("seg-2", t0 + 20_000, "燕窝含量30%，哎说错了，是0.014%"), segment("seg-3", t0 + 40_000, "点点关注")];
    const alerts = await collectTopic(kafka, `${prefix}alerts`);
    const actions = await collectTopic(kafka, `${prefix}actions`);
    try {
      engine = await startRiskEngine(
        loadConfig({
          ...(process.env as Record<string, string>),
          REDLINE_INPUT_TOPICS: inputTopics(prefix).join(","),
          REDLINE_ALERTS_TOPIC: `${prefix}alerts`,
          REDLINE_ACTIONS_TOPIC: `${prefix}actions`,
          REDLINE_PRODUCTS_TOPIC: productsTopic,
          REDLINE_ENGINE_GROUP_ID: `${prefix}engine`,
          REDLINE_ENGINE_ALLOWED_LATENESS_MS: "1000",
          REDLINE_ENGINE_IDLE_TIMEOUT_MS: "500",
          REDLINE_POLICY_FILE: POLICY,
        }),
        { logger: silentLogger },
      );
      await publishEvents(producer, prefix, events);
      const alert = await waitFor(
        () => alerts.records.map((r) => decodeMessage(Alert, r.value, "protobuf")).find((a) => a.category === RiskCategory.RISK_CATEGORY_MISLEADING_CLAIMS),
        { what: "a MISLEADING_CLAIMS alert" },
      );
      expect(alert).toMatchObject({ roomId: "room-claims", severity: Severity.SEVERITY_HIGH, evidenceEventIds: ["seg-1"] });
      expect(alert.explanation?.summary).toContain("bird's nest 0.014 %");
      const action = await waitFor(() => actions.records.map((r) => decodeMessage(ControlAction, r.value, "protobuf")).find((a) => a.alertId === alert.alertId && a.kind === ActionKind.ACTION_KIND_RESTRICT_FUNCTION), { what: "the link restriction" });
      expect(action.params).toMatchObject({ function: "links" });
      const [dead] = await readTopic(kafka, dlqTopicFor(productsTopic), 1);
      expect(dead!.headers[DLQ_HEADERS.reason]).toBe("INVALID_FIELD");

      // redline replay over the same facts and events raises the same alert, byte for byte.
      const dir = mkdtempSync(join(tmpdir(), "claims-replay-"));
      writeFileSync(join(dir, "events.jsonl"), events.map((e) => JSON.stringify(LiveEvent.toJSON(e))).join("\n") + "\n");
      writeFileSync(join(dir, "products.jsonl"), JSON.stringify(ProductFacts.toJSON(facts)) + "\n");
      const stdout = new PassThrough();
      const out: Buffer[] = [];
      stdout.on("data", (c: Buffer) => out.push(c));
      const code = await runCli(["replay", "--input", join(dir, "events.jsonl"), "--products", join(dir, "products.jsonl"), "--policy", POLICY], { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: {} });
      expect(code).toBe(0);
      const replayed = Buffer.concat(out).toString("utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as { alert?: unknown }).filter((l) => l.alert !== undefined).map((l) => Alert.fromJSON(l.alert));
      const served = alerts.records.map((r) => decodeMessage(Alert, r.value, "protobuf")).filter((a) => a.category === RiskCategory.RISK_CATEGORY_MISLEADING_CLAIMS);
      expect(replayed.filter((a) => a.category === RiskCategory.RISK_CATEGORY_MISLEADING_CLAIMS)).toEqual(served);
    } finally {
      await alerts.stop();
      await actions.stop();
    }
  });
});
