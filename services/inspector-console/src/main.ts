/** inspector-console: wires configuration, logging, the gateway client and the archive reader; the work is in startConsole. */
import { ClickHouseClient } from "@redline/clickhouse";
import { createJsonLogger, runService } from "@redline/common";
import { ArchiveReader } from "./archive-reader";
import { loadConfig } from "./config";
import { startConsole } from "./console-server";
import { GatewayClient } from "./gateway-client";

const bootLogger = createJsonLogger({ namespace: "redline.inspector-console" });
void runService(
  async () => {
    const config = loadConfig(process.env);
    const logger = createJsonLogger({ level: config.logLevel, namespace: "inspector-console" });
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
    const gateway = new GatewayClient(config.gatewayAddress, config.gatewayTls);
    const running = await startConsole(config, { logger, gateway, archive });
    return {
      async stop() {
        await running.stop();
        gateway.close();
      },
    };
  },
  { name: "inspector-console", logger: bootLogger, stopTimeoutMs: 10_000 },
);
