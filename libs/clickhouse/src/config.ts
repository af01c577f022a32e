import { ConfigError, EnvReader } from "@redline/common";

export interface ClickHouseConfig {
  url: string;
  database: string;
  user: string | undefined;
  password: string | undefined;
  requestTimeoutMs: number;
}

/** Reads REDLINE_CLICKHOUSE_* from `env`; throws `ConfigError` naming the bad variable. */
export function loadClickHouseConfig(env: Readonly<Record<string, string | undefined>>): ClickHouseConfig {
  const r = new EnvReader(env);
  const url = r.string("REDLINE_CLICKHOUSE_URL", "http://127.0.0.1:8123");
  try {
    new URL(url);
  } catch {
    throw new ConfigError("REDLINE_CLICKHOUSE_URL", `is not a URL: '${url}'`);
  }
  return Object.freeze({
    url,
    database: r.string("REDLINE_CLICKHOUSE_DATABASE", "redline"),
    user: r.optionalString("REDLINE_CLICKHOUSE_USER"),
    password: r.optionalString("REDLINE_CLICKHOUSE_PASSWORD"),
    requestTimeoutMs: r.timerMs("REDLINE_CLICKHOUSE_REQUEST_TIMEOUT_MS", 30_000, { min: 100 }),
  });
}
