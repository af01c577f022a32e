import { ident, joinSql, sql, type ClickHouseClient, type SqlFragment } from "@redline/clickhouse";
import { undeliveredAlertId } from "@redline/dispatch";
import type {
  ArchivedAction,
  ArchivedAlert,
  ArchivedEvent,
  ArchivedOutcome,
  ArchivedRecord,
  ArchivedReview,
  EvidenceSource,
  TimeRange,
} from "@redline/evidence-bundle";

/** Ids per `IN (…)` list: well under ClickHouse's 256 KiB query-size limit for ids up to 256 characters. */
const IDS_PER_QUERY = 500;

const inList = (ids: readonly string[]): SqlFragment => joinSql(ids.map((id) => sql`${id}`), ", ");

function* chunksOf<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Partition pruning by day and the exact bound in ms: both, since the partition key is in seconds. */
const timeFilter = (column: string, msColumn: string, r: TimeRange): SqlFragment =>
  sql`${ident(column)} >= toDateTime(${Math.floor(r.fromMs / 1000)}) AND ${ident(column)} <= toDateTime(${Math.floor(r.toMs / 1000)}) AND ${ident(msColumn)} >= ${r.fromMs} AND ${ident(msColumn)} < ${r.toMs}`;

interface AlertRow {
  alert_id: string;
  room_id: string;
  event_time_ms: string;
  model_version: string;
  policy_version: string;
  evidence_event_ids: string[];
  alert_json: string;
}
interface EventRow {
  event_id: string;
  event_time_ms: string;
  event_json: string;
}
interface RecordRow {
  event_id: string;
  kafka_topic: string;
  kafka_partition: number;
  kafka_offset: string;
  kafka_timestamp_ms: string;
  key_base64: string;
  has_key: number;
  value_base64: string;
  headers_json: string;
}

const RECORD_COLUMNS = sql`event_id, kafka_topic, kafka_partition, kafka_offset, kafka_timestamp_ms, key_base64, has_key, value_base64, headers_json`;

/** ClickHouse's order of (event_time, event_id): seconds, then the id's bytes (not JS's UTF-16 order). */
function compareKeys(a: { event_time: string; event_id: string }, b: { event_time: string; event_id: string }): number {
  return Number(a.event_time) - Number(b.event_time) || Buffer.compare(Buffer.from(a.event_id), Buffer.from(b.event_id));
}

const ALERT_COLUMNS = sql`alert_id, room_id, event_time_ms, model_version, policy_version, evidence_event_ids, alert_json`;

const toAlert = (r: AlertRow): ArchivedAlert => ({
  alertId: r.alert_id,
  roomId: r.room_id,
  eventTimeMs: Number(r.event_time_ms),
  modelVersion: r.model_version,
  policyVersion: r.policy_version,
  evidenceEventIds: r.evidence_event_ids,
  alertJson: r.alert_json,
});

const toRecord = (r: RecordRow): ArchivedRecord => ({
  topic: r.kafka_topic,
  partition: Number(r.kafka_partition),
  offset: r.kafka_offset,
  timestampMs: Number(r.kafka_timestamp_ms),
  keyBase64: r.has_key ? r.key_base64 : null,
  valueBase64: r.value_base64,
  headers: JSON.parse(r.headers_json) as Record<string, string>,
});

/**
 * The archive as an evidence bundle reads it. Rows stream from ClickHouse
 * (`queryStream`), so a room over a day is never held whole; an event's
 * copies in several retention classes are one row (`LIMIT 1 BY`), and its
 * Kafka record is looked up per chunk of events by the table's key.
 */
export class ClickHouseEvidenceSource implements EvidenceSource {
  /** Whether the archive has `action_outcomes` (migration 003), asked once. */
  private outcomesTable?: Promise<boolean>;

  constructor(
    private readonly db: ClickHouseClient,
    private readonly eventsPerRecordLookup = IDS_PER_QUERY,
  ) {}

  async findAlert(alertId: string): Promise<ArchivedAlert | undefined> {
    const rows = await this.db.query<AlertRow>(
      sql`SELECT ${ALERT_COLUMNS} FROM ${ident("alerts")} WHERE alert_id = ${alertId} ORDER BY ingested_at DESC LIMIT 1`,
    );
    return rows[0] === undefined ? undefined : toAlert(rows[0]);
  }

