import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ident, sql, SqlFragment, type ClickHouseClient } from "@redline/clickhouse";
import { undeliveredAlertId } from "@redline/dispatch";
import { Alert, ControlAction, LiveEvent, ModerationKind } from "@redline/proto";
import { CorruptArchiveRowError } from "@redline/archive";

/** The precision query, shipped beside the package so dashboards can run the same text. */
export const PRECISION_SQL_FILE = join(__dirname, "..", "sql", "precision-by-rule.sql");

/** Rows a room page shows at most of each kind; the archive can hold far more for a long stream. */
const MAX_ROWS_PER_ROOM = 500;

export interface MinuteCounts {
  minuteMs: number;
  likes: number;
  joins: number;
  orders: number;
  deletions: number;
}

/** What became of an action's delivery, as the dispatcher published it (risk.action-outcomes, issue 20). */
export interface ArchivedDelivery {
  /** DeliveryResult without its prefix: APPLIED, DUPLICATE, REJECTED or FAILED. */
  result: string;
  attempts: number;
  finishedAtMs: number;
  /** The platform's message for a refusal, or the dispatcher's reason and last error for a failure. */
  detail: string;
}

export interface ArchivedAction {
  action: ControlAction;
  /** The summary of the ACTION_UNDELIVERED alert the dispatcher raised for it, when it gave up. */
  undelivered: string | undefined;
  /**
   * The delivery that settled it: the first that reached the platform (applied, or already applied), else
   * the latest refusal or failure; undefined while the archive holds no outcome for it.
   */
  delivery: ArchivedDelivery | undefined;
}

const REACHED = new Set(["APPLIED", "DUPLICATE"]);

export interface Deletion {
  event: LiveEvent;
  /** The deleted comment as archived, when the archive holds it. */
  comment: LiveEvent | undefined;
}

export interface VerdictRow {
  inspectorId: string;
  verdict: string;
  note: string;
  reviewedAtMs: number;
}

export interface PrecisionRow {
  ruleSet: string;
  category: string;
  subcategory: string;
  confirmed: number;
  falsePositive: number;
  needsMoreEvidence: number;
  /** null while the group has no confirmed or false-positive verdict. */
  precision: number | null;
}

function parse<T>(codec: { fromJSON(o: unknown): T }, json: string, table: string, id: string): T {
  try {
    return codec.fromJSON(JSON.parse(json));
  } catch (err) {
    throw new CorruptArchiveRowError(table, id, err);
  }
}

/**
 * What the console reads from the archive the archiver writes (libs/archive's
 * tables, read with FINAL or GROUP BY id so a redelivered batch shows once).
 * It only reads: the schema is the archive's.
 */
export class ArchiveReader {
  private readonly precisionSql: SqlFragment;

  constructor(private readonly db: ClickHouseClient) {
    this.precisionSql = new SqlFragment(readFileSync(PRECISION_SQL_FILE, "utf8"));
  }

  async roomAlerts(roomId: string): Promise<Alert[]> {
    const rows = await this.db.query<{ alert_id: string; alert_json: string }>(
      sql`SELECT alert_id, alert_json FROM ${ident("alerts")} FINAL WHERE room_id = ${roomId} ORDER BY event_time_ms DESC LIMIT ${MAX_ROWS_PER_ROOM}`,
    );
    return rows.map((r) => parse(Alert, r.alert_json, "alerts", r.alert_id));
  }

  async roomActions(roomId: string): Promise<ArchivedAction[]> {
    const rows = await this.db.query<{ action_id: string; action_json: string }>(
      sql`SELECT action_id, action_json FROM ${ident("actions")} FINAL WHERE room_id = ${roomId} ORDER BY issued_at_ms DESC LIMIT ${MAX_ROWS_PER_ROOM}`,
    );
    return this.withDelivery(roomId, rows.map((r) => parse(ControlAction, r.action_json, "actions", r.action_id)));
  }

  async alertActions(roomId: string, alertId: string): Promise<ArchivedAction[]> {
    const rows = await this.db.query<{ action_id: string; action_json: string }>(
      sql`SELECT action_id, action_json FROM ${ident("actions")} FINAL WHERE room_id = ${roomId} AND alert_id = ${alertId} ORDER BY issued_at_ms`,
    );
    return this.withDelivery(roomId, rows.map((r) => parse(ControlAction, r.action_json, "actions", r.action_id)));
  }

  /** Pairs each action with its delivery outcome and the ACTION_UNDELIVERED alert the dispatcher raised for it, if any. */
  private async withDelivery(roomId: string, actions: ControlAction[]): Promise<ArchivedAction[]> {
    if (actions.length === 0) return [];
    const ids = actions.map((a) => undeliveredAlertId(a.actionId));
    const [rows, deliveries] = await Promise.all([
      this.db.query<{ alert_id: string; summary: string }>(
        sql`SELECT alert_id, any(summary) AS summary FROM ${ident("alerts")} WHERE room_id = ${roomId} AND has(${ids}, alert_id) GROUP BY alert_id`,
      ),
      this.deliveriesOf(roomId, actions.map((a) => a.actionId)),
    ]);
    const failures = new Map(rows.map((r) => [r.alert_id, r.summary]));
    return actions.map((action, i) => ({ action, undelivered: failures.get(ids[i]!), delivery: deliveries.get(action.actionId) }));
  }

