import { ArchiveWriter, KeyRoomTracker, migrateArchive } from "@redline/archive";
import { ident, sql } from "@redline/clickhouse";
import { alertCiting, citedComment, randomId, testClickHouse } from "@redline/test-helpers";

const server = testClickHouse(null);
const databases: string[] = [];
afterAll(async () => {
  for (const db of databases) await server.exec(sql`DROP DATABASE IF EXISTS ${ident(db)}`);
});

const START = Date.now();
const DAY = 24 * 3_600_000;

describe("ArchiveWriter across a restart, on the real ClickHouse", () => {
  it("still promotes the cited events of an alert archived (and committed) before the crash once they arrive after it", async () => {
    const database = randomId("it_evidence_restart");
    databases.push(database);
    await migrateArchive(server, database);
    const db = server.withDatabase(database);
    const writerAt = (): ArchiveWriter =>
      new ArchiveWriter(db, new KeyRoomTracker({ maxRooms: 10 }), { eventSampleRate: 0, evidenceLookupWindowMs: 2 * DAY, maxPendingEvidence: 100, now: () => START });
    const early = citedComment("evt-early", "room-a", START - 30_000);
    const late = citedComment("evt-late", "room-a", START - 20_000);
    const other = citedComment("evt-other", "room-b", START - 10_000);

    // The alert is archived with one cited event; the other is still behind in the archiver's input. Its
    // offset is committed with the batch, so a restarted archiver never reads the alert again.
    const before = writerAt();
    await before.write({ alerts: [alertCiting("alert-1", "room-a", [early.eventId, late.eventId], START)], actions: [], feedback: [], events: [early] });
    expect(before.pendingEvidence).toBe(1);

    // kill -9: the pending look-up lived only in memory. The restarted archiver reads on from its commits.
    const after = writerAt();
    await after.restorePendingEvidence();
    expect(after.pendingEvidence).toBe(1);
    await after.write({ alerts: [], actions: [], feedback: [], events: [late, other] });

    const rows = await db.query<{ event_id: string }>(sql`SELECT event_id FROM ${ident("events")} FINAL WHERE retention_class = 'evidence' ORDER BY event_id`);
    expect(rows.map((r) => r.event_id)).toEqual(["evt-early", "evt-late"]);
    expect(after.pendingEvidence).toBe(0);
  });
});
