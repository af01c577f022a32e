import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { MetricsEndpointError } from "./errors";

export const METRICS_PATH = "/metrics";

/**
 * Serves `GET /metrics` from a Prometheus reader on our own HTTP server: the
 * exporter's built-in server treats port 0 as "use 9464" and hides the bound
 * port, and tests need a random port they can read back.
 */
export class MetricsEndpoint {
  private constructor(
    private readonly server: Server,
    readonly host: string,
    readonly port: number,
  ) {}

  static listen(reader: PrometheusExporter, host: string, port: number): Promise<MetricsEndpoint> {
    const server = createServer((req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      if (req.method === "GET" && path === METRICS_PATH) {
        reader.getMetricsRequestHandler(req, res);
        return;
      }
      res.statusCode = 404;
      res.end();
    });
    // A scrape endpoint must never keep a stopping service alive.
    server.unref();
    return new Promise((resolve, reject) => {
      server.once("error", (err) => reject(new MetricsEndpointError(host, port, err)));
      server.listen({ host, port }, () => {
        const bound = (server.address() as AddressInfo).port;
        resolve(new MetricsEndpoint(server, host, bound));
      });
    });
  }

  get url(): string {
    const host = this.host.includes(":") ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}${METRICS_PATH}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
