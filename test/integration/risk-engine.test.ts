import { readFileSync } from "node:fs";
import { join } from "node:path";
import { silentLogger } from "@redline/common";
import { decodeMessage } from "@redline/events";
import { DLQ_HEADERS, dlqTopicFor, partitionForKey, readLatestByKey, RecordProducer } from "@redline/kafka";
import { Alert, ControlAction, LiveEvent, RoomEventKind } from "@redline/proto";
import { SNAPSHOT_VERSION } from "@redline/pipeline";
import { decodeSnapshot, loadConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import { generateRoom, Rng, SIMULATION_EPOCH_MS, type AttackStyle } from "@redline/simulator";
import {
  collectTopic,
  ensureEngineTopics,
  inputTopics,
  publishEvents,
  randomId,
  readTopic,
  replayThroughCli,
  roomOnPartition,
  spawnService,
  testKafka,
  waitFor,
  type Replayed,
  type TopicCollector,
} from "@redline/test-helpers";

const PARTITIONS = 3;
const POLICY = join(__dirname, "..", "..", "deploy", "policy", "default-policy.json");
const kafka = testKafka();
let producer: RecordProducer;

beforeAll(async () => {
  producer = await RecordProducer.connect(kafka, silentLogger);
});
afterAll(async () => {
  await producer.disconnect();
});

const roomOn = (p: number, base: string): string => roomOnPartition(p, base, PARTITIONS);

const byTime = (a: LiveEvent, b: LiveEvent) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

function room(roomId: string, attack: AttackStyle | null, seed: number): LiveEvent[] {
  return generateRoom({ roomId, size: "medium", hardNegative: null, attack, strength: 1 }, new Rng(seed), SIMULATION_EPOCH_MS).events;
}

/** One room event per partition far after the traffic, so every partition's watermark passes everything. */
function sentinels(afterMs: number): LiveEvent[] {
  return Array.from({ length: PARTITIONS }, (_, p) =>
    LiveEvent.fromPartial({
      eventId: `sentinel-${p}`,
      roomId: roomOn(p, "sentinel"),
      eventTimeMs: afterMs,
      platform: "test",
      body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_UPDATED, followerCount: 1 } },
    }),
  );
}

interface Rig {
  prefix: string;
  env: Record<string, string>;
  alerts: TopicCollector;
  actions: TopicCollector;
}

async function rig(extra: Record<string, string> = {}): Promise<Rig> {
  const prefix = `${randomId("it.engine")}.`;
  const inputs = inputTopics(prefix);
  await ensureEngineTopics(kafka, prefix, PARTITIONS);
  // The shared variables (brokers, ClickHouse) come from the environment the tests run in.
  const env = {
    ...(process.env as Record<string, string>),
    REDLINE_INPUT_TOPICS: inputs.join(","),
    REDLINE_ALERTS_TOPIC: `${prefix}alerts`,
    REDLINE_ACTIONS_TOPIC: `${prefix}actions`,
    REDLINE_ENGINE_GROUP_ID: `${prefix}engine`,
    REDLINE_ENGINE_SNAPSHOT_INTERVAL_MS: "500",
    REDLINE_ENGINE_ALLOWED_LATENESS_MS: "5000",
    REDLINE_ENGINE_SESSION_TIMEOUT_MS: "10000",
    REDLINE_POLICY_FILE: POLICY,
    // The simulator's clock starts on 2026-11-01; the skew check is about live traffic.
    REDLINE_MAX_PAST_SKEW_MS: String(10 * 365 * 86_400_000),
    REDLINE_MAX_FUTURE_SKEW_MS: String(10 * 365 * 86_400_000),
    ...extra,
  };
  return { prefix, env, alerts: await collectTopic(kafka, `${prefix}alerts`), actions: await collectTopic(kafka, `${prefix}actions`) };
}

/** Messages on a topic by id; fails if one id was ever emitted with two different payloads. */
function byId<T>(records: TopicCollector["records"], decode: (b: Buffer) => T, idOf: (m: T) => string): Map<string, T> {
  const bytes = new Map<string, Buffer>();
  const out = new Map<string, T>();
  for (const r of records) {
    const message = decode(r.value);
    const id = idOf(message);
    const seen = bytes.get(id);
    if (seen) expect(r.value.equals(seen)).toBe(true);
    else {
      bytes.set(id, r.value);
      out.set(id, message);
    }
  }
  return out;
}

const alertsById = (records: TopicCollector["records"]) =>
  byId(records, (b) => decodeMessage(Alert, b, "protobuf"), (a) => a.alertId);
const actionsById = (records: TopicCollector["records"]) =>
  byId(records, (b) => decodeMessage(ControlAction, b, "protobuf"), (a) => a.actionId);

