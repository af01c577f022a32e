import type { Logger } from "@redline/common";
import { Kafka, logLevel as KafkaLogLevel, type LogEntry } from "kafkajs";
import type { KafkaConfig } from "./config";

function toLogger(logger: Logger) {
  return () =>
    ({ level, label, namespace, log }: LogEntry): void => {
      const { message, ...fields } = log;
      const line = `${namespace}: ${message}`;
      const extra = { kafkaLevel: label, ...fields };
      if (level <= KafkaLogLevel.ERROR) logger.error(line, extra);
      else if (level === KafkaLogLevel.WARN) logger.warn(line, extra);
      else logger.debug(line, extra);
    };
}

/** The one place a kafkajs client is built; everything else gets it from here. */
export function createKafkaClient(config: KafkaConfig, logger: Logger): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    ssl: config.ssl,
    connectionTimeout: config.connectionTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    logLevel: KafkaLogLevel.WARN,
    logCreator: toLogger(logger.child("kafkajs")),
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5000 },
  });
}
