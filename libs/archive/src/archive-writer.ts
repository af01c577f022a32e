import { silentLogger, type Logger } from "@redline/common";
import { ident, sql, SqlFragment, type ClickHouseClient } from "@redline/clickhouse";
import { actionKindToJSON, type ActionOutcome, type Alert, type ControlAction, type Feedback, type LiveEvent } from "@redline/proto";
import { KEY_ROOM_ACTION_KINDS, type KeyRoomTracker } from "./key-rooms";
import type { RetentionClass } from "./retention";
import { actionRow, alertRow, eventRecordRow, eventRow, feedbackRow, outcomeRow, type SourceRecord } from "./rows";
import { PendingEvidence, type Abandoned, type AbandonReason } from "./pending-evidence";
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
  /**
   * How long after an alert's event time the events it cites are looked for, when the archiver read the
   * alert before them (its input lagging): the transient class's retention, past which they are gone anyway.
   */
  evidenceLookupWindowMs: number;
  /** Most alerts with evidence pending at once; beyond it the oldest give up (logged, counted). */
  maxPendingEvidence: number;
  /** Between look-ups for pending evidence when no batch brings an awaited event (another instance may archive it). */
  evidenceRecheckMs?: number;
  now?: () => number;
  logger?: Logger;
  /** Told the size of every insert and every failed one (telemetry). */
  onInsert?: (table: string, rows: number, ok: boolean) => void;
  /** Told after every batch how many alerts and cited events are still waiting for their events (a gauge). */
  onEvidencePending?: (alerts: number, events: number) => void;
  /** Told of cited events given up on, and why (a counter). */
  onEvidenceAbandoned?: (events: number, reason: AbandonReason) => void;
}

