import { loadClickHouseConfig, type ClickHouseConfig } from "@redline/clickhouse";
import { ConfigError, EnvReader } from "@redline/common";
import { loadTlsConfig, parseTokens, type TlsConfig, type TokenTable } from "@redline/grpc";

export interface ConsoleConfig {
  /** host:port the web console listens on; port 0 picks a free one (tests). */
  address: { host: string; port: number };
  /** The alert-gateway's AlertStream, which every live, review and evidence call goes through. */
  gatewayAddress: string;
  gatewayTls: TlsConfig & { enabled: boolean };
  /**
   * Token → principal, the same list the gateway reads (REDLINE_GATEWAY_TOKENS),
   * so sign-in and the review buttons follow the gateway's own roles.
   */
  tokens: TokenTable;
  /** The archive the room, alert and precision pages read. */
  clickhouse: ClickHouseConfig;
  /** How long a sign-in lasts without use. */
  sessionIdleMs: number;
  /** Sessions held at once; the least recently used is dropped beyond it. */
  maxSessions: number;
  /** Mark the session cookie Secure; on behind an HTTPS proxy, off on the loopback demo. */
  secureCookie: boolean;
  maxNoteChars: number;
  logLevel: "debug" | "info" | "warn" | "error";
}

function parseAddress(value: string): { host: string; port: number } {
  const m = /^(.+):(\d+)$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65_535) throw new ConfigError("REDLINE_CONSOLE_ADDRESS", `must be host:port, got '${value}'`);
  return { host: m[1]!, port };
}

/** Reads the console's configuration; throws `ConfigError` naming the bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConsoleConfig {
  const r = new EnvReader(env);
  const tokenSpec = r.optionalString("REDLINE_GATEWAY_TOKENS");
  if (tokenSpec === undefined) {
    throw new ConfigError("REDLINE_GATEWAY_TOKENS", "is required: the console signs people in with the gateway's tokens");
  }
  const tokens = parseTokens(tokenSpec, "REDLINE_GATEWAY_TOKENS");
  if (tokens.size === 0) throw new ConfigError("REDLINE_GATEWAY_TOKENS", "names no token");
  return Object.freeze({
    address: parseAddress(r.string("REDLINE_CONSOLE_ADDRESS", "127.0.0.1:7080")),
    gatewayAddress: r.string("REDLINE_CONSOLE_GATEWAY_ADDRESS", "127.0.0.1:7070"),
    gatewayTls: { ...loadTlsConfig(env, "REDLINE_CONSOLE_GATEWAY"), enabled: r.bool("REDLINE_CONSOLE_GATEWAY_TLS", false) },
    tokens,
    clickhouse: loadClickHouseConfig(env),
    sessionIdleMs: r.int("REDLINE_CONSOLE_SESSION_IDLE_MS", 8 * 3_600_000, { min: 1000 }),
    maxSessions: r.int("REDLINE_CONSOLE_MAX_SESSIONS", 1000, { min: 1, max: 1_000_000 }),
    secureCookie: r.bool("REDLINE_CONSOLE_SECURE_COOKIE", false),
    maxNoteChars: r.int("REDLINE_GATEWAY_MAX_NOTE_CHARS", 4000, { min: 1, max: 100_000 }),
    logLevel: r.oneOf("REDLINE_LOG_LEVEL", ["debug", "info", "warn", "error"] as const, "info"),
  });
}
