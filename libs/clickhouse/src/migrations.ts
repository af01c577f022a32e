import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { silentLogger, type Logger } from "@redline/common";
import type { ClickHouseClient } from "./client";
import { MigrationError } from "./errors";
import { ident, sql, SqlFragment } from "./escape";

export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

const FILE_NAME = /^(\d{3,})_([a-z0-9_]+)\.sql$/;

/** Splits a migration file into statements: `;` at the end of a line ends one. */
export function splitStatements(text: string): string[] {
  return text
    .split(/;\s*(?:\r?\n|$)/)
    .map((s) =>
      s
        .split(/\r?\n/)
        .filter((line) => !line.trim().startsWith("--"))
        .join("\n")
        .trim(),
    )
    .filter((s) => s.length > 0);
}

/** Reads `NNN_name.sql` files from `dir`, ordered by version; duplicate versions are an error. */
export function loadMigrations(dir: string): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".sql")) continue;
    const m = FILE_NAME.exec(file);
    if (!m) throw new MigrationError(`migration file name must look like 001_name.sql: ${file}`, { dir, file });
    const version = Number(m[1]);
    if (migrations.some((x) => x.version === version)) {
      throw new MigrationError(`two migrations share version ${version}`, { dir, file });
    }
    migrations.push({ version, name: m[2]!, statements: splitStatements(readFileSync(join(dir, file), "utf8")) });
  }
  return migrations;
}

export const MIGRATIONS_TABLE = "schema_migrations";

/**
 * Applies the migrations not yet recorded in `<database>.schema_migrations`,
 * in version order. ClickHouse has no DDL transactions, so every statement
 * must be idempotent (`IF NOT EXISTS`): a run cut short is finished by the next.
 * Returns the versions applied by this call.
 */
export async function runMigrations(
  server: ClickHouseClient,
  database: string,
  migrations: readonly Migration[],
  logger: Logger = silentLogger,
): Promise<number[]> {
  await server.withDatabase(null).exec(sql`CREATE DATABASE IF NOT EXISTS ${ident(database)}`);
  const db = server.withDatabase(database);
  await db.exec(
    sql`CREATE TABLE IF NOT EXISTS ${ident(MIGRATIONS_TABLE)} (version UInt32, name String, applied_at DateTime) ENGINE = MergeTree() ORDER BY version`,
  );
  const rows = await db.query<{ version: number | string }>(sql`SELECT DISTINCT version FROM ${ident(MIGRATIONS_TABLE)}`);
  const applied = new Set(rows.map((r) => Number(r.version)));
  const done: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    for (const statement of m.statements) {
      try {
        await db.exec(new SqlFragment(statement));
      } catch (err) {
        throw new MigrationError(`migration ${m.version}_${m.name} failed`, { version: m.version, database }, err);
      }
    }
    await db.exec(
      sql`INSERT INTO ${ident(MIGRATIONS_TABLE)} (version, name, applied_at) VALUES (${m.version}, ${m.name}, now())`,
    );
    logger.info("migration applied", { version: m.version, name: m.name, database });
    done.push(m.version);
  }
  return done;
}
