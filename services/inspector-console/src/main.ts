/** inspector-console: wires configuration, logging, telemetry, the gateway client and the archive reader; the work is in startConsole. */
import { ClickHouseClient } from "@redline/clickhouse";
import { createJsonLogger, runService } from "@redline/common";
import { initTelemetry, loadTelemetryConfig } from "@redline/telemetry";
import { ArchiveReader } from "./archive-reader";
import { loadConfig } from "./config";
import { startConsole } from "./console-server";
import { GatewayClient } from "./gateway-client";

const bootLogger = createJsonLogger({ namespace: "redline.inspector-console" });
void runService(
  async () => {
    const config = loadConfig(process.env);
    const logger = createJsonLogger({ level: config.logLevel, namespace: "inspector-console" });
    const telemetry = await initTelemetry(loadTelemetryConfig(process.env, "inspector-console", { metricsPort: 9469 }), { logger });
    const ch = config.clickhouse;
    const archive = new ArchiveReader(
      new ClickHouseClient({
        url: ch.url,
        database: ch.database,
        user: ch.user,
        password: ch.password,
        requestTimeoutMs: ch.requestTimeoutMs,
        logger: logger.child("clickhouse"),
      }),
    );
    const gateway = new GatewayClient(config.gatewayAddress, config.gatewayTls, telemetry.metrics);
    const running = await startConsole(config, { logger, gateway, archive });
    return {
      async stop() {
        await running.stop();
        gateway.close();
        await telemetry.shutdown();
      },
    };
  },
  { name: "inspector-console", logger: bootLogger, stopTimeoutMs: 10_000 },
);
