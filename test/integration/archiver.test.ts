import { ClickHouseEvidenceStore } from "@redline/archive";
import { startArchiver, loadConfig, type Archiver } from "@redline/archiver";
import { ident, sql } from "@redline/clickhouse";
import { silentLogger } from "@redline/common";
import { encodeMessage } from "@redline/events";
import { dlqTopicFor, ensureTopics, RecordProducer } from "@redline/kafka";
import {
  ActionKind,
  Alert,
  ControlAction,
  Feedback,
  LiveEvent,
  RiskCategory,
  Severity,
  Verdict,
} from "@redline/proto";
import { committedOffsets, randomId, TcpProxy, testClickHouse, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka();
const server = testClickHouse(null);
let producer: RecordProducer;
const databases: string[] = [];

beforeAll(async () => {
  producer = await RecordProducer.connect(kafka, silentLogger);
});
afterAll(async () => {
  await producer.disconnect();
  for (const db of databases) await server.exec(sql`DROP DATABASE IF EXISTS ${ident(db)}`);
});

interface Setup {
  env: Record<string, string>;
  topics: { alerts: string; actions: string; feedback: string; input: string };
  database: string;
}

async function setup(extraEnv: Record<string, string> = {}): Promise<Setup> {
  const id = randomId("it.arch");
  const topics = { alerts: `${id}.alerts`, actions: `${id}.actions`, feedback: `${id}.feedback`, outcomes: `${id}.outcomes`, input: `${id}.comments` };
  await ensureTopics(
    kafka,
    Object.values(topics).flatMap((t) => [
      { topic: t, numPartitions: 2 },
      { topic: dlqTopicFor(t), numPartitions: 1 },
    ]),
  );
  const database = randomId("it_archive");
  databases.push(database);
  // The shared variables (brokers, ClickHouse) come from the environment the tests run in.
  const env = {
    ...(process.env as Record<string, string>),
    REDLINE_ARCHIVER_GROUP_ID: `${id}.group`,
    REDLINE_ALERTS_TOPIC: topics.alerts,
    REDLINE_ACTIONS_TOPIC: topics.actions,
    REDLINE_FEEDBACK_TOPIC: topics.feedback,
    REDLINE_ACTION_OUTCOMES_TOPIC: topics.outcomes,
    REDLINE_INPUT_TOPICS: topics.input,
    REDLINE_CLICKHOUSE_DATABASE: database,
    REDLINE_ARCHIVER_EVENT_SAMPLE_RATE: "0",
    ...extraEnv,
  };
  return { env, topics, database };
}

const NOW = Date.now();
const HOSTILE_ROOM = "room-'; DROP TABLE alerts; --\\";

function comment(i: number, roomId = HOSTILE_ROOM): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: `evt-${i}-'"\\`,
    roomId,
    eventTimeMs: NOW - 60_000 + i,
    platform: "demo",
    body: { $case: "comment", value: { commentId: `c-${i}`, author: { userId: `u-${i}` }, text: `差评 ${i}` } },
  });
}

function alertCiting(alertId: string, events: LiveEvent[]): Alert {
  return Alert.fromPartial({
    alertId,
    roomId: events[0]!.roomId,
    category: RiskCategory.RISK_CATEGORY_REVIEW_SUPPRESSION,
    subcategory: "SELECTIVE_DELETION",
    severity: Severity.SEVERITY_HIGH,
    score: 0.93,
    eventTimeMs: NOW,
    explanation: { summary: "negative reviews removed", signals: [{ name: "negativeShare", value: 0.9, contribution: 0.7 }] },
    evidenceEventIds: events.map((e) => e.eventId),
    modelVersion: "test",
  });
}

const send = <T>(topic: string, codec: Parameters<typeof encodeMessage<T>>[0], key: string, msgs: T[], json = false) =>
  producer.send(
    topic,
    msgs.map((m) => {
      const enc = encodeMessage(codec, m, json ? "json" : "protobuf");
      return { key, value: enc.value, headers: { "content-type": enc.contentType } };
    }),
  );

async function count(database: string, table: string): Promise<number> {
  const rows = await server.withDatabase(database).query<{ n: string }>(sql`SELECT count() AS n FROM ${ident(table)} FINAL`);
  return Number(rows[0]!.n);
}

