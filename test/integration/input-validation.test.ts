import { join } from "node:path";
import { loadConfig as archiverConfig, startArchiver, type Archiver } from "@redline/archiver";
import { ident, sql } from "@redline/clickhouse";
import { silentLogger } from "@redline/common";
import { CONTENT_TYPE_HEADER, encodeMessage } from "@redline/events";
import { DLQ_HEADERS, dlqTopicFor, ensureTopics } from "@redline/kafka";
import { LiveEvent } from "@redline/proto";
import { loadConfig as engineConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import { committedOffsets, ensureEngineTopics, inputTopics, randomId, readTopic, testClickHouse, testKafka, waitFor } from "@redline/test-helpers";

const POLICY = join(__dirname, "..", "..", "deploy", "policy", "default-policy.json");
const YEAR_MS = 365 * 86_400_000;

function comment(eventId: string, eventTimeMs: number): LiveEvent {
  return LiveEvent.fromPartial({
    eventId,
    roomId: "room-validation",
    eventTimeMs,
    platform: "test",
    body: { $case: "comment", value: { commentId: `c-${eventId}`, author: { userId: "u-1" }, text: "hello" } },
  });
}

/**
 * Issue 17: events dated a year ahead were dead-lettered by the engine and
 * written to ClickHouse by the archiver. Both services run here on the same
 * input with the default limits and must keep and refuse the same records.
 */
describe("input validation shared by the risk engine and the archiver", () => {
  const kafka = testKafka();
  const server = testClickHouse(null);
  const prefix = `${randomId("it.validate")}.`;
  const database = randomId("it_validate");
  let engine: RiskEngineService | undefined;
  let archiver: Archiver | undefined;

  afterAll(async () => {
    await archiver?.stop();
    await engine?.stop();
    await server.exec(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
  });

  it("archives exactly the events the engine accepts, skew measured from when each record was published", async () => {
    await ensureEngineTopics(kafka, prefix, 1);
    // The archiver also reads feedback and dead-letters bad output records (ensureEngineTopics made the actions' DLQ).
    await ensureTopics(kafka, [`${prefix}feedback`, dlqTopicFor(`${prefix}feedback`), dlqTopicFor(`${prefix}alerts`)].map((t) => ({ topic: t, numPartitions: 1 })));
    const topic = `${prefix}live.comments`;
    const now = Date.now();
    const publishedHourAgo = now - 3_600_000;
    const records = [
      { event: comment("valid-now", now - 1_000), timestamp: now },
      { event: comment("a-year-ahead", now + YEAR_MS), timestamp: now },
      // Six minutes after its own publication: refused by a reader of any age, though an hour old by the wall clock.
      { event: comment("ahead-of-its-publication", publishedHourAgo + 6 * 60_000), timestamp: publishedHourAgo },
      // Published an hour ago with the time it happened: valid, whenever it is read.
      { event: comment("valid-hour-old", publishedHourAgo - 1_000), timestamp: publishedHourAgo },
    ];
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({
        topic,
        messages: records.map(({ event, timestamp }) => {
          const enc = encodeMessage(LiveEvent, event, "protobuf");
          return { key: event.roomId, value: enc.value, timestamp: String(timestamp), headers: { [CONTENT_TYPE_HEADER]: enc.contentType } };
        }),
      });
    } finally {
      await producer.disconnect();
    }

    const env = {
      ...(process.env as Record<string, string>),
      REDLINE_INPUT_TOPICS: inputTopics(prefix).join(","),
      REDLINE_ALERTS_TOPIC: `${prefix}alerts`,
      REDLINE_ACTIONS_TOPIC: `${prefix}actions`,
      REDLINE_FEEDBACK_TOPIC: `${prefix}feedback`,
      REDLINE_ACTION_OUTCOMES_TOPIC: `${prefix}action-outcomes`,
      REDLINE_ENGINE_GROUP_ID: `${prefix}engine`,
      REDLINE_ARCHIVER_GROUP_ID: `${prefix}archiver`,
      REDLINE_CLICKHOUSE_DATABASE: database,
      REDLINE_POLICY_FILE: POLICY,
      REDLINE_ENGINE_LAG_POLL_MS: "0",
    };
    for (const name of ["REDLINE_MAX_PAST_SKEW_MS", "REDLINE_MAX_FUTURE_SKEW_MS"]) delete (env as Record<string, string | undefined>)[name];
    engine = await startRiskEngine(engineConfig(env), { logger: silentLogger });
    archiver = await startArchiver(archiverConfig(env), { logger: silentLogger });

    const dlq = await readTopic(kafka, dlqTopicFor(topic), 2, 60_000);
    const refused = dlq.map((r) => ({ id: LiveEvent.decode(r.value).eventId, reason: r.headers[DLQ_HEADERS.reason] }));
    expect(refused.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: "a-year-ahead", reason: "EVENT_TIME_SKEW" },
      { id: "ahead-of-its-publication", reason: "EVENT_TIME_SKEW" },
    ]);

    await waitFor(async () => (await committedOffsets(kafka, `${prefix}archiver`, topic)).get(0) === String(records.length), {
      what: "the archiver to commit every input record",
      timeoutMs: 60_000,
    });
    const rows = await server
      .withDatabase(database)
      .query<{ event_id: string }>(sql`SELECT event_id FROM ${ident("events")} FINAL ORDER BY event_id`);
    expect(rows.map((r) => r.event_id)).toEqual(["valid-hour-old", "valid-now"]);
  });
});
