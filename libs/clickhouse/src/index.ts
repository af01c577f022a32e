/**
 * @redline/clickhouse — ClickHouse over HTTP for a server as old as 18.16
 * and as new as today's: one escaping function behind the `sql` template
 * (18.16 has no query parameters), JSONEachRow inserts, typed retriable
 * errors, and migrations with their own version table.
 *
 * @example
 * const ch = new ClickHouseClient({ url: "http://127.0.0.1:8123", database: "redline" });
 * await runMigrations(ch, "redline", loadMigrations(dir));
 * const rows = await ch.query(sql`SELECT * FROM ${ident("alerts")} FINAL WHERE alert_id = ${id}`);
 */
export { ClickHouseClient } from "./client";
export type { ClickHouseClientOptions } from "./client";
export { loadClickHouseConfig } from "./config";
export type { ClickHouseConfig } from "./config";
export { ClickHouseError, MigrationError, SqlValueError } from "./errors";
export { escapeString, ident, joinSql, sql, sqlLiteral, SqlFragment } from "./escape";
export type { SqlValue } from "./escape";
export { loadMigrations, MIGRATIONS_TABLE, runMigrations, splitStatements } from "./migrations";
export type { Migration } from "./migrations";
