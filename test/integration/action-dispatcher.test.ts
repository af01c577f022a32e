import { credentials, status as GrpcStatus } from "@grpc/grpc-js";
import { CountingDispatcherMetrics, loadConfig, startDispatcher, type Dispatcher } from "@redline/action-dispatcher";
import { silentLogger } from "@redline/common";
import { RecordingControlPlane } from "@redline/demo-platform";
import { decodeMessage, encodeMessage } from "@redline/events";
import { DLQ_HEADERS, dlqTopicFor, ensureTopics, RecordProducer } from "@redline/kafka";
import {
  ActionFeedClient,
  ActionKind,
  ActionOutcome,
  Alert,
  ApplyStatus,
  applyStatusToJSON,
  ControlAction,
  DeliveryResult,
  deliveryResultToJSON,
  RiskCategory,
  type SubscribeResponse,
} from "@redline/proto";
import { committedOffsets, randomId, readTopic, spawnService, testKafka, waitFor, type ServiceProcess } from "@redline/test-helpers";

const kafka = testKafka();
let producer: RecordProducer;

beforeAll(async () => {
  producer = await RecordProducer.connect(kafka, silentLogger);
});
afterAll(async () => {
  await producer.disconnect();
});

function action(room: string, seq: number, extra: Partial<ControlAction> = {}): ControlAction {
  return ControlAction.fromPartial({
    actionId: `act-${room}-${seq}`,
    alertId: `alert-${room}-${seq}`,
    roomId: room,
    kind: seq % 2 === 0 ? ActionKind.ACTION_KIND_POPUP_PROMPT : ActionKind.ACTION_KIND_PROMINENT_LABEL,
    category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION,
    subcategory: "FAKE_ORDERS",
    params: { label: `step ${seq}` },
    issuedAtMs: 1_764_000_000_000 + seq,
    expiresAtMs: 1_764_003_600_000 + seq,
    policyVersion: "p1",
    platform: room.startsWith("t2") ? "tenant-2" : "tenant-1",
    ...extra,
  });
}

async function publish(topic: string, actions: ControlAction[], via = producer): Promise<void> {
  await via.send(
    topic,
    actions.map((a) => {
      const enc = encodeMessage(ControlAction, a, "protobuf");
      return { key: a.roomId, value: enc.value, headers: { "content-type": enc.contentType } };
    }),
  );
}

interface Rig {
  topics: { actions: string; alerts: string; outcomes: string };
  platform: RecordingControlPlane;
  env: Record<string, string>;
}

async function rig(extraEnv: Record<string, string> = {}, platform = new RecordingControlPlane()): Promise<Rig> {
  const id = randomId("it.dispatch");
  const topics = { actions: `${id}.actions`, alerts: `${id}.alerts`, outcomes: `${id}.outcomes` };
  await ensureTopics(kafka, [
    { topic: topics.actions, numPartitions: 3 },
    { topic: topics.alerts, numPartitions: 3 },
    { topic: topics.outcomes, numPartitions: 3 },
    { topic: dlqTopicFor(topics.actions), numPartitions: 1 },
  ]);
  const port = await platform.start();
  return {
    topics,
    platform,
    // The shared variables (brokers, ClickHouse) come from the environment the tests run in.
    env: {
      ...(process.env as Record<string, string>),
      REDLINE_DISPATCHER_GROUP_ID: `${id}.group`,
      REDLINE_ACTIONS_TOPIC: topics.actions,
      REDLINE_ALERTS_TOPIC: topics.alerts,
      REDLINE_ACTION_OUTCOMES_TOPIC: topics.outcomes,
      REDLINE_CONTROL_PLANE_ADDRESS: `127.0.0.1:${port}`,
      REDLINE_ACTION_FEED_ADDRESS: "127.0.0.1:0",
      REDLINE_DISPATCHER_APPLY_DEADLINE_MS: "1000",
      REDLINE_DISPATCHER_INITIAL_BACKOFF_MS: "50",
      REDLINE_DISPATCHER_MAX_BACKOFF_MS: "500",
      ...extraEnv,
    },
  };
}