describe("archiver on the real broker and ClickHouse", () => {
  let archiver: Archiver | undefined;
  afterEach(async () => {
    await archiver?.stop();
    archiver = undefined;
  });

  it("archives outputs and evidence, answers GetEvidence, and a redelivery adds no duplicates", async () => {
    const { env, topics, database } = await setup();
    archiver = await startArchiver(loadConfig(env), { logger: silentLogger });
    const events = [1, 2, 3, 4].map((i) => comment(i));
    const hostileAlertId = "alert-'\\'; SELECT 1; --\n";
    const alert = alertCiting(hostileAlertId, [events[2]!, events[0]!, comment(99)]);
    const action = ControlAction.fromPartial({
      actionId: "act-1'",
      alertId: alert.alertId,
      roomId: alert.roomId,
      kind: ActionKind.ACTION_KIND_PROMINENT_LABEL,
      category: alert.category,
      subcategory: alert.subcategory,
      params: { label: "评论经过筛选" },
      issuedAtMs: NOW,
      expiresAtMs: NOW + 3_600_000,
    });
    const feedback = Feedback.fromPartial({
      alertId: alert.alertId,
      roomId: alert.roomId,
      verdict: Verdict.VERDICT_CONFIRMED,
      note: "复核属实 '--",
      inspectorId: "alice",
      reviewedAtMs: NOW,
    });
    await send(topics.input, LiveEvent, HOSTILE_ROOM, events, true);
    await send(topics.alerts, Alert, HOSTILE_ROOM, [alert, alert]);
    await send(topics.actions, ControlAction, HOSTILE_ROOM, [action]);
    await send(topics.feedback, Feedback, HOSTILE_ROOM, [feedback], true);

    const store = new ClickHouseEvidenceStore(server.withDatabase(database));
    const evidence = await waitFor(async () => {
      const e = await store.getEvidence(hostileAlertId);
      return e && e.events.length === 2 ? e : undefined;
    }, { what: "evidence for the alert", timeoutMs: 60_000 });
    expect(evidence.alert).toEqual(alert);
    expect(evidence.events.map((e) => e.eventId)).toEqual([events[2]!.eventId, events[0]!.eventId]);
    expect(evidence.events[0]).toEqual(events[2]);
    expect(evidence.missingEventIds).toEqual([comment(99).eventId]);

    await waitFor(async () => (await count(database, "feedback")) === 1 && (await count(database, "actions")) === 1, {
      what: "action and feedback archived",
    });
    expect(await count(database, "alerts")).toBe(1);
    const db = server.withDatabase(database);
    const evidenceCount = async () => {
      const rows = await db.query<{ n: string }>(
        sql`SELECT uniqExact(event_id) AS n FROM ${ident("events")} WHERE retention_class = 'evidence'`,
      );
      return Number(rows[0]!.n);
    };
    // The cited events are copied to the long-lived evidence class after the alert row lands, which
    // can trail what GetEvidence already answers from the events themselves: wait for the copy.
    await waitFor(async () => (await evidenceCount()) >= 2, { what: "the cited events copied to the evidence class" });
    expect(await evidenceCount()).toBe(2);
    const eventsBefore = await count(database, "events");

    // Redeliver everything: a new group reads the topics from the start into the same tables.
    await archiver.stop();
    archiver = await startArchiver(loadConfig({ ...env, REDLINE_ARCHIVER_GROUP_ID: `${env.REDLINE_ARCHIVER_GROUP_ID}.again` }), {
      logger: silentLogger,
    });
    await send(topics.alerts, Alert, HOSTILE_ROOM, [alertCiting("marker", [events[3]!])]);
    await waitFor(async () => (await store.getEvidence("marker")) !== undefined, { what: "marker alert after redelivery" });
    expect(await count(database, "alerts")).toBe(2);
    expect(await count(database, "actions")).toBe(1);
    expect(await count(database, "feedback")).toBe(1);
    expect(await count(database, "events")).toBe(eventsBefore);
    expect(eventsBefore).toBe(4);
    // The marker's cited event is copied to the evidence class after its alert row lands: wait for it.
    await waitFor(async () => (await evidenceCount()) >= 3, { what: "the marker's evidence copied" });
    expect(await evidenceCount()).toBe(3);
  });

  it("pauses through a ClickHouse outage and resumes without loss", async () => {
    const proxy = new TcpProxy("127.0.0.1", Number(new URL(process.env.REDLINE_CLICKHOUSE_URL ?? "http://127.0.0.1:8123").port || 8123));
    const port = await proxy.start();
    const { env, topics, database } = await setup({ REDLINE_CLICKHOUSE_URL: `http://127.0.0.1:${port}` });
    archiver = await startArchiver(loadConfig(env), { logger: silentLogger });
    await send(topics.input, LiveEvent, "room-a", [comment(1, "room-a")]);
    await waitFor(async () => (await count(database, "events")) === 1, { what: "first event archived" });

    await proxy.cut();
    await send(topics.input, LiveEvent, "room-a", [2, 3, 4, 5].map((i) => comment(i, "room-a")));
    await new Promise((r) => setTimeout(r, 1500)); // let the archiver hit the outage and start retrying
    expect(await count(database, "events")).toBe(1);
    await proxy.restore();
    await waitFor(async () => (await count(database, "events")) === 5, { what: "all events after the outage", timeoutMs: 60_000 });
    await archiver.stop();
    archiver = undefined;
    await proxy.cut();
  });

  it("keeps a room the policy named key as key after a restart, without the policy repeating itself", async () => {
    const { env, topics, database } = await setup();
    archiver = await startArchiver(loadConfig(env), { logger: silentLogger });
    const named = ControlAction.fromPartial({
      actionId: "act-key",
      alertId: "alert-key",
      roomId: "room-k",
      kind: ActionKind.ACTION_KIND_ASSIGN_INSPECTOR,
      subcategory: "KEY_ROOM",
      issuedAtMs: NOW,
      expiresAtMs: NOW + 3_600_000,
    });
    // A candidate policy's shadow action names nothing.
    const shadow = ControlAction.fromPartial({ ...named, actionId: "act-shadow", roomId: "room-s", shadow: true });
    await send(topics.actions, ControlAction, "room-k", [named, shadow]);
    await waitFor(async () => (await count(database, "actions")) === 2, { what: "the actions archived" });
    // Committed, so the restarted archiver (same group) never reads the action again.
    const committed = async () => [...(await committedOffsets(kafka, env.REDLINE_ARCHIVER_GROUP_ID!, topics.actions)).values()].reduce((n, o) => n + Math.max(0, Number(o)), 0);
    await waitFor(async () => (await committed()) === 2, { what: "the actions' offsets committed" });
    await archiver.stop();

    archiver = await startArchiver(loadConfig(env), { logger: silentLogger });
    await send(topics.input, LiveEvent, "room-k", [comment(1, "room-k"), comment(2, "room-s")]);
    const classes = async () =>
      (await server.withDatabase(database).query<{ room_id: string; retention_class: string }>(
        sql`SELECT room_id, retention_class FROM ${ident("events")} FINAL ORDER BY room_id, retention_class`,
      )).map((r) => `${r.room_id}:${r.retention_class}`);
    await waitFor(async () => (await classes()).length >= 2, { what: "both events archived" });
    expect(await classes()).toEqual(["room-k:key", "room-s:transient"]);
  });

  it("refuses the archive's old key-room threshold instead of ignoring it", () => {
    expect(() => loadConfig({ REDLINE_KEY_ROOM_MIN_FOLLOWERS: "100000" })).toThrow(/REDLINE_KEY_ROOM_MIN_FOLLOWERS is no longer read.*keyRooms/);
  });

  it("drops partitions past their retention class and keeps the rest", async () => {
    // An event from 2020 is archived only where the input limits accept it, as the engine does (issue 17).
    const { env, topics, database } = await setup({ REDLINE_RETENTION_TRANSIENT_DAYS: "2", REDLINE_MAX_PAST_SKEW_MS: String(10 * 365 * 86_400_000) });
    archiver = await startArchiver(loadConfig(env), { logger: silentLogger });
    const old = LiveEvent.fromPartial({ ...comment(1, "room-r"), eventId: "old", eventTimeMs: Date.UTC(2020, 0, 1) });
    const fresh = LiveEvent.fromPartial({ ...comment(2, "room-r"), eventId: "fresh" });
    await send(topics.input, LiveEvent, "room-r", [old, fresh]);
    await waitFor(async () => (await count(database, "events")) === 2, { what: "both events archived" });
    await archiver.enforceRetention();
    const ids = await server
      .withDatabase(database)
      .query<{ event_id: string }>(sql`SELECT event_id FROM ${ident("events")} FINAL ORDER BY event_id`);
    expect(ids.map((r) => r.event_id)).toEqual(["fresh"]);
  });
});
