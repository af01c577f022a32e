/** risk-engine: wires configuration, logging, telemetry and Kafka; the work is in startRiskEngine. */
import { createJsonLogger, runService } from "@redline/common";
import { initTelemetry, loadTelemetryConfig, traceContextFields } from "@redline/telemetry";
import { loadConfig } from "./config";
import { startRiskEngine } from "./risk-engine-service";

const bootLogger = createJsonLogger({ namespace: "redline.risk-engine" });
void runService(
  async (fail) => {
    const config = loadConfig(process.env);
    const logger = createJsonLogger({ namespace: "redline", level: config.logLevel, contextFields: traceContextFields });
    const telemetry = await initTelemetry(loadTelemetryConfig(process.env, "risk-engine", { metricsPort: 9464 }), { logger });
    const service = await startRiskEngine(config, { logger, telemetry, onFatal: fail });
    return {
      async stop() {
        await service.stop();
        await telemetry.shutdown();
      },
    };
  },
  { name: "risk-engine", logger: bootLogger, stopTimeoutMs: 60_000 },
);
