import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import type { SpanRecord } from "./span-records";

interface OtlpJsonAttribute {
  key: string;
  value: Record<string, unknown>;
}

interface OtlpJsonTraces {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpJsonAttribute[] };
    scopeSpans?: Array<{
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        attributes?: OtlpJsonAttribute[];
        status?: { code?: number };
      }>;
    }>;
  }>;
}

/**
 * A loopback OTLP/HTTP JSON receiver for tests that run services as separate
 * processes: point `OTEL_EXPORTER_OTLP_ENDPOINT` at `endpoint` and read the
 * spans back. Metrics posts are accepted and counted, not decoded.
 */
export class OtlpTestCollector {
  private readonly received: SpanRecord[] = [];
  private metricPosts = 0;

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
  ) {}

  static start(host = "127.0.0.1"): Promise<OtlpTestCollector> {
    let collector: OtlpTestCollector | undefined;
    const server = createServer((req, res) => {
      readBody(req).then(
        (body) => {
          if (req.url === "/v1/traces") collector!.addTraces(JSON.parse(body.toString("utf8")) as OtlpJsonTraces);
          else if (req.url === "/v1/metrics") collector!.metricPosts++;
          else res.statusCode = 404;
          res.setHeader("content-type", "application/json");
          res.end("{}");
        },
        () => {
          res.statusCode = 400;
          res.end();
        },
      );
    });
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host, port: 0 }, () => {
        collector = new OtlpTestCollector(server, `http://${host}:${(server.address() as AddressInfo).port}`);
        resolve(collector);
      });
    });
  }

  spans(): readonly SpanRecord[] {
    return this.received;
  }

  metricExports(): number {
    return this.metricPosts;
  }

  /** Resolves once `predicate` holds for the spans so far; rejects after `timeoutMs`. */
  async waitFor(predicate: (spans: readonly SpanRecord[]) => boolean, timeoutMs = 10_000, pollMs = 50): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) throw new Error(`OtlpTestCollector: condition not met within ${timeoutMs} ms (${this.received.length} spans)`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private addTraces(body: OtlpJsonTraces): void {
    for (const rs of body.resourceSpans ?? []) {
      const resource = attributesOf(rs.resource?.attributes);
      for (const ss of rs.scopeSpans ?? []) {
        for (const s of ss.spans ?? []) {
          this.received.push({
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId || undefined,
            name: s.name,
            serviceName: String(resource["service.name"] ?? ""),
            attributes: attributesOf(s.attributes),
            statusCode: s.status?.code ?? 0,
          });
        }
      }
    }
  }
}

function attributesOf(list: OtlpJsonAttribute[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) out[key] = Object.values(value)[0];
  return out;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return req.headers["content-encoding"] === "gzip" ? gunzipSync(body) : body;
}
