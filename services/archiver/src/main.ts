/** archiver: wires configuration, logging, Kafka and ClickHouse; the work is in startArchiver. */
import { createJsonLogger, runService } from "@redline/common";
import { startArchiver } from "./archiver";
import { loadConfig } from "./config";

const bootLogger = createJsonLogger({ namespace: "redline.archiver" });
void runService(
  async () => {
    const config = loadConfig(process.env);
    const logger = createJsonLogger({ namespace: "redline", level: config.logLevel });
    return startArchiver(config, { logger });
  },
  { name: "archiver", logger: bootLogger, stopTimeoutMs: 30_000 },
);
