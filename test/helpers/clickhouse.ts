import { ClickHouseClient, loadClickHouseConfig } from "@redline/clickhouse";

export function testClickHouse(database: string | null): ClickHouseClient {
  const cfg = loadClickHouseConfig(process.env);
  return new ClickHouseClient({ url: cfg.url, database, user: cfg.user, password: cfg.password });
}
