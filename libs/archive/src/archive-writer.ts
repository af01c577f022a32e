import { silentLogger, type Logger } from "@redline/common";
import { ident, sql, SqlFragment, type ClickHouseClient } from "@redline/clickhouse";
import { actionKindToJSON, type ActionOutcome, type Alert, type ControlAction, type Feedback, type LiveEvent } from "@redline/proto";
import { KEY_ROOM_ACTION_KINDS, type KeyRoomTracker } from "./key-rooms";
import type { RetentionClass } from "./retention";
import { actionRow, alertRow, eventRecordRow, eventRow, feedbackRow, outcomeRow, type SourceRecord } from "./rows";
import { inSample } from "./sampling";

export interface ArchiveBatch {
  alerts: readonly Alert[];
  actions: readonly ControlAction[];
  feedback: readonly Feedback[];
  events: readonly LiveEvent[];
  /** The Kafka records the events were read from; kept where a bundle may need them (issue 20). */
  eventRecords?: readonly SourceRecord[];
  /** What became of each delivery of an action, from the dispatcher (issue 20). */
  outcomes?: readonly ActionOutcome[];
}

export interface ArchiveWriterOptions {
  /** Share of ordinary rooms' input events kept for the `normal` class (0..1). */
  eventSampleRate: number;
  /** How long evidence not yet archived (input lagging behind alerts) is looked for again. */
  evidenceRetryMs: number;
  /** Most evidence look-ups pending at once; beyond it the oldest give up (logged). */
  maxPendingEvidence: number;
  now?: () => number;
  logger?: Logger;
  /** Told the size of every insert and every failed one (telemetry). */
  onInsert?: (table: string, rows: number, ok: boolean) => void;
}

interface PendingEvidence {
  roomId: string;
  alertId: string;
  eventIds: string[];
  giveUpAtMs: number;
}

const EVENT_COLUMNS = new SqlFragment(
  "event_id, room_id, platform, body_case, event_time, event_time_ms, event_json, retention_class, ingested_at",
);
const RECORD_DATA_COLUMNS = new SqlFragment(
  "event_id, room_id, event_time, kafka_topic, kafka_partition, kafka_offset, kafka_timestamp_ms, key_base64, has_key, value_base64, headers_json",
);

/**
 * Writes one consumed batch to the archive, idempotently: rows are keyed by
 * their ids in ReplacingMergeTree tables, so writing a redelivered batch again
 * adds nothing visible. Every input event lands at least in the short
 * `transient` class; an alert promotes the events it cites to `evidence`.
 */
export class ArchiveWriter {
  private readonly pending: PendingEvidence[] = [];
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(
    private readonly db: ClickHouseClient,
    private readonly keyRooms: KeyRoomTracker,
    private readonly opts: ArchiveWriterOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.logger = (opts.logger ?? silentLogger).child("archive");
  }

  get pendingEvidence(): number {
    return this.pending.length;
  }

  async write(batch: ArchiveBatch): Promise<void> {
    const now = this.now();
    const newKeyRooms = batch.actions.filter((a) => this.keyRooms.observeAction(a)).map((a) => a.roomId);
    // Alerts, actions, their outcomes and reviews are what a dispute is about: they live as long as the evidence
    // they cite (or as a key room's record), never shorter, so a bundle finds them (issue 20).
    const classOf = (roomId: string): RetentionClass => (this.keyRooms.isKeyRoom(roomId) ? "key" : "evidence");

    const events: Record<string, unknown>[] = [];
    for (const e of batch.events) {
      if (this.keyRooms.isKeyRoom(e.roomId)) {
        events.push(eventRow(e, "key", now));
        continue;
      }
      events.push(eventRow(e, "transient", now));
      if (inSample(e.eventId, this.opts.eventSampleRate)) events.push(eventRow(e, "normal", now));
    }
    // A record is kept where an export may need it, never in the sampled `normal` class
    // (see migrations/002): transient until an alert cites it, or a key room's.
    const records = (batch.eventRecords ?? []).map((r) => eventRecordRow(r, this.keyRooms.isKeyRoom(r.roomId) ? "key" : "transient", now));
    // Events first: an alert in the same batch can then promote its evidence at once.
    await this.insert("events", events);
    await this.insert("event_records", records);
    await this.insert("alerts", batch.alerts.map((a) => alertRow(a, classOf(a.roomId), now)));
    await this.insert("actions", batch.actions.map((a) => actionRow(a, classOf(a.roomId), now)));
    await this.insert("action_outcomes", (batch.outcomes ?? []).map((o) => outcomeRow(o, classOf(o.roomId), now)));
    await this.insert("feedback", batch.feedback.map((f) => feedbackRow(f, classOf(f.roomId), now)));
    for (const roomId of newKeyRooms) await this.reclassAsKey(roomId, now);

    for (const a of batch.alerts) {
      if (a.evidenceEventIds.length === 0 || this.keyRooms.isKeyRoom(a.roomId)) continue;
      this.pending.push({ roomId: a.roomId, alertId: a.alertId, eventIds: [...a.evidenceEventIds], giveUpAtMs: now + this.opts.evidenceRetryMs });
    }
    while (this.pending.length > this.opts.maxPendingEvidence) {
      const dropped = this.pending.shift()!;
      this.logger.warn("evidence look-up abandoned: too many pending", { alertId: dropped.alertId, missing: dropped.eventIds.length });
    }
    await this.promotePending(now);
  }