/** Ids per look-up query: well inside ClickHouse's default 256 KiB max_query_size. */
const LOOKUP_IDS_PER_QUERY = 2_000;
/** How often, at most, the writer says what is still pending. */
const PENDING_LOG_INTERVAL_MS = 60_000;

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
  private readonly pending: PendingEvidence;
  private readonly now: () => number;
  private readonly logger: Logger;
  private lastLookupMs = Number.NEGATIVE_INFINITY;
  private lastPendingLogMs = Number.NEGATIVE_INFINITY;
  /** Rooms named key whose archived stream is not copied to `key` yet. */
  private readonly keyRoomsToCopy = new Set<string>();
  /** Key rooms read back at start-up that no action has named since: their copy may have died with the last process. */
  private readonly restoredKeyRooms = new Set<string>();

  constructor(
    private readonly db: ClickHouseClient,
    private readonly keyRooms: KeyRoomTracker,
    private readonly opts: ArchiveWriterOptions,
  ) {
    this.now = opts.now ?? Date.now;
    this.logger = (opts.logger ?? silentLogger).child("archive");
    this.pending = new PendingEvidence({ lookupWindowMs: opts.evidenceLookupWindowMs, maxAlerts: opts.maxPendingEvidence });
  }

  /** Alerts whose cited events are not all archived yet. */
  get pendingEvidence(): number {
    return this.pending.alertCount;
  }

  async write(batch: ArchiveBatch): Promise<void> {
    const now = this.now();
    for (const a of batch.actions) {
      const named = this.keyRooms.observeAction(a);
      // A room restored as key may not have been copied yet: the batch that named it can be back after a crash.
      if (named || (this.restoredKeyRooms.delete(a.roomId) && this.keyRooms.isKeyRoom(a.roomId))) this.keyRoomsToCopy.add(a.roomId);
    }
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
    // Forgotten only once copied: a batch that fails on the way is retried, and the tracker knows the room by then.
    for (const roomId of [...this.keyRoomsToCopy]) {
      await this.reclassAsKey(roomId, now);
      this.keyRoomsToCopy.delete(roomId);
    }

    let newCitations = false;
    for (const a of batch.alerts) {
      if (a.evidenceEventIds.length === 0 || this.keyRooms.isKeyRoom(a.roomId)) continue;
      this.abandon(this.pending.add(a.alertId, a.roomId, a.eventTimeMs, a.evidenceEventIds, now));
      newCitations = true;
    }
    const lookupDue = newCitations || this.pending.awaitsAny(batch.events.map((e) => e.eventId)) || now - this.lastLookupMs >= (this.opts.evidenceRecheckMs ?? 5_000);
    if (lookupDue && this.pending.alertCount > 0) {
      await this.promotePending(now);
      this.lastLookupMs = now;
    }
    this.abandon(this.pending.expire(now));
    this.reportPending(now);
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
    for (const r of [...rows].reverse()) {
      this.keyRooms.restore(r.room_id);
      this.restoredKeyRooms.add(r.room_id);
    }
    return rows.length;
  }

  /**
   * Waits again for the cited events of alerts archived within the look-up window whose evidence is not all
   * archived. The waiting lived in memory only, and each alert's offset was committed with its batch: after a
   * crash the archiver never reads those alerts again, and events arriving behind them stayed `transient`,
   * expiring in days. Newest alerts first, at most `maxPendingEvidence`; returns how many alerts wait.
   */
  async restorePendingEvidence(): Promise<number> {
    const now = this.now();
    const rows = await this.db.query<{ alert_id: string; room_id: string; event_time_ms: string | number; evidence_event_ids: string[] }>(
      sql`SELECT alert_id, room_id, event_time_ms, evidence_event_ids FROM ${ident("alerts")} WHERE retention_class = 'evidence' AND notEmpty(evidence_event_ids) AND event_time_ms > ${now - this.opts.evidenceLookupWindowMs} ORDER BY event_time_ms DESC, alert_id LIMIT 1 BY alert_id LIMIT ${this.opts.maxPendingEvidence}`,
    );
    const cited = rows.reverse().map((r) => ({ alertId: r.alert_id, roomId: r.room_id, eventTimeMs: Number(r.event_time_ms), eventIds: r.evidence_event_ids }));
    for (const chunk of chunkByIds(cited, LOOKUP_IDS_PER_QUERY)) {
      const rooms = [...new Set(chunk.map((c) => c.roomId))];
      const ids = [...new Set(chunk.flatMap((c) => c.eventIds))];
      const kept = await this.db.query<{ room_id: string; event_id: string }>(
        sql`SELECT DISTINCT room_id, event_id FROM ${ident("events")} WHERE room_id IN (SELECT arrayJoin(${rooms})) AND event_id IN (SELECT arrayJoin(${ids})) AND retention_class IN ('evidence', 'key')`,
      );
      const keptKeys = new Set(kept.map((r) => `${r.room_id}\n${r.event_id}`));
      for (const c of chunk) {
        const missing = c.eventIds.filter((id) => !keptKeys.has(`${c.roomId}\n${id}`));
        if (missing.length > 0) this.abandon(this.pending.add(c.alertId, c.roomId, c.eventTimeMs, missing, now));
      }
    }
    return this.pending.alertCount;
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

  /**
   * Copies the pending cited events that have been archived (in `transient`) to `evidence`, and stops
   * waiting for them; a few queries per round, however many alerts wait.
   */
  private async promotePending(now: number): Promise<void> {
    const at = Math.floor(now / 1000);
    for (const chunk of chunkByIds(this.pending.citations(), LOOKUP_IDS_PER_QUERY)) {
      const rooms = [...new Set(chunk.map((c) => c.roomId))];
      const ids = chunk.flatMap((c) => c.eventIds);
      // IN over a subquery, not has(): 18.16 reads only the rooms' ranges of the (room_id, event_id) key that way.
      const archived = await this.db.query<{ room_id: string; event_id: string }>(
        sql`SELECT DISTINCT room_id, event_id FROM ${ident("events")} WHERE room_id IN (SELECT arrayJoin(${rooms})) AND event_id IN (SELECT arrayJoin(${ids}))`,
      );
      if (archived.length === 0) continue;
      const archivedKeys = new Set(archived.map((r) => `${r.room_id}\n${r.event_id}`));
      const foundIds = [...new Set(archived.map((r) => r.event_id))];
      await this.db.exec(
        sql`INSERT INTO ${ident("events")} (${EVENT_COLUMNS}) SELECT event_id, room_id, platform, body_case, event_time, event_time_ms, event_json, 'evidence', toDateTime(${at}) FROM ${ident("events")} WHERE room_id IN (SELECT arrayJoin(${rooms})) AND event_id IN (SELECT arrayJoin(${foundIds})) AND retention_class = 'transient' LIMIT 1 BY event_id`,
      );
      await this.db.exec(
        sql`INSERT INTO ${ident("event_records")} (${RECORD_DATA_COLUMNS}, retention_class, ingested_at) SELECT ${RECORD_DATA_COLUMNS}, 'evidence', toDateTime(${at}) FROM ${ident("event_records")} WHERE room_id IN (SELECT arrayJoin(${rooms})) AND event_id IN (SELECT arrayJoin(${foundIds})) AND retention_class = 'transient' LIMIT 1 BY event_id`,
      );
      for (const c of chunk) this.pending.found(c.alertId, c.eventIds.filter((id) => archivedKeys.has(`${c.roomId}\n${id}`)));
    }
  }

  private abandon(abandoned: readonly Abandoned[]): void {
    for (const { citation, reason } of abandoned) {
      this.opts.onEvidenceAbandoned?.(citation.eventIds.length, reason);
      this.logger.warn(
        reason === "retention" ? "evidence look-up given up: the cited events were not archived within the transient retention" : "evidence look-up given up: too many alerts pending",
        { alertId: citation.alertId, missing: citation.eventIds.length, waitedMs: this.now() - citation.sinceMs },
      );
    }
  }

  private reportPending(now: number): void {
    this.opts.onEvidencePending?.(this.pending.alertCount, this.pending.eventCount);
    const oldest = this.pending.citations()[0];
    if (!oldest || now - oldest.sinceMs < PENDING_LOG_INTERVAL_MS || now - this.lastPendingLogMs < PENDING_LOG_INTERVAL_MS) return;
    this.lastPendingLogMs = now;
    // Not an error: the archiver's input is behind its alerts (an outage, a backlog); said so it can be watched.
    this.logger.info("cited events not archived yet; still looking for them", {
      alerts: this.pending.alertCount,
      events: this.pending.eventCount,
      oldestWaitMs: now - oldest.sinceMs,
    });
  }
}

/** Consecutive groups of citations with at most `maxIds` event ids each (a citation is never split). */
function chunkByIds<T extends { eventIds: readonly string[] }>(items: readonly T[], maxIds: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let ids = 0;
  for (const item of items) {
    if (current.length > 0 && ids + item.eventIds.length > maxIds) {
      chunks.push(current);
      current = [];
      ids = 0;
    }
    current.push(item);
    ids += item.eventIds.length;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