/**
 * The outcomes on the topic, keyed by action id, one per delivery: the same outcome
 * published twice (a producer retry) counts once, by (actionId, firstAttemptAtMs, attempts), as the archive dedupes.
 */
async function readOutcomes(topic: string, count: number): Promise<ActionOutcome[]> {
  const byDelivery = new Map<string, ActionOutcome>();
  for (const r of await readTopic(kafka, topic, count)) {
    const outcome = decodeMessage(ActionOutcome, r.value, "protobuf");
    expect(r.key).toBe(outcome.actionId);
    byDelivery.set(`${outcome.actionId}|${outcome.firstAttemptAtMs}|${outcome.attempts}`, outcome);
  }
  return [...byDelivery.values()];
}

/** Every expected id arrives, repeats are byte-identical, nothing unexpected, per-room order holds. */
function checkDelivery(platform: RecordingControlPlane, expected: ControlAction[]): void {
  const expectedIds = new Set(expected.map((a) => a.actionId));
  const firstBytes = new Map<string, Buffer>();
  for (const call of platform.calls) {
    expect(expectedIds.has(call.action.actionId)).toBe(true);
    const seen = firstBytes.get(call.action.actionId);
    if (seen) expect(call.bytes.equals(seen)).toBe(true);
    else firstBytes.set(call.action.actionId, call.bytes);
  }
  expect(new Set(platform.appliedOrder)).toEqual(expectedIds);
  const rooms = new Set(expected.map((a) => a.roomId));
  for (const room of rooms) {
    const want = expected.filter((a) => a.roomId === room).map((a) => a.actionId);
    expect(platform.appliedOrder.filter((id) => id.startsWith(`act-${room}-`))).toEqual(want);
  }
  for (const a of expected) expect(platform.appliedAction(a.actionId)).toEqual(a);
}

