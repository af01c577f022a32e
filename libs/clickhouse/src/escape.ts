import { SqlValueError } from "./errors";

/**
 * ClickHouse 18.16 has no query parameters, so every value reaches SQL as a
 * literal. This file is the only place literals are made; everything else
 * uses the `sql` template below, which routes each interpolation here.
 */

export type SqlValue = string | number | bigint | boolean | null | Date | readonly SqlValue[] | SqlFragment;

/** Already-safe SQL text (built by `sql` or `ident`), spliced as is. */
export class SqlFragment {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  "'": "\\'",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\0": "\\0",
  "\b": "\\b",
  "\f": "\\f",
};

/**
 * A quoted ClickHouse string literal. Backslash and quote are escaped, and
 * every other control character becomes `\xHH`, so no byte of the input can
 * end the literal or the statement.
 */
export function escapeString(value: string): string {
  let out = "'";
  for (const ch of value) {
    const mapped = ESCAPES[ch];
    if (mapped !== undefined) out += mapped;
    else if (ch < " " || ch === "\x7f") out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}'`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** A literal for any supported value; throws `SqlValueError` for anything else. */
export function sqlLiteral(value: SqlValue): string {
  if (value instanceof SqlFragment) return value.text;
  if (value === null) return "NULL";
  if (typeof value === "string") return escapeString(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new SqlValueError(`cannot write ${value} as a SQL literal`);
    return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new SqlValueError("cannot write an invalid Date");
    const d = value;
    // toDateTime('YYYY-MM-DD hh:mm:ss', 'UTC') works on 18.16 and current releases alike.
    return `toDateTime('${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}', 'UTC')`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => sqlLiteral(v)).join(", ")}]`;
  throw new SqlValueError(`unsupported SQL value of type ${typeof value}`);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** A table, column or database name; only plain identifiers are allowed, quoted with backticks. */
export function ident(name: string): SqlFragment {
  if (!IDENTIFIER.test(name)) throw new SqlValueError(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return new SqlFragment(`\`${name}\``);
}

/** `sql\`SELECT * FROM t WHERE id = ${id}\`` — every interpolation becomes a literal. */
export function sql(strings: TemplateStringsArray, ...values: SqlValue[]): SqlFragment {
  let text = strings[0] ?? "";
  values.forEach((v, i) => {
    text += sqlLiteral(v) + (strings[i + 1] ?? "");
  });
  return new SqlFragment(text);
}

/** Joins fragments, e.g. a list of conditions. */
export function joinSql(parts: readonly SqlFragment[], separator: string): SqlFragment {
  return new SqlFragment(parts.map((p) => p.text).join(separator));
}
