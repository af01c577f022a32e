/** risk-engine: wires configuration, logging and Kafka; the work is in startRiskEngine. */
import { createJsonLogger, runService } from "@redline/common";
import { loadConfig } from "./config";
import { startRiskEngine } from "./risk-engine-service";

const bootLogger = createJsonLogger({ namespace: "redline.risk-engine" });
void runService(
  async () => {
    const config = loadConfig(process.env);
    const logger = createJsonLogger({ namespace: "redline", level: config.logLevel });
    return startRiskEngine(config, { logger });
  },
  { name: "risk-engine", logger: bootLogger, stopTimeoutMs: 60_000 },
);
