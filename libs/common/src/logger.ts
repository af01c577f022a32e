/**
 * Structured, namespaced logs as JSON lines. Callers pass fields, never whole
 * payloads: user ids, IPs and comment text stay out of info-level logs.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(namespace: string, fields?: Record<string, unknown>): Logger;
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface JsonLoggerOptions {
  level?: LogLevel;
  namespace?: string;
  write?: (line: string) => void;
  now?: () => number;
  /** Extra fields on every line, e.g. the active trace id. */
  contextFields?: () => Record<string, unknown>;
}

function serialiseError(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const out: Record<string, unknown> = { name: value.name, message: value.message };
  const ctx = (value as { context?: unknown }).context;
  if (ctx !== undefined) out.context = ctx;
  if (value.cause !== undefined) out.cause = serialiseError(value.cause);
  return out;
}

/** JSON has no 64-bit integers (JSON.stringify throws on a bigint): Kafka offsets are logged as decimal strings. */
function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}

export function createJsonLogger(opts: JsonLoggerOptions = {}, bound: Record<string, unknown> = {}): Logger {
  const minRank = LEVEL_RANK[opts.level ?? "info"];
  const write = opts.write ?? ((line: string) => process.stderr.write(line));
  const now = opts.now ?? Date.now;
  const emit = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (LEVEL_RANK[level] < minRank) return;
    const record: Record<string, unknown> = {
      time: new Date(now()).toISOString(),
      level,
      ns: opts.namespace ?? "redline",
      msg,
      ...bound,
      ...opts.contextFields?.(),
    };
    for (const [k, v] of Object.entries(fields ?? {})) record[k] = serialiseError(v);
    write(`${JSON.stringify(record, bigintAsString)}\n`);
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    child: (namespace, fields) =>
      createJsonLogger(
        { ...opts, namespace: `${opts.namespace ?? "redline"}.${namespace}` },
        { ...bound, ...fields },
      ),
  };
}

/** A logger that drops everything, for tests and library defaults. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
