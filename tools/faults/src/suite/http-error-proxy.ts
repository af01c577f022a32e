import { createServer, request, type Server } from "node:http";

/** What a failing ClickHouse says: its exception codes in the header and the body, as 18.16 and current releases send them. */
export const CLICKHOUSE_ERRORS = [
  { code: 243, status: 507, text: "Code: 243, e.displayText() = DB::Exception: Cannot reserve 1.00 MiB, not enough space" },
  { code: 252, status: 500, text: "Code: 252, e.displayText() = DB::Exception: Too many parts (300). Merges are processing significantly slower than inserts" },
] as const;

/**
 * An HTTP proxy on loopback in front of ClickHouse that passes requests
 * through, or, while failing, answers every request with one of ClickHouse's
 * own errors (disk full, too many parts) in turn.
 */
export class HttpErrorProxy {
  private server: Server | undefined;
  private failing = false;
  private next = 0;
  /** Requests answered with an error while failing. */
  errorsAnswered = 0;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<number> {
    const server = createServer((req, res) => {
      if (this.failing) {
        const e = CLICKHOUSE_ERRORS[this.next++ % CLICKHOUSE_ERRORS.length]!;
        this.errorsAnswered++;
        req.resume();
        res.writeHead(e.status, { "Content-Type": "text/plain; charset=UTF-8", "X-ClickHouse-Exception-Code": String(e.code) });
        res.end(`${e.text}\n`);
        return;
      }
      const upstream = request(
        { host: this.targetHost, port: this.targetPort, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => {
        // The server itself is down: the client sees a dropped connection, as it would without the proxy.
        res.destroy();
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", resolve);
    });
    this.server = server;
    const addr = server.address();
    this.port = typeof addr === "object" && addr ? addr.port : port;
    return this.port;
  }

  fail(on: boolean): void {
    this.failing = on;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