  async *alertsInRoom(roomId: string, range: TimeRange): AsyncIterable<ArchivedAlert> {
    const rows = this.db.queryStream<AlertRow>(
      sql`SELECT ${ALERT_COLUMNS} FROM ${ident("alerts")} WHERE room_id = ${roomId} AND ${timeFilter("event_time", "event_time_ms", range)} ORDER BY event_time_ms, alert_id LIMIT 1 BY alert_id`,
    );
    for await (const r of rows) yield toAlert(r);
  }

  async *eventsByIds(roomId: string, eventIds: readonly string[]): AsyncIterable<ArchivedEvent> {
    for (const ids of chunksOf([...new Set(eventIds)], IDS_PER_QUERY)) {
      yield* this.withRecords(
        roomId,
        this.db.queryStream<EventRow>(
          sql`SELECT event_id, event_time_ms, event_json FROM ${ident("events")} WHERE room_id = ${roomId} AND event_id IN (${inList(ids)}) ORDER BY event_time_ms, event_id LIMIT 1 BY event_id`,
        ),
      );
    }
  }

  /**
   * A room's events over a range, each with its record: two streams in the same order (event time
   * by the second, then id: the order both tables can give), merged as they arrive. Looking records
   * up per chunk of ids instead read the room's whole day once per chunk (ids are not time-ordered).
   */
  async *eventsInRoom(roomId: string, range: TimeRange): AsyncIterable<ArchivedEvent> {
    const events = this.db.queryStream<EventRow & { event_time: string }>(
      sql`SELECT event_id, event_time_ms, event_json, toUInt32(event_time) AS event_time FROM ${ident("events")} WHERE room_id = ${roomId} AND ${timeFilter("event_time", "event_time_ms", range)} ORDER BY event_time, event_id LIMIT 1 BY event_id`,
    );
    const records = this.db.queryStream<RecordRow & { event_time: string }>(
      sql`SELECT ${RECORD_COLUMNS}, toUInt32(event_time) AS event_time FROM ${ident("event_records")} WHERE room_id = ${roomId} AND event_time >= toDateTime(${Math.floor(range.fromMs / 1000)}) AND event_time <= toDateTime(${Math.floor(range.toMs / 1000)}) ORDER BY event_time, event_id LIMIT 1 BY event_id`,
    );
    try {
      let record = await records.next();
      for await (const e of events) {
        while (!record.done && compareKeys(record.value, e) < 0) record = await records.next();
        const event: ArchivedEvent = { eventId: e.event_id, eventTimeMs: Number(e.event_time_ms), eventJson: e.event_json };
        yield !record.done && compareKeys(record.value, e) === 0 ? { ...event, record: toRecord(record.value) } : event;
      }
    } finally {
      await records.return(undefined);
    }
  }

  async *actionsForAlerts(roomId: string, alertIds: readonly string[]): AsyncIterable<ArchivedAction> {
    for (const ids of chunksOf(alertIds, IDS_PER_QUERY)) {
      const actions: ArchivedAction[] = [];
      const rows = this.db.queryStream<{ action_id: string; alert_id: string; policy_version: string; shadow: number; action_json: string }>(
        sql`SELECT action_id, alert_id, policy_version, shadow, action_json FROM ${ident("actions")} WHERE room_id = ${roomId} AND alert_id IN (${inList(ids)}) ORDER BY issued_at_ms, action_id LIMIT 1 BY action_id`,
      );
      for await (const r of rows) {
        actions.push({ actionId: r.action_id, alertId: r.alert_id, policyVersion: r.policy_version, shadow: Number(r.shadow) === 1, actionJson: r.action_json });
      }
      // Actions per alert are few (a ladder's steps), so a chunk's actions are held to look up their deliveries at once.
      const actionIds = actions.map((a) => a.actionId);
      const failures = await this.deliveryFailures(roomId, actionIds);
      const outcomes = await this.outcomesOf(roomId, actionIds);
      for (const a of actions) {
        const failure = failures.get(undeliveredAlertId(a.actionId));
        yield { ...a, outcomes: outcomes.get(a.actionId) ?? [], ...(failure === undefined ? {} : { undeliveredAlertJson: failure }) };
      }
    }
  }

