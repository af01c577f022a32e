/** crew-detector: wires configuration, logging, telemetry and Kafka; the work is in CrewDetectorService. */
import { createJsonLogger, runService } from "@redline/common";
import { initTelemetry, loadTelemetryConfig, traceContextFields } from "@redline/telemetry";
import { loadConfig } from "./config";
import { CrewDetectorService } from "./crew-detector-service";

const bootLogger = createJsonLogger({ namespace: "redline.crew-detector" });
void runService(
  async (fail) => {
    const config = loadConfig(process.env);
    const logger = createJsonLogger({ namespace: "redline", level: config.logLevel, contextFields: traceContextFields });
    const telemetry = await initTelemetry(loadTelemetryConfig(process.env, "crew-detector", { metricsPort: 9470 }), { logger });
    const service = await CrewDetectorService.start(config, { logger, telemetry, onFatal: fail });
    return {
      async stop() {
        await service.stop();
        await telemetry.shutdown();
      },
    };
  },
  { name: "crew-detector", logger: bootLogger, stopTimeoutMs: 30_000 },
);
