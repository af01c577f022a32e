/** action-dispatcher: wires configuration, logging, telemetry, Kafka and gRPC; the work is in startDispatcher. */
import { createJsonLogger, runService } from "@redline/common";
import { initTelemetry, loadTelemetryConfig, traceContextFields } from "@redline/telemetry";
import { loadConfig } from "./config";
import { startDispatcher } from "./dispatcher";

const bootLogger = createJsonLogger({ namespace: "redline.action-dispatcher" });
void runService(
  async (fail) => {
    const config = loadConfig(process.env);
    const logger = createJsonLogger({ namespace: "redline", level: config.logLevel, contextFields: traceContextFields });
    const telemetry = await initTelemetry(loadTelemetryConfig(process.env, "action-dispatcher", { metricsPort: 9466 }), { logger });
    const service = await startDispatcher(config, { logger, telemetry, onFatal: fail });
    return {
      async stop() {
        await service.stop();
        await telemetry.shutdown();
      },
    };
  },
  { name: "action-dispatcher", logger: bootLogger, stopTimeoutMs: 30_000 },
);