  async *reviewsForAlerts(roomId: string, alertIds: readonly string[]): AsyncIterable<ArchivedReview> {
    for (const ids of chunksOf(alertIds, IDS_PER_QUERY)) {
      const rows = this.db.queryStream<{ alert_id: string; inspector_id: string; verdict: string; note: string; reviewed_at_ms: string }>(
        sql`SELECT alert_id, inspector_id, verdict, note, reviewed_at_ms FROM ${ident("feedback")} WHERE room_id = ${roomId} AND alert_id IN (${inList(ids)}) ORDER BY reviewed_at_ms, alert_id, inspector_id LIMIT 1 BY alert_id, inspector_id, reviewed_at_ms`,
      );
      for await (const r of rows) {
        yield { alertId: r.alert_id, inspectorId: r.inspector_id, verdict: r.verdict, note: r.note, reviewedAtMs: Number(r.reviewed_at_ms) };
      }
    }
  }

  /**
   * Each action's deliveries by first attempt (issue 20), one row per delivery however often it was
   * consumed. An archive no archiver of this release has migrated has no outcomes table: none, not an error.
   */
  private async outcomesOf(roomId: string, actionIds: readonly string[]): Promise<Map<string, ArchivedOutcome[]>> {
    const found = new Map<string, ArchivedOutcome[]>();
    if (actionIds.length === 0 || !(await this.hasOutcomesTable())) return found;
    const rows = await this.db.query<{ action_id: string; result: string; attempts: number; first_attempt_at_ms: string; finished_at_ms: string; outcome_json: string }>(
      sql`SELECT action_id, result, attempts, first_attempt_at_ms, finished_at_ms, outcome_json FROM ${ident("action_outcomes")} WHERE room_id = ${roomId} AND action_id IN (${inList(actionIds)}) ORDER BY action_id, first_attempt_at_ms, attempts LIMIT 1 BY action_id, first_attempt_at_ms, attempts`,
    );
    for (const r of rows) {
      const outcome: ArchivedOutcome = {
        result: r.result,
        attempts: Number(r.attempts),
        firstAttemptAtMs: Number(r.first_attempt_at_ms),
        finishedAtMs: Number(r.finished_at_ms),
        outcomeJson: r.outcome_json,
      };
      found.set(r.action_id, [...(found.get(r.action_id) ?? []), outcome]);
    }
    return found;
  }

  private hasOutcomesTable(): Promise<boolean> {
    this.outcomesTable ??= this.db
      .query<{ n: string }>(sql`SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = 'action_outcomes'`)
      .then((rows) => Number(rows[0]?.n ?? 0) > 0);
    return this.outcomesTable;
  }

  /** ACTION_UNDELIVERED alerts by id, for the given actions (the dispatcher derives their ids from the action ids). */
  private async deliveryFailures(roomId: string, actionIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    if (actionIds.length === 0) return found;
    const rows = await this.db.query<{ alert_id: string; alert_json: string }>(
      sql`SELECT alert_id, alert_json FROM ${ident("alerts")} WHERE room_id = ${roomId} AND alert_id IN (${inList(actionIds.map(undeliveredAlertId))}) LIMIT 1 BY alert_id`,
    );
    for (const r of rows) found.set(r.alert_id, r.alert_json);
    return found;
  }

  /** Joins each chunk of streamed events to its Kafka records, in the events' order. */
  private async *withRecords(roomId: string, events: AsyncIterable<EventRow>): AsyncIterable<ArchivedEvent> {
    let chunk: EventRow[] = [];
    for await (const e of events) {
      chunk.push(e);
      if (chunk.length < this.eventsPerRecordLookup) continue;
      yield* await this.joinRecords(roomId, chunk);
      chunk = [];
    }
    if (chunk.length > 0) yield* await this.joinRecords(roomId, chunk);
  }

  private async joinRecords(roomId: string, chunk: readonly EventRow[]): Promise<ArchivedEvent[]> {
    const records = await this.recordsOf(roomId, chunk);
    return chunk.map((e) => {
      const event: ArchivedEvent = { eventId: e.event_id, eventTimeMs: Number(e.event_time_ms), eventJson: e.event_json };
      const record = records.get(e.event_id);
      return record === undefined ? event : { ...event, record };
    });
  }

  private async recordsOf(roomId: string, events: readonly EventRow[]): Promise<Map<string, ArchivedRecord>> {
    const rows = await this.db.query<RecordRow>(
      sql`SELECT ${RECORD_COLUMNS} FROM ${ident("event_records")} WHERE room_id = ${roomId} AND event_id IN (${inList(events.map((e) => e.event_id))}) LIMIT 1 BY event_id`,
    );
    return new Map(rows.map((r) => [r.event_id, toRecord(r)]));
  }
}
