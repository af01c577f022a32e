import { join } from "node:path";
import { loadConfig as dispatcherConfig, startDispatcher, type Dispatcher } from "@redline/action-dispatcher";
import { silentLogger } from "@redline/common";
import { RecordingControlPlane } from "@redline/demo-platform";
import { decodeMessage } from "@redline/events";
import { partitionForKey, RecordProducer } from "@redline/kafka";
import { ActionKind, ControlAction, LiveEvent, RoomEventKind } from "@redline/proto";
import { loadConfig as engineConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import { initTelemetry, loadTelemetryConfig, type Telemetry } from "@redline/telemetry";
import {
  collectTopic,
  ensureEngineTopics,
  inputTopics,
  publishEvents,
  randomId,
  replayThroughCli,
  roomOnPartition,
  testKafka,
  waitFor,
  type TopicCollector,
} from "@redline/test-helpers";

const PARTITIONS = 3;
const IDLE_TIMEOUT_MS = 2_000;
const POLICY = join(__dirname, "..", "..", "deploy", "policy", "default-policy.json");

const roomOn = (p: number, base: string): string => roomOnPartition(p, base, PARTITIONS);

function underageStart(roomId: string, timeMs: number): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: `start-${roomId}`,
    roomId,
    eventTimeMs: timeMs,
    platform: "test",
    body: {
      $case: "room",
      value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, followerCount: 50, category: "toys", streamer: { userId: `s-${roomId}`, age: 14, realNameVerified: true } },
    },
  });
}

describe("a partition whose input goes quiet (issue 16)", () => {
  const kafka = testKafka();
  const prefix = `${randomId("it.idle")}.`;
  let producer: RecordProducer;
  let platform: RecordingControlPlane;
  let telemetry: Telemetry;
  let engine: RiskEngineService;
  let dispatcher: Dispatcher;
  let actions: TopicCollector;

  beforeAll(async () => {
    const inputs = inputTopics(prefix);
    await ensureEngineTopics(kafka, prefix, PARTITIONS);
    producer = await RecordProducer.connect(kafka, silentLogger);
    platform = new RecordingControlPlane();
    const port = await platform.start();
    telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "0" }, "risk-engine"), { logger: silentLogger });
    const env = {
      ...(process.env as Record<string, string>),
      REDLINE_INPUT_TOPICS: inputs.join(","),
      REDLINE_ALERTS_TOPIC: `${prefix}alerts`,
      REDLINE_ACTIONS_TOPIC: `${prefix}actions`,
      REDLINE_ACTION_OUTCOMES_TOPIC: `${prefix}action-outcomes`,
      REDLINE_ENGINE_GROUP_ID: `${prefix}engine`,
      REDLINE_DISPATCHER_GROUP_ID: `${prefix}dispatcher`,
      REDLINE_POLICY_FILE: POLICY,
      REDLINE_CONTROL_PLANE_ADDRESS: `127.0.0.1:${port}`,
      REDLINE_ACTION_FEED_ADDRESS: "",
      // The service's lateness (10 s) stays; only the idle timeout is shortened for the test.
      REDLINE_ENGINE_IDLE_TIMEOUT_MS: String(IDLE_TIMEOUT_MS),
      REDLINE_ENGINE_LAG_POLL_MS: "1000",
    };
    actions = await collectTopic(kafka, `${prefix}actions`);
    engine = await startRiskEngine(engineConfig(env), { logger: silentLogger, telemetry });
    dispatcher = await startDispatcher(dispatcherConfig(env), { logger: silentLogger });
  });

  afterAll(async () => {
    await dispatcher?.stop();
    await engine?.stop();
    await actions?.stop();
    await platform?.stop();
    await producer?.disconnect();
    await telemetry?.shutdown();
  });

  it("blocks a lone under-age stream on every partition with nothing after it, as a replay of the input does", async () => {
    const rooms = Array.from({ length: PARTITIONS }, (_, p) => roomOn(p, `${prefix}minor`));
    const events = rooms.map((roomId) => underageStart(roomId, Date.now()));
    // Only live.rooms ever receives a record: the seven other topics of each partition stay empty.
    await publishEvents(producer, prefix, events);

    const blocked = () => new Set(platform.calls.filter((c) => c.action.kind === ActionKind.ACTION_KIND_BLOCK_STREAM).map((c) => c.action.roomId));
    // A stated age is judged on receipt (early firing, issue 15); the watermark-ordered path reaches the
    // same events only through the idle advance, and must add nothing of its own (checked against replay).
    await waitFor(() => rooms.every((r) => blocked().has(r)), { what: "BLOCK_STREAM for each partition's room", timeoutMs: IDLE_TIMEOUT_MS + 25_000 });

    const live = new Map<string, ControlAction>();
    await waitFor(() => actions.records.length >= platform.appliedOrder.length, { what: "the action records" });
    for (const r of actions.records) {
      const a = decodeMessage(ControlAction, r.value, "protobuf");
      live.set(a.actionId, a);
    }
    const replayed = new Map<string, ControlAction>();
    for (let p = 0; p < PARTITIONS; p++) {
      const { actions: partitionActions } = await replayThroughCli(events.filter((e) => partitionForKey(e.roomId, PARTITIONS) === p), POLICY);
      for (const a of partitionActions) replayed.set(a.actionId, a);
    }
    expect([...live.keys()].sort()).toEqual([...replayed.keys()].sort());
    for (const [id, a] of replayed) expect(live.get(id)).toEqual(a);

    const scrape = async () => (await fetch(telemetry.metricsUrl!)).text();
    // The idle advance applies every held event, on every partition, though nothing follows them.
    const allApplied = (text: string) =>
      Array.from({ length: PARTITIONS }, (_, p) => p).every((p) => new RegExp(`redline_engine_oldest_unapplied_age_ms\\{partition="${p}"\\} 0\\b`).test(text));
    await waitFor(async () => allApplied(await scrape()), { what: "every partition's held events applied", timeoutMs: IDLE_TIMEOUT_MS + 25_000 });
    const text = await scrape();
    expect(text).toMatch(/redline_engine_idle_advances_total(\{[^}]*\})? [1-9]/);
    for (let p = 0; p < PARTITIONS; p++) {
      expect(text).toMatch(new RegExp(`redline_engine_oldest_unapplied_age_ms\\{partition="${p}"\\} 0\\b`));
      // Broker-side lag for every input partition, empty topics included, at 0 once all is committed.
      expect(text).toMatch(new RegExp(`redline_consumer_group_lag\\{group="${prefix.replace(/\./g, "\\.")}engine",topic="${prefix.replace(/\./g, "\\.")}live\\.comments",partition="${p}"\\} 0\\b`));
    }
  });
});
