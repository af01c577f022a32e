import { silentLogger, type Logger } from "@redline/common";
import { ClickHouseError } from "./errors";
import { ident, type SqlFragment } from "./escape";

export interface ClickHouseClientOptions {
  /** e.g. `http://127.0.0.1:8123` */
  url: string;
  /** Default database for queries; `null` for statements that must run without one. */
  database: string | null;
  user?: string;
  password?: string;
  requestTimeoutMs?: number;
  logger?: Logger;
}

/** Server error codes that mean "try again later", not "this query is wrong". */
const RETRIABLE_CODES = new Set([159, 164, 202, 209, 210, 236, 241, 242, 252, 285, 319, 425]);

function errorCodeOf(body: string): number | undefined {
  const m = /Code:\s*(\d+)/.exec(body);
  return m ? Number(m[1]) : undefined;
}

/**
 * ClickHouse over its HTTP interface with the global `fetch`, so no driver
 * has to support a 2018 server. Inserts use `JSONEachRow`, which both 18.16
 * and current releases read; values in statements are literals made by `sql`.
 */
export class ClickHouseClient {
  private readonly logger: Logger;

  constructor(private readonly opts: ClickHouseClientOptions) {
    this.logger = (opts.logger ?? silentLogger).child("clickhouse");
  }

  get database(): string | null {
    return this.opts.database;
  }

  /** The same server with another default database. */
  withDatabase(database: string | null): ClickHouseClient {
    return new ClickHouseClient({ ...this.opts, database });
  }

  async ping(): Promise<boolean> {
    try {
      const res = await fetch(new URL("/ping", this.opts.url), { signal: AbortSignal.timeout(2000) });
      return res.ok && (await res.text()).trim() === "Ok.";
    } catch {
      return false;
    }
  }

  /** Runs a statement that returns nothing (DDL, INSERT … SELECT). */
  async exec(statement: SqlFragment): Promise<void> {
    await this.request(statement.text, undefined);
  }

  /** Runs a SELECT and returns its rows; 64-bit integers arrive as strings. */
  async query<T = Record<string, unknown>>(statement: SqlFragment): Promise<T[]> {
    const text = await this.request(`${statement.text}\nFORMAT JSON`, undefined);
    const parsed = JSON.parse(text) as { data: T[] };
    return parsed.data;
  }

  /** Inserts rows as JSONEachRow; the data never passes through SQL text. */
  async insert(table: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<void> {
    if (rows.length === 0) return;
    const body = rows.map((r) => JSON.stringify(r)).join("\n");
    await this.request(`INSERT INTO ${ident(table).text} FORMAT JSONEachRow`, body);
  }

  private async request(query: string, body: string | undefined): Promise<string> {
    const url = new URL("/", this.opts.url);
    if (this.opts.database !== null) url.searchParams.set("database", this.opts.database);
    if (this.opts.user !== undefined) url.searchParams.set("user", this.opts.user);
    if (this.opts.password !== undefined) url.searchParams.set("password", this.opts.password);
    if (body !== undefined) url.searchParams.set("query", query);
    const queryHead = query.slice(0, 120);
    let res: Response;
    try {
      res = await fetch(url, {
        method: "POST",
        body: body ?? query,
        signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new ClickHouseError(`ClickHouse unreachable at ${this.opts.url}`, { retriable: true, cause: err, queryHead });
    }
    const text = await res.text();
    if (!res.ok) {
      const code = errorCodeOf(text);
      const retriable = res.status >= 502 || (code !== undefined && RETRIABLE_CODES.has(code));
      this.logger.debug("query failed", { status: res.status, code, query: queryHead });
      throw new ClickHouseError(`ClickHouse error ${res.status}: ${text.trim().slice(0, 500)}`, {
        retriable,
        status: res.status,
        ...(code !== undefined ? { code } : {}),
        queryHead,
      });
    }
    return text;
  }
}
