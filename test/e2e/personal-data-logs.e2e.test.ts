/**
 * No personal data in info-level logs (issue 17, docs/security.md): runs the
 * four services on simulated traffic (the demo scenario:
 * attacks, an under-age streamer, comments) plus dead-lettered records that
 * carry the same ids and text, captures every service's info-level log lines,
 * and greps them for the simulated user ids, device ids, IP prefixes and
 * comment texts.
 */
import { join } from "node:path";
import { credentials, Metadata } from "@grpc/grpc-js";
import { loadConfig as dispatcherConfig, startDispatcher, type Dispatcher } from "@redline/action-dispatcher";
import { loadConfig as gatewayConfig, startGateway, type RunningGateway } from "@redline/alert-gateway";
import { ClickHouseEvidenceStore } from "@redline/archive";
import { loadConfig as archiverConfig, startArchiver, type Archiver } from "@redline/archiver";
import { ident, sql } from "@redline/clickhouse";
import { createJsonLogger, type Logger } from "@redline/common";
import { RecordingControlPlane } from "@redline/demo-platform";
import { demoScenario } from "@redline/demo-feed";
import { dlqTopicFor, RecordProducer } from "@redline/kafka";
import { ActionKind, AlertStreamClient, LiveEvent, Verdict, type Actor, type TailResponse } from "@redline/proto";
import { loadConfig as engineConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import { ensurePipelineTopics, pipelineEnv, publishEvents, randomId, readTopic, testClickHouse, testKafka, waitFor } from "@redline/test-helpers";

const POLICY = join(__dirname, "..", "..", "deploy", "policy", "default-policy.json");
const TOKEN = "pii-e2e-inspector-token-0123456789";
const SEED = 11;

/** The personal data the simulated traffic carries: who (user and device ids), where from (IP prefixes), what they wrote. */
function personalData(events: readonly LiveEvent[]): { ids: Set<string>; ips: Set<string>; texts: Set<string> } {
  const ids = new Set<string>();
  const ips = new Set<string>();
  const texts = new Set<string>();
  const actor = (a: Actor | undefined): void => {
    if (a === undefined) return;
    if (a.userId) ids.add(a.userId);
    if (a.deviceId) ids.add(a.deviceId);
    if (a.ipPrefix) ips.add(a.ipPrefix);
  };
  for (const e of events) {
    const b = e.body!;
    switch (b.$case) {
      case "comment":
      case "barrage":
        actor(b.value.author);
        texts.add(b.value.text);
        break;
      case "transaction":
        actor(b.value.buyer);
        if (b.value.paymentAccountId) ids.add(b.value.paymentAccountId);
        break;
      case "like":
      case "follow":
      case "view":
        actor(b.value.user);
        break;
      case "moderation":
        if (b.value.targetUserId) ids.add(b.value.targetUserId);
        break;
      case "room":
        if (b.value.streamer?.userId) ids.add(b.value.streamer.userId);
        break;
      default:
        break;
    }
  }
  // An id that is also an event's id names an event, which logs may carry.
  for (const e of events) ids.delete(e.eventId);
  return { ids, ips, texts };
}

/** Where `needle` occurs in `log` as a whole value, not inside a longer id. */
function occurrences(log: string, needle: string): number {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return (log.match(new RegExp(`(?<![\\w-])${escaped}(?![\\w-])`, "g")) ?? []).length;
}

describe("info-level logs of a whole pipeline run hold no user ids, IPs or comment text", () => {
  const kafka = testKafka();
  const prefix = `${randomId("e2e.pii")}.`;
  const database = randomId("e2e_pii");
  const lines: string[] = [];
  const loggerFor = (service: string): Logger =>
    // Debug too, to show each service was heard from; only info and above are graded.
    createJsonLogger({ level: "debug", namespace: service, write: (line) => lines.push(line) });
  let producer: RecordProducer;
  let platform: RecordingControlPlane;
  let engine: RiskEngineService;
  let dispatcher: Dispatcher;
  let archiver: Archiver;
  let gateway: RunningGateway;
  let client: AlertStreamClient;

  beforeAll(async () => {
    const { inputs } = await ensurePipelineTopics(kafka, prefix);
    // The platform is the other side (it may print what it applies); it is not graded here.
    platform = new RecordingControlPlane();
    const platformPort = await platform.start();
    const env = pipelineEnv({
      prefix,
      inputs,
      policyFile: POLICY,
      controlPlanePort: platformPort,
      gatewayTokens: `inspector-1:inspector:${TOKEN}`,
      clickhouseDatabase: database,
    });
    producer = await RecordProducer.connect(kafka, loggerFor("test-producer"));
    archiver = await startArchiver(archiverConfig(env), { logger: loggerFor("archiver") });
    engine = await startRiskEngine(engineConfig(env), { logger: loggerFor("risk-engine") });
    dispatcher = await startDispatcher(dispatcherConfig(env), { logger: loggerFor("action-dispatcher") });
    gateway = await startGateway(gatewayConfig(env), {
      logger: loggerFor("alert-gateway"),
      evidence: new ClickHouseEvidenceStore(testClickHouse(database)),
    });
    client = new AlertStreamClient(`127.0.0.1:${gateway.port}`, credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await gateway?.stop();
    await dispatcher?.stop();
    await engine?.stop();
    await archiver?.stop();
    await platform?.stop();
    await producer?.disconnect();
    await testClickHouse(null).exec(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
  });

  it("greps every service's log lines for the simulated people and finds none", async () => {
    const md = new Metadata();
    md.set("authorization", `Bearer ${TOKEN}`);
    const tailed: TailResponse[] = [];
    const tail = client.tail({ rooms: [], categories: [], minSeverity: 0, cursor: "" }, md);
    tail.on("data", (r: TailResponse) => tailed.push(r));
    tail.on("error", () => undefined);

    // Failed Applies make the dispatcher log its retries, which name actions and their targets' rooms.
    platform.failNextCalls(3);
    const scenario = demoScenario(SEED, Date.now() - 45 * 60_000);
    // Comments of our own with text the classifier flags (diversion, harassment), each unique.
    const room = scenario.events[0]!.roomId;
    const flagged = Array.from({ length: 30 }, (_, i) =>
      LiveEvent.fromPartial({
        eventId: `pii-comment-${i}`,
        roomId: room,
        eventTimeMs: Date.now() - 60_000 + i * 100,
        platform: "tenant-pii",
        body: {
          $case: "comment",
          value: {
            commentId: `pii-c-${i}`,
            author: { userId: `pii-viewer-${i}`, deviceId: `pii-device-${i}`, ipPrefix: `198.51.${i}.0/24`, accountCreatedMs: Date.now() - 86_400_000 },
            text: i % 2 === 0 ? `加我微信 wx_pii_${i} 私聊更便宜` : `you are worthless trash number ${i}, go die`,
          },
        },
      }),
    );
    const events = [...scenario.events, ...flagged];
    await publishEvents(producer, prefix, events);
    const { ids, ips, texts } = personalData(events);
    // Bad records that carry the same people: the dead-letter path logs too.
    const comment = scenario.events.find((e) => e.body?.$case === "comment")!;
    const body = comment.body!;
    const c = body.$case === "comment" ? body.value : undefined;
    await producer.send(`${prefix}live.comments`, [
      {
        key: comment.roomId,
        value: Buffer.from(JSON.stringify({ eventId: 42, roomId: comment.roomId, comment: { author: c!.author, text: c!.text } })),
        headers: { "content-type": "application/json" },
      },
      {
        key: comment.roomId,
        value: Buffer.from(JSON.stringify({ ...LiveEvent.toJSON(comment) as object, eventTimeMs: String(Date.now() + 365 * 86_400_000) })),
        headers: { "content-type": "application/json" },
      },
    ]);

    await waitFor(() => platform.calls.some((call) => call.action.kind === ActionKind.ACTION_KIND_BLOCK_STREAM), {
      what: "the under-age streamer's stream block on the platform",
      timeoutMs: 120_000,
    });
    await waitFor(() => tailed.length > 0, { what: "an alert on Tail" });
    await new Promise<void>((resolve, reject) =>
      client.review({ alertId: tailed[0]!.alert!.alertId, verdict: Verdict.VERDICT_CONFIRMED, note: "" }, md, (err) => (err ? reject(err) : resolve())),
    );
    const dead = await readTopic(kafka, dlqTopicFor(`${prefix}live.comments`), 2, 60_000);
    expect(new Set(dead.map((r) => r.headers["redline-dlq-reason"]))).toEqual(new Set(["INVALID_FIELD", "EVENT_TIME_SKEW"]));
    await waitFor(() => lines.some((l) => l.includes('"ns":"archiver') && /archiv|batch|insert/i.test(l)), { what: "the archiver to log its work" });
    tail.cancel();

    // The capture saw every service at work, so an empty grep means something
    // (the dispatcher is quiet when Apply succeeds; the failed calls above make it speak).
    for (const ns of ["risk-engine", "action-dispatcher", "archiver", "alert-gateway"]) {
      expect(lines.filter((l) => l.includes(`"ns":"${ns}`)).length).toBeGreaterThan(0);
    }
    const infoAndAbove = lines.filter((l) => !l.includes('"level":"debug"'));
    expect(infoAndAbove.some((l) => l.includes('"record dead-lettered"'))).toBe(true);
    const log = infoAndAbove.join("");
    expect(ids.size).toBeGreaterThan(100);
    expect(ips.size).toBeGreaterThan(10);
    expect(texts.size).toBeGreaterThan(10);
    const leaks = [
      ...[...ids].filter((id) => occurrences(log, id) > 0).map((id) => `user/device/account id ${id}`),
      ...[...ips].filter((ip) => log.includes(ip) || log.includes(ip.replace(/\.0\/\d+$/, "."))).map((ip) => `IP prefix ${ip}`),
      ...[...texts].filter((t) => t.length >= 4 && log.includes(JSON.stringify(t).slice(1, -1))).map((t) => `comment text ${JSON.stringify(t)}`),
    ];
    expect(leaks.slice(0, 20)).toEqual([]);
  });
});
