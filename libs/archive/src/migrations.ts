import { join } from "node:path";
import { loadMigrations, runMigrations, type ClickHouseClient } from "@redline/clickhouse";
import type { Logger } from "@redline/common";

/** The archive's migration files, shipped beside the package (not in dist). */
export const ARCHIVE_MIGRATIONS_DIR = join(__dirname, "..", "migrations");

export async function migrateArchive(server: ClickHouseClient, database: string, logger?: Logger): Promise<number[]> {
  return runMigrations(server, database, loadMigrations(ARCHIVE_MIGRATIONS_DIR), logger);
}
