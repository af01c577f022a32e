import { ArchiveWriter, KeyRoomTracker, migrateArchive } from "@redline/archive";
import { ClickHouseClient, ClickHouseError, ident, sql } from "@redline/clickhouse";
import { ActionKind, ActionOutcome, ControlAction, LiveEvent } from "@redline/proto";
import { randomId, testClickHouse } from "@redline/test-helpers";

const server = testClickHouse(null);
const databases: string[] = [];
afterAll(async () => {
  for (const db of databases) await server.exec(sql`DROP DATABASE IF EXISTS ${ident(db)}`);
});

const START = Date.now();

function comment(id: string, roomId: string): LiveEvent {
  return LiveEvent.fromPartial({ eventId: id, roomId, eventTimeMs: START - 60_000, platform: "demo", body: { $case: "comment", value: { commentId: `c-${id}`, author: { userId: "u-1" }, text: "hi" } } });
}

const extendRetention = ControlAction.fromPartial({ actionId: "act-key", alertId: "alert-key", roomId: "room-k", kind: ActionKind.ACTION_KIND_EXTEND_RETENTION, issuedAtMs: START });

/** The archive's database, whose next insert into `table` fails as an outage would (after the rows may or may not have landed). */
function flaky(db: ClickHouseClient): { db: ClickHouseClient; failNextInsertInto: (table: string) => void } {
  let failing: string | undefined;
  const wrapped = Object.create(db) as ClickHouseClient;
  wrapped.insert = async (table, rows) => {
    if (table === failing) {
      failing = undefined;
      throw new ClickHouseError("ClickHouse unreachable", { retriable: true });
    }
    return db.insert(table, rows);
  };
  return { db: wrapped, failNextInsertInto: (table) => (failing = table) };
}

async function classes(db: ClickHouseClient): Promise<string[]> {
  const rows = await db.query<{ c: string }>(sql`SELECT DISTINCT concat(event_id, ':', retention_class) AS c FROM ${ident("events")} ORDER BY c`);
  return rows.map((r) => r.c);
}

describe("a room the policy names key, on the real ClickHouse", () => {
  async function archive(): Promise<ClickHouseClient> {
    const database = randomId("it_key_retry");
    databases.push(database);
    await migrateArchive(server, database);
    return server.withDatabase(database);
  }
  const options = { eventSampleRate: 0, evidenceLookupWindowMs: 3_600_000, maxPendingEvidence: 10, now: () => START };

  it("has its stream so far kept as key when the batch naming it failed once and was retried", async () => {
    const db = await archive();
    const { db: flakyDb, failNextInsertInto } = flaky(db);
    const writer = new ArchiveWriter(flakyDb, new KeyRoomTracker({ maxRooms: 10 }), options);
    await writer.write({ alerts: [], actions: [], feedback: [], events: [comment("e-1", "room-k")] });
    failNextInsertInto("actions");
    const naming = { alerts: [], actions: [extendRetention], feedback: [], events: [] };
    await expect(writer.write(naming)).rejects.toBeInstanceOf(ClickHouseError);
    await writer.write(naming); // the consumer's retry of the same batch
    expect(await classes(db)).toEqual(["e-1:key", "e-1:transient"]);
  });

  it("has it kept as key when the archiver crashed after writing the action and before committing it", async () => {
    const db = await archive();
    const { db: flakyDb, failNextInsertInto } = flaky(db);
    const before = new ArchiveWriter(flakyDb, new KeyRoomTracker({ maxRooms: 10 }), options);
    await before.write({ alerts: [], actions: [], feedback: [], events: [comment("e-1", "room-k")] });
    // The action row lands, then the process dies before the copy (here: the outcomes insert fails and nothing retries).
    failNextInsertInto("action_outcomes");
    const outcome = ActionOutcome.fromPartial({ actionId: "act-key", roomId: "room-k", issuedAtMs: START, firstAttemptAtMs: START, attempts: 1 });
    const naming = { alerts: [], actions: [extendRetention], feedback: [], events: [], outcomes: [outcome] };
    await expect(before.write(naming)).rejects.toBeInstanceOf(ClickHouseError);
    // Restarted: the key rooms come back from the archive, and the uncommitted batch is delivered again.
    const after = new ArchiveWriter(db, new KeyRoomTracker({ maxRooms: 10 }), options);
    expect(await after.restoreKeyRooms(10)).toBe(1);
    await after.write(naming);
    expect(await classes(db)).toEqual(["e-1:key", "e-1:transient"]);
  });
});
