import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ClickHouseError, ident, loadMigrations, MIGRATIONS_TABLE, runMigrations, sql } from "@redline/clickhouse";
import { randomId, testClickHouse } from "@redline/test-helpers";

const HOSTILE = [
  "plain",
  "it's",
  "'; DROP TABLE evil; --",
  "\\",
  "\\'",
  "ends with backslash \\",
  "a\nb\r\nc\td",
  "nul\0byte",
  "ctrl\x01\x02\x1b[31m\x7f",
  "直播间'\"`${x}`",
  "emoji 🎁👍🏽 and combining é",
  "%s %d {0} ?",
  "\u2028\u2029 separators",
  "x".repeat(10_000),
  "",
];

describe("ClickHouse (the local 18.16 server)", () => {
  const database = randomId("it_ch");
  const migDatabase = randomId("it_mig");
  const server = testClickHouse(null);
  const db = server.withDatabase(database);

  afterAll(async () => {
    await server.exec(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
    await server.exec(sql`DROP DATABASE IF EXISTS ${ident(migDatabase)}`);
  });

  it("returns every hostile string unchanged as a literal", async () => {
    for (const s of HOSTILE) {
      const rows = await server.query<{ v: string }>(sql`SELECT ${s} AS v`);
      expect(rows).toEqual([{ v: s }]);
    }
  });

  it("stores hostile strings and finds them again with WHERE = literal", async () => {
    await server.exec(sql`CREATE DATABASE IF NOT EXISTS ${ident(database)}`);
    await db.exec(sql`CREATE TABLE IF NOT EXISTS ${ident("hostile")} (id UInt32, v String) ENGINE = MergeTree() ORDER BY id`);
    await db.insert("hostile", HOSTILE.map((v, id) => ({ id, v })));
    for (const [id, v] of HOSTILE.entries()) {
      const rows = await db.query<{ id: number }>(sql`SELECT id FROM ${ident("hostile")} WHERE v = ${v} ORDER BY id`);
      expect(rows.map((r) => Number(r.id))).toEqual([id]);
    }
    const inList = await db.query<{ n: string }>(sql`SELECT count() AS n FROM ${ident("hostile")} WHERE has(${HOSTILE}, v)`);
    expect(Number(inList[0]!.n)).toBe(HOSTILE.length);
  });

  it("reports a refused query as a non-retriable error with the server's code", async () => {
    const err = await server.query(sql`SELEC 1`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClickHouseError);
    expect((err as ClickHouseError).retriable).toBe(false);
    expect((err as ClickHouseError).context.code).toBe(62);
  });

  it("applies migrations once and records them in the version table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mig-"));
    writeFileSync(
      join(dir, "001_events.sql"),
      "-- one row per event id\nCREATE TABLE IF NOT EXISTS events (event_id String, ts DateTime) ENGINE = ReplacingMergeTree() ORDER BY event_id;\n",
    );
    writeFileSync(join(dir, "002_alerts.sql"), "CREATE TABLE IF NOT EXISTS alerts (alert_id String) ENGINE = MergeTree() ORDER BY alert_id;\n");
    const migrations = loadMigrations(dir);
    const migDb = server.withDatabase(migDatabase);
    expect(await runMigrations(server, migDatabase, migrations)).toEqual([1, 2]);
    expect(await runMigrations(server, migDatabase, migrations)).toEqual([]);
    const versions = await migDb.query<{ version: number; name: string }>(
      sql`SELECT version, name FROM ${ident(MIGRATIONS_TABLE)} ORDER BY version`,
    );
    expect(versions.map((v) => [Number(v.version), v.name])).toEqual([
      [1, "events"],
      [2, "alerts"],
    ]);
    const tables = await migDb.query<{ name: string }>(
      sql`SELECT name FROM system.tables WHERE database = ${migDatabase} ORDER BY name`,
    );
    expect(tables.map((t) => t.name)).toEqual(["alerts", "events", MIGRATIONS_TABLE]);
  });
});
