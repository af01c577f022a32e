/** archiver: wires configuration, logging, telemetry, Kafka and ClickHouse; the work is in startArchiver. */
import { createJsonLogger, runService } from "@redline/common";
import { initTelemetry, loadTelemetryConfig, traceContextFields } from "@redline/telemetry";
import { startArchiver } from "./archiver";
import { loadConfig } from "./config";

const bootLogger = createJsonLogger({ namespace: "redline.archiver" });
void runService(
  async (fail) => {
    const config = loadConfig(process.env);
    const logger = createJsonLogger({ namespace: "redline", level: config.logLevel, contextFields: traceContextFields });
    const telemetry = await initTelemetry(loadTelemetryConfig(process.env, "archiver", { metricsPort: 9465 }), { logger });
    const service = await startArchiver(config, { logger, telemetry, onFatal: fail });
    return {
      async stop() {
        await service.stop();
        await telemetry.shutdown();
      },
    };
  },
  { name: "archiver", logger: bootLogger, stopTimeoutMs: 30_000 },
);
