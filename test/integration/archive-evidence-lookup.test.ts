import { ArchiveWriter, KeyRoomTracker, migrateArchive, type AbandonReason } from "@redline/archive";
import { ident, sql } from "@redline/clickhouse";
import { alertCiting, citedComment, randomId, testClickHouse } from "@redline/test-helpers";

const server = testClickHouse(null);
const databases: string[] = [];
afterAll(async () => {
  for (const db of databases) await server.exec(sql`DROP DATABASE IF EXISTS ${ident(db)}`);
});

const START = Date.now();
const MINUTE = 60_000;

async function evidenceIds(database: string): Promise<string[]> {
  const rows = await server
    .withDatabase(database)
    .query<{ event_id: string }>(sql`SELECT event_id FROM ${ident("events")} FINAL WHERE retention_class = 'evidence' ORDER BY event_id`);
  return rows.map((r) => r.event_id);
}

describe("ArchiveWriter's evidence look-up on the real ClickHouse", () => {
  it("copies cited events archived long after their alert (a lagging input), and gives up only past the transient retention", async () => {
    const database = randomId("it_evidence_lookup");
    databases.push(database);
    await migrateArchive(server, database);
    let nowMs = START;
    const pendingSeen: number[] = [];
    const abandoned: Array<[number, AbandonReason]> = [];
    const writer = new ArchiveWriter(server.withDatabase(database), new KeyRoomTracker({ maxRooms: 10 }), {
      eventSampleRate: 0,
      evidenceLookupWindowMs: 2 * 24 * 60 * MINUTE,
      maxPendingEvidence: 100,
      now: () => nowMs,
      onEvidencePending: (_alerts, events) => pendingSeen.push(events),
      onEvidenceAbandoned: (events, reason) => abandoned.push([events, reason]),
    });
    const early = citedComment("evt-early", "room-a", START - 30_000);
    const late = [citedComment("evt-late-1", "room-a", START - 20_000), citedComment("evt-late-2", "room-a", START - 10_000)];
    const never = "evt-never";
    // The alert arrives with one of its events; the others are still behind in the archiver's input.
    await writer.write({ alerts: [alertCiting("alert-1", "room-a", [early.eventId, ...late.map((e) => e.eventId)], START)], actions: [], feedback: [], events: [early] });
    await writer.write({ alerts: [alertCiting("alert-2", "room-b", [never], START)], actions: [], feedback: [], events: [] });
    expect(await evidenceIds(database)).toEqual(["evt-early"]);
    expect(writer.pendingEvidence).toBe(2);

    // Twelve minutes of batches without them (a platform outage, a slow archiver): 120 s of wall clock gave up here.
    for (let i = 1; i <= 12; i++) {
      nowMs = START + i * MINUTE;
      await writer.write({ alerts: [], actions: [], feedback: [], events: [citedComment(`evt-other-${i}`, "room-c", START + i)] });
    }
    expect(abandoned).toEqual([]);
    expect(pendingSeen.at(-1)).toBe(3);

    await writer.write({ alerts: [], actions: [], feedback: [], events: late });
    expect(await evidenceIds(database)).toEqual(["evt-early", "evt-late-1", "evt-late-2"]);
    expect(writer.pendingEvidence).toBe(1);
    expect(pendingSeen.at(-1)).toBe(1);

    // Two days after the alert's event time the transient class no longer holds what it cites: given up, counted.
    nowMs = START + 2 * 24 * 60 * MINUTE;
    await writer.write({ alerts: [], actions: [], feedback: [], events: [] });
    expect(abandoned).toEqual([[1, "retention"]]);
    expect(writer.pendingEvidence).toBe(0);
    expect(pendingSeen.at(-1)).toBe(0);
  });
});