  private async insert(table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.db.insert(table, rows);
      this.opts.onInsert?.(table, rows.length, true);
    } catch (err) {
      this.opts.onInsert?.(table, rows.length, false);
      throw err;
    }
  }

  /**
   * Marks the key rooms the archive recorded before a restart (live EXTEND_RETENTION / ASSIGN_INSPECTOR
   * actions still in force, most recent first), so a restarted archiver keeps their content as key rather
   * than waiting for an action the policy will not repeat. Returns how many it marked.
   */
  async restoreKeyRooms(maxRooms: number): Promise<number> {
    const rows = await this.db.query<{ room_id: string }>(
      sql`SELECT room_id, max(issued_at_ms) AS last_ms FROM ${ident("actions")} WHERE has(${KEY_ROOM_ACTION_KINDS.map(actionKindToJSON)}, kind) AND shadow = 0 AND (expires_at_ms = 0 OR expires_at_ms > ${this.now()}) GROUP BY room_id ORDER BY last_ms DESC, room_id LIMIT ${maxRooms}`,
    );
    // Oldest first, so the tracker's least-recently-marked order matches the actions' order.
    for (const r of [...rows].reverse()) this.keyRooms.restore(r.room_id);
    return rows.length;
  }

  /**
   * A room the policy has just named key: what the archive holds of it only in the short `transient` class
   * (its stream so far) is copied to `key`, which the retention of key rooms keeps; later events go to `key`
   * directly. Copies, like evidence promotion: a redelivered action copies nothing twice (FINAL, LIMIT BY).
   */
  private async reclassAsKey(roomId: string, now: number): Promise<void> {
    const at = Math.floor(now / 1000);
    await this.db.exec(
      sql`INSERT INTO ${ident("events")} (${EVENT_COLUMNS}) SELECT event_id, room_id, platform, body_case, event_time, event_time_ms, event_json, 'key', toDateTime(${at}) FROM ${ident("events")} WHERE room_id = ${roomId} AND retention_class = 'transient' LIMIT 1 BY event_id`,
    );
    await this.db.exec(
      sql`INSERT INTO ${ident("event_records")} (${RECORD_DATA_COLUMNS}, retention_class, ingested_at) SELECT ${RECORD_DATA_COLUMNS}, 'key', toDateTime(${at}) FROM ${ident("event_records")} WHERE room_id = ${roomId} AND retention_class = 'transient' LIMIT 1 BY event_id`,
    );
    this.logger.info("room named key by the policy: its archived stream kept as key", { roomId });
  }

  /** Copies cited events still only in `transient` to `evidence`; keeps looking for the missing ones. */
  private async promotePending(now: number): Promise<void> {
    const still: PendingEvidence[] = [];
    for (const p of this.pending.splice(0)) {
      const found = await this.db.query<{ event_id: string }>(
        sql`SELECT DISTINCT event_id FROM ${ident("events")} WHERE room_id = ${p.roomId} AND has(${p.eventIds}, event_id)`,
      );
      const foundIds = new Set(found.map((r) => r.event_id));
      if (foundIds.size > 0) {
        await this.db.exec(
          sql`INSERT INTO ${ident("events")} (${EVENT_COLUMNS}) SELECT event_id, room_id, platform, body_case, event_time, event_time_ms, event_json, 'evidence', toDateTime(${Math.floor(now / 1000)}) FROM ${ident("events")} WHERE room_id = ${p.roomId} AND has(${[...foundIds]}, event_id) AND retention_class = 'transient' LIMIT 1 BY event_id`,
        );
        await this.db.exec(
          sql`INSERT INTO ${ident("event_records")} (${RECORD_DATA_COLUMNS}, retention_class, ingested_at) SELECT ${RECORD_DATA_COLUMNS}, 'evidence', toDateTime(${Math.floor(now / 1000)}) FROM ${ident("event_records")} WHERE room_id = ${p.roomId} AND has(${[...foundIds]}, event_id) AND retention_class = 'transient' LIMIT 1 BY event_id`,
        );
      }
      const missing = p.eventIds.filter((id) => !foundIds.has(id));
      if (missing.length === 0) continue;
      if (now < p.giveUpAtMs) still.push({ ...p, eventIds: missing });
      else this.logger.warn("evidence not archived in time", { alertId: p.alertId, missing: missing.length });
    }
    this.pending.push(...still);
  }
}

