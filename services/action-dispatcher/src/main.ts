/** action-dispatcher: wires configuration, logging, Kafka and gRPC; the work is in startDispatcher. */
import { createJsonLogger, runService } from "@redline/common";
import { loadConfig } from "./config";
import { startDispatcher } from "./dispatcher";

const bootLogger = createJsonLogger({ namespace: "redline.action-dispatcher" });
void runService(
  async () => {
    const config = loadConfig(process.env);
    const logger = createJsonLogger({ namespace: "redline", level: config.logLevel });
    return startDispatcher(config, { logger });
  },
  { name: "action-dispatcher", logger: bootLogger, stopTimeoutMs: 30_000 },
);