  /** The settling delivery of each action (see `ArchivedAction.delivery`), one row per delivery however often it was consumed. */
  private async deliveriesOf(roomId: string, actionIds: string[]): Promise<Map<string, ArchivedDelivery>> {
    const rows = await this.db.query<{ action_id: string; result: string; attempts: number; finished_at_ms: string; ack_message: string; failure_reason: string; failure_detail: string }>(
      sql`SELECT action_id, result, attempts, finished_at_ms, ack_message, failure_reason, failure_detail FROM ${ident("action_outcomes")} FINAL WHERE room_id = ${roomId} AND has(${actionIds}, action_id) ORDER BY action_id, finished_at_ms`,
    );
    const settled = new Map<string, ArchivedDelivery>();
    for (const r of rows) {
      const result = r.result.replace(/^DELIVERY_RESULT_/, "");
      const seen = settled.get(r.action_id);
      if (seen !== undefined && REACHED.has(seen.result)) continue;
      const detail = result === "REJECTED" ? r.ack_message : [r.failure_reason, r.failure_detail].filter((x) => x !== "").join(": ");
      settled.set(r.action_id, { result, attempts: Number(r.attempts), finishedAtMs: Number(r.finished_at_ms), detail });
    }
    return settled;
  }

  async alertVerdicts(alertId: string): Promise<VerdictRow[]> {
    const rows = await this.db.query<{ inspector_id: string; verdict: string; note: string; reviewed_at_ms: string }>(
      sql`SELECT inspector_id, verdict, note, reviewed_at_ms FROM ${ident("feedback")} FINAL WHERE alert_id = ${alertId} ORDER BY reviewed_at_ms`,
    );
    return rows.map((r) => ({ inspectorId: r.inspector_id, verdict: r.verdict, note: r.note, reviewedAtMs: Number(r.reviewed_at_ms) }));
  }

  /** Likes, joins, orders and comment deletions per minute of event time. */
  async roomMinutes(roomId: string): Promise<MinuteCounts[]> {
    // Events are deduplicated by id first: an event cited as evidence is held
    // in two retention classes until its transient copy expires.
    const rows = await this.db.query<Record<"minute_ms" | "likes" | "joins" | "orders" | "deletions", string>>(sql`
      SELECT intDiv(event_time_ms, 60000) * 60000 AS minute_ms,
        countIf(body_case = 'like') AS likes,
        countIf(body_case = 'view' AND position(json, '"VIEW_KIND_JOIN"') > 0) AS joins,
        countIf(body_case = 'transaction' AND position(json, '"TRANSACTION_KIND_ORDER"') > 0) AS orders,
        countIf(body_case = 'moderation' AND position(json, '"MODERATION_KIND_DELETE_COMMENT"') > 0) AS deletions
      FROM (
        SELECT event_id, any(body_case) AS body_case, any(event_time_ms) AS event_time_ms, any(event_json) AS json
        FROM ${ident("events")} WHERE room_id = ${roomId} GROUP BY event_id
      )
      GROUP BY minute_ms ORDER BY minute_ms`);
    return rows.map((r) => ({
      minuteMs: Number(r.minute_ms),
      likes: Number(r.likes),
      joins: Number(r.joins),
      orders: Number(r.orders),
      deletions: Number(r.deletions),
    }));
  }

  /** Comment deletions in the room, newest first, each with the comment it removed. */
  async roomDeletions(roomId: string): Promise<Deletion[]> {
    const moderation = await this.db.query<{ event_id: string; json: string }>(sql`
      SELECT event_id, any(event_json) AS json FROM ${ident("events")}
      WHERE room_id = ${roomId} AND body_case = 'moderation' AND position(event_json, '"MODERATION_KIND_DELETE_COMMENT"') > 0
      GROUP BY event_id ORDER BY any(event_time_ms) DESC LIMIT ${MAX_ROWS_PER_ROOM}`);
    const deletions = moderation
      .map((r) => parse(LiveEvent, r.json, "events", r.event_id))
      .filter((e) => e.body?.$case === "moderation" && e.body.value.kind === ModerationKind.MODERATION_KIND_DELETE_COMMENT);
    const commentIds = deletions.map((e) => (e.body?.$case === "moderation" ? e.body.value.targetCommentId : ""));
    if (commentIds.length === 0) return [];
    const comments = await this.db.query<{ event_id: string; json: string }>(sql`
      SELECT event_id, any(event_json) AS json FROM ${ident("events")}
      WHERE room_id = ${roomId} AND body_case = 'comment' AND has(${commentIds}, visitParamExtractString(event_json, 'commentId'))
      GROUP BY event_id`);
    const byCommentId = new Map<string, LiveEvent>();
    for (const row of comments) {
      const event = parse(LiveEvent, row.json, "events", row.event_id);
      if (event.body?.$case === "comment") byCommentId.set(event.body.value.commentId, event);
    }
    return deletions.map((event, i) => ({ event, comment: byCommentId.get(commentIds[i]!) }));
  }

  async precisionByRule(): Promise<PrecisionRow[]> {
    const rows = await this.db.query<Record<string, string | number | null>>(this.precisionSql);
    return rows.map((r) => ({
      ruleSet: String(r.rule_set),
      category: String(r.category),
      subcategory: String(r.subcategory),
      confirmed: Number(r.confirmed),
      falsePositive: Number(r.false_positive),
      needsMoreEvidence: Number(r.needs_more_evidence),
      precision: r.precision === null ? null : Number(r.precision),
    }));
  }
}