describe("action-dispatcher against a recording ControlPlane", () => {
  const running: Dispatcher[] = [];
  const platforms: RecordingControlPlane[] = [];
  afterEach(async () => {
    for (const d of running.splice(0)) await d.stop();
    for (const p of platforms.splice(0)) await p.stop();
  });

  it("delivers every action once in effect, in order per room, through a platform outage and a dispatcher restart", async () => {
    const { topics, platform, env } = await rig();
    platforms.push(platform);
    const rooms = ["r1", "r2", "r3", "r4"];
    const batch1 = rooms.flatMap((r) => [0, 1, 2].map((s) => action(r, s)));
    const shadow = action("r1", 99, { shadow: true });
    await publish(topics.actions, [...batch1, shadow]);
    const first = await startDispatcher(loadConfig(env), { logger: silentLogger });
    running.push(first);
    await waitFor(() => platform.appliedOrder.length === batch1.length, { what: "first batch applied" });

    // The platform goes away; actions published meanwhile wait, then all arrive.
    await platform.stop();
    const batch2 = rooms.flatMap((r) => [3, 4].map((s) => action(r, s)));
    await publish(topics.actions, batch2);
    await new Promise((r) => setTimeout(r, 1500));
    await platform.restart();
    await waitFor(() => platform.appliedOrder.length === batch1.length + batch2.length, {
      what: "second batch applied after the outage",
      timeoutMs: 60_000,
    });

    // The dispatcher restarts mid-stream: whatever it re-sends is a byte-identical repeat.
    await first.stop();
    running.pop();
    const batch3 = rooms.flatMap((r) => [5, 6].map((s) => action(r, s)));
    await publish(topics.actions, batch3);
    running.push(await startDispatcher(loadConfig(env), { logger: silentLogger }));
    const all = [...batch1, ...batch2, ...batch3];
    await waitFor(() => platform.appliedOrder.length === all.length, { what: "third batch applied" });
    checkDelivery(platform, all);
    expect(platform.calls.some((c) => c.action.shadow)).toBe(false);

    // Every call the platform answered has its outcome, and nothing else does (issue 20): one APPLIED
    // per action, a DUPLICATE for each re-send after the restart, the platform's own ack in each.
    const answered = platform.calls.filter((c) => c.status !== "ERROR").map((c) => `${c.action.actionId} ${applyStatusToJSON(c.status as ApplyStatus)}`);
    const outcomes = await readOutcomes(topics.outcomes, answered.length);
    expect(outcomes.map((o) => `${o.actionId} ${applyStatusToJSON(o.ack!.status)}`).sort()).toEqual(answered.sort());
    const applied = outcomes.filter((o) => deliveryResultToJSON(o.result) === "DELIVERY_RESULT_APPLIED").map((o) => o.actionId);
    expect(applied.sort()).toEqual(all.map((a) => a.actionId).sort());
    // The outage shows as retries: a delivery that took more than one Apply, from its first call to the answer.
    const retried = outcomes.filter((o) => o.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    for (const o of retried) expect(o.finishedAtMs).toBeGreaterThan(o.firstAttemptAtMs);
    const first1 = outcomes.find((o) => o.actionId === batch1[0]!.actionId)!;
    expect(first1).toMatchObject({ alertId: batch1[0]!.alertId, roomId: "r1", kind: batch1[0]!.kind, issuedAtMs: batch1[0]!.issuedAtMs, platform: "tenant-1" });
  });

  it("a dispatcher killed after the platform applied, before the outcome, commits nothing; the next re-applies and publishes the DUPLICATE", async () => {
    let victim: ServiceProcess | undefined;
    // kill -9 the moment the platform applies the first action, before its answer can reach the dispatcher.
    const killer = new RecordingControlPlane({
      onCall: (call) => {
        if (call.action.actionId !== "act-k-0" || victim === undefined) return;
        victim.child.kill("SIGKILL");
        victim = undefined;
      },
    });
    const { topics, platform, env } = await rig({ REDLINE_DISPATCHER_SESSION_TIMEOUT_MS: "6000", REDLINE_METRICS_PORT: "off" }, killer);
    platforms.push(platform);
    await publish(topics.actions, [action("k", 0), action("k", 1)]);
    const process1 = spawnService("action-dispatcher", env, "dispatcher-killed-mid-apply");
    victim = process1;
    expect(await process1.exited).toBe("SIGKILL");
    expect(platform.appliedOrder).toEqual(["act-k-0"]);
    // Neither an outcome nor a commit: the crash left the action for the next owner.
    const admin = kafka.admin();
    await admin.connect();
    const outcomeMarks = await admin.fetchTopicOffsets(topics.outcomes).finally(() => admin.disconnect());
    expect(outcomeMarks.map((o) => o.high)).toEqual(["0", "0", "0"]);
    expect([...(await committedOffsets(kafka, env.REDLINE_DISPATCHER_GROUP_ID!, topics.actions)).values()].every((o) => o === "-1")).toBe(true);

    running.push(await startDispatcher(loadConfig(env), { logger: silentLogger }));
    await waitFor(() => platform.appliedOrder.includes("act-k-1"), { what: "the next owner delivering", timeoutMs: 60_000 });
    const outcomes = await readOutcomes(topics.outcomes, 2);
    expect(outcomes.map((o) => [o.actionId, deliveryResultToJSON(o.result)]).sort()).toEqual([
      ["act-k-0", "DELIVERY_RESULT_DUPLICATE"],
      ["act-k-1", "DELIVERY_RESULT_APPLIED"],
    ]);
    // Applied once in effect, called twice: the first call's outcome died with the process, the re-send's is kept.
    expect(platform.calls.filter((c) => c.action.actionId === "act-k-0").map((c) => c.status)).toEqual([ApplyStatus.APPLY_STATUS_APPLIED, ApplyStatus.APPLY_STATUS_DUPLICATE]);
    expect(platform.appliedOrder).toEqual(["act-k-0", "act-k-1"]);
  });

  it("stops promptly during a platform outage, dead-letters nothing, and the next instance delivers what was in retries", async () => {
    // A retry budget of an hour: without the stop signal, stop() would wait it out.
    const { topics, platform, env } = await rig({ REDLINE_DISPATCHER_RETRY_BUDGET_MS: "3600000" });
    platforms.push(platform);
    await platform.stop();
    const metrics = new CountingDispatcherMetrics();
    const first = await startDispatcher(loadConfig(env), { logger: silentLogger, metrics });
    const pending = ["o1", "o2"].flatMap((r) => [0, 1].map((s) => action(r, s)));
    await publish(topics.actions, pending);
    await waitFor(() => metrics.retries >= 2, { what: "the dispatcher retrying against the stopped platform" });
    await first.stop(); // hangs (and times the test out) if shutdown waits for the outage to end
    expect([metrics.total("failed"), metrics.total("applied")]).toEqual([0, 0]);

    await platform.restart();
    const second = new CountingDispatcherMetrics();
    running.push(await startDispatcher(loadConfig(env), { logger: silentLogger, metrics: second }));
    await waitFor(() => platform.appliedOrder.length === pending.length, { what: "the interrupted actions applied by the next instance" });
    checkDelivery(platform, pending);
    expect(second.total("failed")).toBe(0);
    // Nothing reached the dead-letter topic: the interrupted chunk was left for the next owner, not refused.
    const admin = kafka.admin();
    await admin.connect();
    const dlq = await admin.fetchTopicOffsets(dlqTopicFor(topics.actions)).finally(() => admin.disconnect());
    expect(dlq.map((o) => o.high)).toEqual(["0"]);
  });

  it("dead-letters rejected, non-retriable and out-of-budget actions and raises an alert for each", async () => {
    const { topics, platform, env } = await rig({ REDLINE_DISPATCHER_RETRY_BUDGET_MS: "800" });
    platforms.push(platform);
    platform.rejectActionId("act-x-0");
    const metrics = new CountingDispatcherMetrics();
    running.push(await startDispatcher(loadConfig(env), { logger: silentLogger, metrics }));
    await publish(topics.actions, [action("x", 0)]);
    await waitFor(() => metrics.total("rejected") === 1, { what: "rejection" });
    platform.failNextCalls(1, GrpcStatus.INVALID_ARGUMENT);
    await publish(topics.actions, [action("x", 1)]);
    await waitFor(() => metrics.total("failed") === 1, { what: "non-retriable failure" });
    platform.failNextCalls(1000, GrpcStatus.UNAVAILABLE);
    await publish(topics.actions, [action("x", 2)]);
    await waitFor(() => metrics.total("failed") === 2, { what: "retry budget exhausted" });
    platform.failNextCalls(0);
    await publish(topics.actions, [action("x", 3)]);
    await waitFor(() => platform.appliedOrder.includes("act-x-3"), { what: "later action still applied" });

    const dlq = await readTopic(kafka, dlqTopicFor(topics.actions), 3);
    expect(dlq.map((r) => r.headers[DLQ_HEADERS.reason])).toEqual(["REJECTED", "NON_RETRIABLE", "RETRY_BUDGET_EXHAUSTED"]);
    expect(dlq.map((r) => decodeMessage(ControlAction, r.value, "protobuf").actionId)).toEqual(["act-x-0", "act-x-1", "act-x-2"]);
    const alerts = (await readTopic(kafka, topics.alerts, 3)).map((r) => decodeMessage(Alert, r.value, "protobuf"));
    expect(alerts.map((a) => a.subcategory)).toEqual(["ACTION_UNDELIVERED", "ACTION_UNDELIVERED", "ACTION_UNDELIVERED"]);
    expect(alerts[2]!.explanation?.summary).toMatch(/RETRY_BUDGET_EXHAUSTED/);
    expect(metrics.retries).toBeGreaterThan(0);

    // Failures are outcomes too, with the platform's reason or the last error (issue 20).
    const outcomes = new Map((await readOutcomes(topics.outcomes, 4)).map((o) => [o.actionId, o]));
    expect(outcomes.get("act-x-0")).toMatchObject({ result: DeliveryResult.DELIVERY_RESULT_REJECTED, attempts: 1, ack: { status: ApplyStatus.APPLY_STATUS_REJECTED, message: "room already closed" } });
    expect(outcomes.get("act-x-1")).toMatchObject({ result: DeliveryResult.DELIVERY_RESULT_FAILED, failureReason: "NON_RETRIABLE", attempts: 1, ack: undefined });
    expect(outcomes.get("act-x-2")).toMatchObject({ result: DeliveryResult.DELIVERY_RESULT_FAILED, failureReason: "RETRY_BUDGET_EXHAUSTED" });
    expect(outcomes.get("act-x-2")!.attempts).toBeGreaterThan(1);
    expect(outcomes.get("act-x-2")!.failureDetail).toMatch(/UNAVAILABLE|injected failure/);
    expect(outcomes.get("act-x-3")).toMatchObject({ result: DeliveryResult.DELIVERY_RESULT_APPLIED, attempts: 1 });
  });

  it("serves ActionFeed: all non-shadow actions from the start, resumable from a cursor, filtered by platform", async () => {
    const { topics, platform, env } = await rig();
    platforms.push(platform);
    const dispatcher = await startDispatcher(loadConfig(env), { logger: silentLogger });
    running.push(dispatcher);
    const actions = [action("a", 0), action("t2b", 0), action("a", 1, { shadow: true }), action("a", 2)];
    await publish(topics.actions, actions);
    const client = new ActionFeedClient(`127.0.0.1:${dispatcher.actionFeedPort}`, credentials.createInsecure());
    // `distinct`: n different actions, however often one comes (a puller dedupes by action id).
    const take = (cursor: string, platformFilter: string, n: number, distinct = false) =>
      new Promise<SubscribeResponse[]>((resolve, reject) => {
        const got: SubscribeResponse[] = [];
        const stream = client.subscribe({ cursor, platform: platformFilter });
        const late = setTimeout(() => {
          stream.cancel();
          reject(new Error(`ActionFeed delivered ${got.length} of ${n} actions within 30 s`));
        }, 30_000);
        stream.on("data", (m: SubscribeResponse) => {
          got.push(m);
          if ((distinct ? new Set(got.map((g) => g.action!.actionId)).size : got.length) === n) {
            clearTimeout(late);
            stream.cancel();
            resolve(got);
          }
        });
        stream.on("error", (e: { code?: number }) => {
          if (e.code === GrpcStatus.CANCELLED) return;
          clearTimeout(late);
          reject(e);
        });
      });
    const all = await take("", "", 3);
    expect(all.map((m) => m.action!.actionId).sort()).toEqual(["act-a-0", "act-a-2", "act-t2b-0"]);
    const tenant1 = await take("", "tenant-1", 2);
    expect(tenant1.map((m) => m.action!.actionId)).toEqual(["act-a-0", "act-a-2"]);
    await publish(topics.actions, [action("a", 3)]);
    const resumed = await take(tenant1[1]!.cursor, "tenant-1", 1);
    expect(resumed.map((m) => m.action!.actionId)).toEqual(["act-a-3"]);
    const bad = await take("not a cursor!", "", 1).catch((e: { code?: number }) => e);
    expect((bad as { code?: number }).code).toBe(GrpcStatus.INVALID_ARGUMENT);

    // Partitions added after the cursor was made: their actions are newer than the cursor and are all delivered.
    const admin = kafka.admin();
    await admin.connect();
    await admin.createPartitions({ topicPartitions: [{ topic: topics.actions, count: 6 }] });
    await admin.disconnect();
    const later = Array.from({ length: 12 }, (_, i) => action(`late${i}`, 0));
    // A producer of its own: the shared one's metadata would still show three partitions.
    const fresh = await RecordProducer.connect(kafka, silentLogger);
    try {
      await publish(topics.actions, later, fresh);
    } finally {
      await fresh.disconnect();
    }
    const onTopic = await readTopic(kafka, topics.actions, 17);
    expect(onTopic.some((r) => r.partition >= 3)).toBe(true);
    // The reader's group rebalances as the topic grows, and a record may come twice: each must come at least once.
    const afterGrowth = await take(resumed[0]!.cursor, "tenant-1", later.length, true);
    expect([...new Set(afterGrowth.map((m) => m.action!.actionId))].sort()).toEqual(later.map((a) => a.actionId).sort());
    client.close();
  });
});
