import { silentLogger } from "@redline/common";
import { CrewDetectorService, activityOutputRecord, loadConfig } from "@redline/crew-detector";
import { CrewDetector, crewAlert, type AccountActivity } from "@redline/crews";
import { decodeMessage } from "@redline/events";
import { CountingMetrics, DeadLetterWriter, DLQ_HEADERS, dlqTopicFor, ensureTopics, markKeysFor, MinuteTableFeed, type OutputRecord, partitionForKey, RecordProducer } from "@redline/kafka";
import { progressHeaders, progressMarkKey } from "@redline/minute-table";
import { AccountRisk, Alert, Severity } from "@redline/proto";
import { collectTopic, randomId, readTopic, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka();
const MIN = 60_000;
const LANES = 2;
const ENGINE_PARTITIONS = 2;
const T0 = Math.floor((Date.now() - 86_400_000) / MIN) * MIN;

/** A crew of five working four streamers' rooms in lockstep, and organic viewers around it. */
function traffic(): AccountActivity[] {
  const out: AccountActivity[] = [];
  const categories = ["beauty", "food", "home", "fashion"];
  let seq = 0;
  const act = (room: number, accountId: string, atMs: number, kind: AccountActivity["kind"]) =>
    out.push({ eventId: `e${String(seq++).padStart(6, "0")}`, eventTimeMs: atMs, accountId, deviceId: `dev-${accountId}`, ipPrefix: "", roomId: `room-${room}`, streamerId: `streamer-${room}`, roomCategory: categories[room % 4]!, roomStartedMs: T0 + room * 40 * MIN, kind, paymentKey: "", addressKey: "", accountCreatedMs: 0 });
  for (let room = 0; room < 4; room++) {
    const start = T0 + room * 40 * MIN;
    for (let i = 0; i < 5; i++) {
      act(room, `crew-a${i}`, start + 5 * MIN + i * 3_000, "join");
      act(room, `crew-a${i}`, start + 6 * MIN + i * 3_000, "like");
      act(room, `crew-a${i}`, start + 15 * MIN + i * 2_000, "leave");
    }
    for (let v = 0; v < 20; v++) {
      const arrive = start + ((v * 7_919 + room * 104_729) % (30 * MIN));
      act(room, `viewer-${room}-${v}`, arrive, "join");
      act(room, `viewer-${room}-${v}`, arrive + 3 * MIN + ((v * 15_485) % (20 * MIN)), "leave");
    }
  }
  return out.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
}

/** As the room engine writes them: keyed by account, stamped with the engine partition of the room and a watermark just below the record. */
const asRecord = (a: AccountActivity): OutputRecord =>
  activityOutputRecord(a, { producerPartition: partitionForKey(a.roomId, ENGINE_PARTITIONS), producerPartitions: ENGINE_PARTITIONS, watermarkMs: a.eventTimeMs - 1 });

/**
 * The records in the engine's order, with each engine partition's progress
 * marks on every partition at each event-time minute, as the engine writes
 * them so a partition whose rooms are quiet does not hold the detector back.
 */
function withMinuteMarks(records: readonly AccountActivity[]): OutputRecord[] {
  const out: OutputRecord[] = [];
  let minute = Math.floor(records[0]!.eventTimeMs / MIN);
  for (const a of records) {
    const m = Math.floor(a.eventTimeMs / MIN);
    if (m > minute) out.push(...marks(m * MIN - 1));
    minute = m;
    out.push(asRecord(a));
  }
  return out;
}

/** Each engine partition's progress mark on every partition of the activity topic. */
function marks(watermarkMs: number): OutputRecord[] {
  const out: OutputRecord[] = [];
  for (let p = 0; p < ENGINE_PARTITIONS; p++) {
    for (const key of markKeysFor(progressMarkKey(p), LANES)) out.push({ key, value: Buffer.from("mark"), headers: progressHeaders({ producerPartition: p, producerPartitions: ENGINE_PARTITIONS, watermarkMs }, true) });
  }
  return out;
}

/** Fresh topics for one test and the service environment that names them. */
async function testTopics(prefix: string): Promise<{ topics: { activity: string; alerts: string; accountRisk: string }; env: Record<string, string> }> {
  const topics = { activity: `${prefix}.activity`, alerts: `${prefix}.alerts`, accountRisk: `${prefix}.account-risk` };
  await ensureTopics(kafka, [
    { topic: topics.activity, numPartitions: LANES },
    { topic: dlqTopicFor(topics.activity), numPartitions: 1 },
    { topic: topics.alerts, numPartitions: 1 },
    { topic: topics.accountRisk, numPartitions: 2, configs: { "cleanup.policy": "compact" } },
    { topic: dlqTopicFor(topics.accountRisk), numPartitions: 1 },
  ]);
  const env = {
    ...(process.env as Record<string, string>),
    REDLINE_ACCOUNT_ACTIVITY_TOPIC: topics.activity,
    REDLINE_ALERTS_TOPIC: topics.alerts,
    REDLINE_ACCOUNT_RISK_TOPIC: topics.accountRisk,
    REDLINE_CREWS_CHANGELOG_TOPIC: `${prefix}.state`,
    REDLINE_CREWS_SNAPSHOT_EVERY_MINUTES: "10",
  };
  return { topics, env };
}

describe("crew-detector service", () => {
  let producer: RecordProducer;
  const services: CrewDetectorService[] = [];

  beforeAll(async () => {
    producer = await RecordProducer.connect(kafka, silentLogger);
  });
  afterAll(async () => {
    for (const s of services) await s.stop();
    await producer.disconnect();
  });

  it("raises the alerts a replay of the ordered records raises, across a restart, writes the account-risk table and dead-letters bad records", async () => {
    const { topics, env } = await testTopics(randomId("it.crews"));
    const config = loadConfig(env);
    const activity = traffic();
    const replayed = new CrewDetector().ingestAll(activity);
    // The last alert of each id: a re-raise at the same severity is the same alert, updated.
    const expected = new Map(replayed.map((o) => [crewAlert(o).alertId, crewAlert(o)]));
    const firstMedium = replayed.find((o) => o.level === "account" && o.severity >= Severity.SEVERITY_MEDIUM)!;
    expect([...expected.values()].some((a) => a.subjectUserId !== "" && a.severity >= Severity.SEVERITY_MEDIUM)).toBe(true);
    const alerts = await collectTopic(kafka, topics.alerts);
    try {
      // First half, then a restart: the second process resumes from the first one's last snapshot.
      const half = Math.floor(activity.length / 2);
      services.push(await CrewDetectorService.start(config, { logger: silentLogger }));
      await producer.send(topics.activity, withMinuteMarks(activity.slice(0, half)));
      // The first snapshot pins the start; a second one holds the first half's state.
      await waitFor(() => services[0]!.stats.snapshots >= 2, { what: "a snapshot of the first half" });
      await services[0]!.stop();
      services.push(await CrewDetectorService.start(config, { logger: silentLogger }));
      await producer.send(topics.activity, [
        ...withMinuteMarks(activity.slice(half)),
        { key: "bad-bytes", value: Buffer.from([0xff, 0xff, 0xff]), headers: progressHeaders({ producerPartition: 0, producerPartitions: ENGINE_PARTITIONS, watermarkMs: 0 }) },
        { key: "no-progress", value: asRecord(activity[0]!).value },
        ...marks(activity[activity.length - 1]!.eventTimeMs + 10 * MIN),
      ]);
      const seen = (): Map<string, Alert> => new Map(alerts.records.map((r) => decodeMessage(Alert, r.value, "protobuf")).map((a) => [a.alertId, a]));
      await waitFor(() => [...expected.keys()].every((id) => seen().has(id)), { what: `${expected.size} crew alerts` });
      expect(seen()).toEqual(expected);

      const dlq = await readTopic(kafka, dlqTopicFor(topics.activity), 2);
      expect(dlq.map((r) => r.headers[DLQ_HEADERS.reason]).sort()).toEqual(["INVALID_FIELD", "UNDECODABLE"]);

      // The table as the room engine will read it: complete through the last minute, the crew's accounts in force after their finding.
      const feed = await MinuteTableFeed.open({
        kafka,
        topic: topics.accountRisk,
        decode: (value) => AccountRisk.decode(value),
        deadLetters: new DeadLetterWriter(producer, new CountingMetrics(), silentLogger),
        logger: silentLogger,
      });
      try {
        const end = activity[activity.length - 1]!.eventTimeMs;
        await waitFor(() => feed.table.readyFor(end), { what: "the account-risk table complete through the last minute" });
        for (let i = 0; i < 5; i++) expect(feed.table.valueAt(`crew-a${i}`, end)).toMatchObject({ accountId: `crew-a${i}`, severity: expect.any(Number) });
        // Not in the minute of the finding that produced it: only from the next one.
        expect(feed.table.valueAt("crew-a0", firstMedium.eventTimeMs)).toBeUndefined();
        expect(feed.table.valueAt("crew-a0", Math.floor(firstMedium.eventTimeMs / MIN) * MIN + MIN)).toMatchObject({ crewId: firstMedium.crewId });
        expect(feed.table.valueAt("viewer-0-1", end)).toBeUndefined();
      } finally {
        await feed.stop();
      }
    } finally {
      await alerts.stop();
    }
  });
  it("replays the retained activity when its snapshot was taken under another crew config, instead of refusing to start", async () => {
    const { topics, env } = await testTopics(randomId("it.crews-upgrade"));
    const activity = traffic();
    const alerts = await collectTopic(kafka, topics.alerts);
    try {
      const before = await CrewDetectorService.start(loadConfig(env), { logger: silentLogger });
      services.push(before);
      await producer.send(topics.activity, [...withMinuteMarks(activity), ...marks(activity[activity.length - 1]!.eventTimeMs + 10 * MIN)]);
      await waitFor(() => before.stats.snapshots >= 2, { what: "a snapshot under the first config" });
      await before.stop();

      // The next release's config: its snapshot cannot be restored, so the whole retained input is replayed under it.
      const windowMs = 5 * 60 * MIN;
      const after = await CrewDetectorService.start(loadConfig({ ...env, REDLINE_CREWS_WINDOW_MS: String(windowMs) }), { logger: silentLogger });
      services.push(after);
      const expected = new CrewDetector({ windowMs }).ingestAll(activity).map((o) => crewAlert(o).alertId);
      expect(expected.length).toBeGreaterThan(0);
      await waitFor(() => after.stats.released >= activity.length, { what: "every record replayed" });
      const seen = () => new Set(alerts.records.map((r) => decodeMessage(Alert, r.value, "protobuf").alertId));
      await waitFor(() => expected.every((id) => seen().has(id)), { what: `${expected.length} alerts of the replay under the new config` });
    } finally {
      await alerts.stop();
    }
  });
});