/**
 * `redline replay` as the service runs it: one engine per partition number.
 * (Evaluation is paced by each engine's watermark, so a single engine over
 * all rooms may raise the same alert a few events earlier or later.)
 */
async function replayByPartition(events: LiveEvent[]): Promise<Replayed> {
  const out: Replayed = { alerts: [], actions: [], lateEvents: 0 };
  for (let p = 0; p < PARTITIONS; p++) {
    const r = await replay(events.filter((e) => partitionForKey(e.roomId, PARTITIONS) === p));
    out.alerts.push(...r.alerts);
    out.actions.push(...r.actions);
    out.lateEvents += r.lateEvents;
  }
  return out;
}

async function replay(events: LiveEvent[]): Promise<Replayed> {
  return replayThroughCli(events, POLICY);
}

describe("risk-engine service on the real broker", () => {
  const services: RiskEngineService[] = [];
  const collectors: TopicCollector[] = [];
  afterEach(async () => {
    for (const s of services.splice(0)) await s.stop().catch(() => undefined);
    for (const c of collectors.splice(0)) await c.stop();
  });

  it("produces what `redline replay` produces for the same events, and dead-letters malformed input mid-stream", async () => {
    const r = await rig();
    collectors.push(r.alerts, r.actions);
    const events = [
      ...room(roomOn(0, "follows"), "fresh_follow_burst", 11),
      ...room(roomOn(1, "likes"), "device_farm", 12),
      ...room(roomOn(2, "orders"), "brushing_mules", 13),
    ].sort(byTime);
    const all = [...events, ...sentinels(events[events.length - 1]!.eventTimeMs + 5 * 60_000)];
    const replayed = await replayByPartition(all);
    const expected = replayed.alerts;
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(replayed.actions.length).toBeGreaterThanOrEqual(3);

    // Published before the service starts: it reads a backlog, where topics of one partition are
    // fetched in unrelated batches and only the merge in event time keeps the result exact.
    const half = Math.floor(all.length / 2);
    await publishEvents(producer, r.prefix, all.slice(0, half));
    await producer.send(`${r.prefix}live.follows`, [
      { key: roomOn(0, "follows"), value: Buffer.from("not protobuf at all \xff") },
      { key: roomOn(0, "follows"), value: Buffer.from("{}"), headers: { "content-type": "application/json" } },
    ]);
    await publishEvents(producer, r.prefix, all.slice(half));
    services.push(await startRiskEngine(loadConfig(r.env), { logger: silentLogger }));

    await waitFor(() => alertsById(r.alerts.records).size >= expected.length, { what: "the replayed alerts", timeoutMs: 90_000 });
    const got = alertsById(r.alerts.records);
    expect([...got.keys()].sort()).toEqual(expected.map((a) => a.alertId).sort());
    for (const a of expected) expect(got.get(a.alertId)).toEqual(a);
    await waitFor(() => actionsById(r.actions.records).size >= replayed.actions.length, { what: "the replayed actions" });
    const gotActions = actionsById(r.actions.records);
    expect([...gotActions.keys()].sort()).toEqual(replayed.actions.map((a) => a.actionId).sort());
    for (const a of replayed.actions) expect(gotActions.get(a.actionId)).toEqual(a);

    const dlq = await readTopic(kafka, dlqTopicFor(`${r.prefix}live.follows`), 2);
    expect(dlq.map((d) => d.headers[DLQ_HEADERS.reason]).sort()).toEqual(["MISSING_FIELD", "UNDECODABLE"]);
  });

  it("agrees with `redline replay` on late input: the same events count as late and the same alerts follow", async () => {
    // One topic, so the service reads the partition in the order replay reads the file. Every seventh
    // like is published a minute of event time after its own (a phone that was offline), beyond the
    // 10 s lateness both run with by default.
    const r = await rig({ REDLINE_ENGINE_ALLOWED_LATENESS_MS: "10000" });
    collectors.push(r.alerts, r.actions);
    const likes = room(roomOn(0, "late-likes"), "device_farm", 17).filter((e) => e.body?.$case === "like").sort(byTime);
    const onTime = likes.filter((_, i) => i % 7 !== 0);
    const delayed = likes.filter((_, i) => i % 7 === 0);
    const published: LiveEvent[] = [];
    for (const e of onTime) {
      while (delayed.length > 0 && delayed[0]!.eventTimeMs + 60_000 <= e.eventTimeMs) published.push(delayed.shift()!);
      published.push(e);
    }
    published.push(...delayed);
    const replayed = await replay(published);
    expect(replayed.lateEvents).toBeGreaterThan(50);
    expect(replayed.alerts.some((a) => a.subcategory === "FAKE_LIKES")).toBe(true);

    await publishEvents(producer, r.prefix, published);
    const service = await startRiskEngine(loadConfig(r.env), { logger: silentLogger });
    services.push(service);
    const applied = () => service.status().reduce((n, p) => n + p.counters.eventsApplied, 0);
    await waitFor(() => applied() === published.length && alertsById(r.alerts.records).size >= replayed.alerts.length, {
      what: "every like applied and the replayed alerts",
      timeoutMs: 90_000,
    });
    expect(service.status().reduce((n, p) => n + p.counters.lateEvents, 0)).toBe(replayed.lateEvents);
    const got = alertsById(r.alerts.records);
    expect([...got.keys()].sort()).toEqual(replayed.alerts.map((a) => a.alertId).sort());
    for (const a of replayed.alerts) expect(got.get(a.alertId)).toEqual(a);
  });

  it("splits partitions between two instances and moves a room with its state when one stops", async () => {
    const r = await rig();
    collectors.push(r.alerts, r.actions);
    const attacked = roomOn(1, "split");
    const events = [
      ...room(roomOn(0, "organic"), null, 31),
      ...room(attacked, "fresh_follow_burst", 11),
      ...room(roomOn(2, "organic"), null, 32),
    ].sort(byTime);
    const all = [...events, ...sentinels(events[events.length - 1]!.eventTimeMs + 5 * 60_000)];
    const expected = (await replayByPartition(all)).alerts.find((a) => a.roomId === attacked && a.subcategory === "FAKE_FOLLOWS")!;
    const index = new Map(all.map((e, i) => [e.eventId, i]));
    const cited = expected.evidenceEventIds.map((id) => index.get(id)!).sort((x, y) => x - y);
    const split = Math.floor((cited[0]! + cited[1]!) / 2);

    const a = await startRiskEngine(loadConfig(r.env), { logger: silentLogger });
    const b = await startRiskEngine(loadConfig(r.env), { logger: silentLogger });
    services.push(a, b);
    await publishEvents(producer, r.prefix, all.slice(0, split));
    const owned = (s: RiskEngineService) => s.status().map((x) => x.partition);
    await waitFor(() => owned(a).length + owned(b).length === 3, { what: "all three partitions owned", timeoutMs: 60_000 });
    expect([...owned(a), ...owned(b)].sort()).toEqual([0, 1, 2]);
    expect(owned(a).length * owned(b).length).toBeGreaterThan(0);

    // Stop the member that holds the attacked room once it has seen the first part.
    const holder = owned(a).includes(1) ? a : b;
    const other = holder === a ? b : a;
    const firstPart = all.slice(0, split).filter((e) => e.roomId === attacked).length;
    await waitFor(() => (holder.status().find((x) => x.partition === 1)?.counters.eventsIngested ?? 0) >= firstPart, {
      what: "the holder to ingest the first part",
      timeoutMs: 60_000,
    });
    await holder.stop();
    services.splice(services.indexOf(holder), 1);
    await publishEvents(producer, r.prefix, all.slice(split));
    await waitFor(() => owned(other).length === 3, { what: "the other member to own every partition", timeoutMs: 60_000 });
    await waitFor(() => alertsById(r.alerts.records).has(expected.alertId), { what: "the attacked room's alert", timeoutMs: 90_000 });
    const alert = alertsById(r.alerts.records).get(expected.alertId)!;
    const before = new Set(all.slice(0, split).map((e) => e.eventId));
    expect(alert.evidenceEventIds.some((id) => before.has(id))).toBe(true);
    expect(alert.evidenceEventIds.some((id) => !before.has(id))).toBe(true);
  });

  it("survives kill -9: the restarted engine resumes from its snapshot and its alert needs both halves", async () => {
    const r = await rig({ REDLINE_ENGINE_SNAPSHOT_INTERVAL_MS: "1000" });
    collectors.push(r.alerts, r.actions);
    const roomId = roomOn(1, "crash");
    const events = room(roomId, "fresh_follow_burst", 11).sort(byTime);
    const all = [...events, ...sentinels(events[events.length - 1]!.eventTimeMs + 5 * 60_000)];
    const replayed = await replayByPartition(all);
    const expected = replayed.alerts;
    const follows = expected.find((a) => a.subcategory === "FAKE_FOLLOWS")!;
    expect(follows).toBeDefined();
    const index = new Map(all.map((e, i) => [e.eventId, i]));
    const cited = follows.evidenceEventIds.map((id) => index.get(id)!).sort((x, y) => x - y);
    // Split between the earliest cited event and the rest: only an engine that kept its state can cite both.
    const split = Math.floor((cited[0]! + cited[1]!) / 2);
    expect(cited[0]).toBeLessThan(split);

    const first = spawnService("risk-engine", r.env, "risk-engine-crash-1");
    await publishEvents(producer, r.prefix, all.slice(0, split));
    const changelog = `${r.prefix}engine.state`;
    await waitFor(
      async () => {
        const latest = await readLatestByKey(kafka, changelog, silentLogger).catch(() => new Map<string, Buffer>());
        const snap = latest.get("1");
        const covered = snap ? Object.values(decodeSnapshot("1", snap).offsets).reduce((n, o) => n + Number(o), 0) : 0;
        return covered >= split;
      },
      { what: "a snapshot covering the first half", timeoutMs: 60_000, intervalMs: 1000 },
    );
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");

    const second = spawnService("risk-engine", r.env, "risk-engine-crash-2");
    try {
      await publishEvents(producer, r.prefix, all.slice(split));
      await waitFor(() => alertsById(r.alerts.records).has(follows.alertId), { what: "the FAKE_FOLLOWS alert", timeoutMs: 90_000 });
      const got = alertsById(r.alerts.records);
      expect(got.get(follows.alertId)).toEqual(follows);
      for (const [id, alert] of got) {
        const want = expected.find((a) => a.alertId === id);
        expect(want).toBeDefined();
        expect(alert).toEqual(want);
      }
      // Actions: every one the replay produced, none other, each id with one payload.
      await waitFor(() => actionsById(r.actions.records).size >= replayed.actions.length, { what: "the replayed actions" });
      const actions = actionsById(r.actions.records);
      expect([...actions.keys()].sort()).toEqual(replayed.actions.map((a) => a.actionId).sort());
    } finally {
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    }
  });

  it("refuses a snapshot of an older version, rebuilds that partition from its committed offsets and reads on", async () => {
    const r = await rig({ REDLINE_ENGINE_SNAPSHOT_INTERVAL_MS: "1000" });
    collectors.push(r.alerts, r.actions);
    const events = room(roomOn(1, "upgrade"), "fresh_follow_burst", 12).sort(byTime);
    const all = [...events, ...sentinels(events[events.length - 1]!.eventTimeMs + 5 * 60_000)];
    const onPartition1 = all.filter((e) => partitionForKey(e.roomId, PARTITIONS) === 1).length;
    const split = Math.floor(events.length / 2);
    const changelog = `${r.prefix}engine.state`;
    const snapshotOf = async (key: string) => (await readLatestByKey(kafka, changelog, silentLogger).catch(() => new Map<string, Buffer>())).get(key);
    // Offsets a snapshot of this release's version covers; 0 for none or another version.
    const covered = (bytes: Buffer | undefined) => {
      if (bytes === undefined || bytes.readUInt16BE(4) !== SNAPSHOT_VERSION) return 0;
      return Object.values(decodeSnapshot("1", bytes).offsets).reduce((n, o) => n + Number(o), 0);
    };

    const first = spawnService("risk-engine", r.env, "risk-engine-upgrade-1");
    await publishEvents(producer, r.prefix, all.slice(0, split));
    await waitFor(async () => covered(await snapshotOf("1")) >= split, { what: "a snapshot covering the first half", timeoutMs: 60_000, intervalMs: 1000 });
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    // What an older release left on the changelog: the same state under the previous version.
    const older = Buffer.from((await snapshotOf("1"))!);
    older.writeUInt16BE(SNAPSHOT_VERSION - 1, 4);
    await producer.send(changelog, [{ key: "1", value: older }]);
    await waitFor(async () => (await snapshotOf("1"))!.readUInt16BE(4) === SNAPSHOT_VERSION - 1, { what: "the older record as the latest", timeoutMs: 30_000 });

    const second = spawnService("risk-engine", r.env, "risk-engine-upgrade-2");
    try {
      await publishEvents(producer, r.prefix, all.slice(split));
      // It reads on from the commits and checkpoints again, in this release's version.
      await waitFor(async () => covered(await snapshotOf("1")) >= onPartition1, { what: "a current snapshot covering all of partition 1", timeoutMs: 90_000, intervalMs: 1000 });
      const lines = readFileSync(second.logFile, "utf8")
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { level: string; msg: string; partition?: number; restored?: boolean; err?: { message?: string } | string });
      const refused = lines.filter((l) => l.msg === "snapshot of another version; rebuilding this partition from its committed offsets");
      expect(refused.map((l) => [l.level, l.partition])).toEqual([["warn", 1]]);
      expect(JSON.stringify(refused[0]!.err)).toContain(`partition 1 is unreadable: snapshot version ${SNAPSHOT_VERSION - 1}, this release reads ${SNAPSHOT_VERSION} only`);
      expect(lines.filter((l) => l.msg === "partition state ready" && l.partition === 1).map((l) => l.restored)).toEqual([false]);
      expect(lines.filter((l) => l.msg === "snapshot unusable; starting this partition from its committed offsets")).toEqual([]);
    } finally {
      second.child.kill("SIGTERM");
      expect(await second.exited).toBe(0);
    }
  });
});
