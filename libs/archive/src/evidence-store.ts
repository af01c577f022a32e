import { ident, sql, type ClickHouseClient } from "@redline/clickhouse";
import { Alert, LiveEvent } from "@redline/proto";
import { CorruptArchiveRowError } from "./errors";

export interface Evidence {
  alert: Alert;
  /** In the alert's evidence order. */
  events: LiveEvent[];
  /** Cited ids the archive does not hold (not yet written, or expired). */
  missingEventIds: string[];
}

/** Where `AlertStream.GetEvidence` reads from. */
export interface EvidenceStore {
  getEvidence(alertId: string): Promise<Evidence | undefined>;
}

function parse<T>(codec: { fromJSON(o: unknown): T }, json: string, table: string, id: string): T {
  try {
    return codec.fromJSON(JSON.parse(json));
  } catch (err) {
    throw new CorruptArchiveRowError(table, id, err);
  }
}

/** Reads an archived alert and the events it cites, whichever retention class holds them. */
export class ClickHouseEvidenceStore implements EvidenceStore {
  constructor(private readonly db: ClickHouseClient) {}

  async getEvidence(alertId: string): Promise<Evidence | undefined> {
    const alerts = await this.db.query<{ alert_json: string }>(
      sql`SELECT alert_json FROM ${ident("alerts")} FINAL WHERE alert_id = ${alertId} LIMIT 1`,
    );
    const row = alerts[0];
    if (row === undefined) return undefined;
    const alert = parse(Alert, row.alert_json, "alerts", alertId);
    const ids = alert.evidenceEventIds;
    if (ids.length === 0) return { alert, events: [], missingEventIds: [] };
    // GROUP BY dedupes copies of one event across retention classes.
    const rows = await this.db.query<{ event_id: string; event_json: string }>(
      sql`SELECT event_id, any(event_json) AS event_json FROM ${ident("events")} WHERE room_id = ${alert.roomId} AND has(${ids}, event_id) GROUP BY event_id`,
    );
    const byId = new Map(rows.map((r) => [r.event_id, r.event_json]));
    const events: LiveEvent[] = [];
    const missingEventIds: string[] = [];
    for (const id of ids) {
      const json = byId.get(id);
      if (json === undefined) missingEventIds.push(id);
      else events.push(parse(LiveEvent, json, "events", id));
    }
    return { alert, events, missingEventIds };
  }
}
