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

  /**
   * Runs a SELECT and yields its rows as the server sends them (JSONEachRow),
   * so a result larger than memory streams through: the HTTP body is read only
   * as fast as the caller takes rows. The request timeout covers the wait for
   * the response to start, not the reading. Stopping early cancels the query.
   */
  async *queryStream<T = Record<string, unknown>>(statement: SqlFragment): AsyncGenerator<T, void, undefined> {
    const query = `${statement.text}\nFORMAT JSONEachRow`;
    const queryHead = query.slice(0, 120);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.opts.requestTimeoutMs ?? 30_000);
    let res: Response;
    try {
      res = await fetchReusingConnection(this.requestUrl(undefined, query), { method: "POST", body: query, signal: abort.signal });
    } catch (err) {
      throw new ClickHouseError(`ClickHouse unreachable at ${this.opts.url}`, { retriable: true, cause: err, queryHead });
    } finally {
      clearTimeout(timer);
    }
    if (!res.ok || res.body === null) throw this.responseError(res.status, await res.text(), queryHead);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let pending = "";
    const parse = (line: string): T => {
      try {
        return JSON.parse(line) as T;
      } catch (err) {
        // A failure after the first bytes arrives as the server's error text inside a 200 response.
        throw new ClickHouseError(`ClickHouse stream broke: ${line.trim().slice(0, 500)}`, { retriable: false, cause: err, queryHead });
      }
    };
    try {
      for (;;) {
        const { done, value } = await reader.read();
        pending += done ? decoder.decode() : decoder.decode(value, { stream: true });
        let start = 0;
        for (let nl = pending.indexOf("\n"); nl >= 0; nl = pending.indexOf("\n", start)) {
          const line = pending.slice(start, nl);
          start = nl + 1;
          if (line.length > 0) yield parse(line);
        }
        pending = pending.slice(start);
        if (done) break;
      }
      if (pending.trim().length > 0) yield parse(pending);
    } finally {
      await reader.cancel().catch(() => undefined);
    }
  }

  private requestUrl(body: string | undefined, query: string): URL {
    const url = new URL("/", this.opts.url);
    if (this.opts.database !== null) url.searchParams.set("database", this.opts.database);
    if (this.opts.user !== undefined) url.searchParams.set("user", this.opts.user);
    if (this.opts.password !== undefined) url.searchParams.set("password", this.opts.password);
    if (body !== undefined) url.searchParams.set("query", query);
    return url;
  }

  private responseError(status: number, text: string, queryHead: string): ClickHouseError {
    const code = errorCodeOf(text);
    const retriable = status >= 502 || (code !== undefined && RETRIABLE_CODES.has(code));
    this.logger.debug("query failed", { status, code, query: queryHead });
    return new ClickHouseError(`ClickHouse error ${status}: ${text.trim().slice(0, 500)}`, {
      retriable,
      status,
      ...(code !== undefined ? { code } : {}),
      queryHead,
    });
  }

  private async request(query: string, body: string | undefined): Promise<string> {
    const url = this.requestUrl(body, query);
    const queryHead = query.slice(0, 120);
    let res: Response;
    try {
      res = await fetchReusingConnection(url, {
        method: "POST",
        body: body ?? query,
        signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new ClickHouseError(`ClickHouse unreachable at ${this.opts.url}`, { retriable: true, cause: err, queryHead });
    }
    const text = await res.text();
    if (!res.ok) throw this.responseError(res.status, text, queryHead);
    return text;
  }
}

/**
 * `fetch`, sent once more when the pooled keep-alive connection it went out on had already been
 * closed by the server (undici's "other side closed", UND_ERR_SOCKET, before any response): ClickHouse
 * closes idle connections after its keep-alive timeout, and a request that races that close never
 * reached a query. Seen in the test suite as a first query failing right after another file's.
 * Nothing else is retried here; callers decide about real outages (ClickHouseError.retriable).
 */
async function fetchReusingConnection(url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (!closedBeforeResponse(err) || init.signal?.aborted === true) throw err;
    return await fetch(url, init);
  }
}

function closedBeforeResponse(err: unknown): boolean {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  return cause?.code === "UND_ERR_SOCKET";
}
