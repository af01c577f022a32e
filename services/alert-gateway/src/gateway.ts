import { Server } from "@grpc/grpc-js";
import { AlertFeed } from "@redline/alert-feed";
import type { Logger } from "@redline/common";
import { addHealthService, bindServer, serverCredentials, shutdownServer } from "@redline/grpc";
import { createKafkaClient, latestOffsets, RecordProducer, requireTopics, TopicReader } from "@redline/kafka";
import { AlertStreamService } from "@redline/proto";
import { consumerMetricsOn, timeUnaryHandlers, type Telemetry } from "@redline/telemetry";
import { alertStreamHandlers } from "./alert-stream-handlers";
import { requiredTopics, type GatewayConfig } from "./config";
import type { EvidenceStore } from "./evidence-store";
import { LiveReaderFailedError } from "./errors";
import { KafkaFeedbackSink } from "./feedback-sink";
import { alertRecords, kafkaCatchUpOpener } from "./kafka-alert-source";
import { TailQuota } from "./tail-quota";

export interface RunningGateway {
  /** The port actually bound (differs from the configured one with port 0). */
  port: number;
  feed: AlertFeed;
  stop(): Promise<void>;
}

/**
 * Starts the gateway: one shared reader from the live end of the alerts
 * topic into the feed, the slow-client timer, the feedback producer and the
 * gRPC server with health. `stop` undoes it in reverse.
 */
export async function startGateway(
  config: GatewayConfig,
  deps: { logger: Logger; evidence: EvidenceStore; telemetry?: Telemetry },
): Promise<RunningGateway> {
  const logger = deps.logger;
  const kafka = createKafkaClient(config.kafka, logger);
  await requireTopics(kafka, requiredTopics(config));
  const producer = await RecordProducer.connect(kafka, logger);
  const consumerMetrics = deps.telemetry ? consumerMetricsOn(deps.telemetry.instruments) : undefined;
  const start = await latestOffsets(kafka, config.alertsTopic);
  const feed = new AlertFeed({
    start,
    ringCapacity: config.ringCapacity,
    maxQueuedAlerts: config.maxQueuedAlertsPerClient,
    slowClientGraceMs: config.slowClientGraceMs,
    maxCatchUps: config.maxCatchUpReaders,
    openCatchUp: kafkaCatchUpOpener(kafka, config.alertsTopic, logger.child("catch-up")),
  });
  // Set once the server exists; the reader can only fail after it started.
  let onLiveReaderFailed = (_err: Error): void => undefined;
  const reader = await TopicReader.open({
    kafka,
    topic: config.alertsTopic,
    from: start,
    logger,
    groupIdPrefix: "redline-gateway-live",
    onRecords: async (records) => {
      consumerMetrics?.recordsConsumed(config.alertsTopic, records.length);
      feed.ingest(alertRecords(records, logger));
    },
    onFatal: (err) => onLiveReaderFailed(err),
  });
  const slowClientTimer = setInterval(
    () => feed.enforceSlowClientPolicy(),
    Math.max(5, Math.min(250, Math.floor(config.slowClientGraceMs / 4))),
  );

  const server = new Server({ "grpc.max_receive_message_length": config.maxReceiveMessageBytes });
  const handlers = alertStreamHandlers({
    feed,
    feedback: new KafkaFeedbackSink(producer, config.feedbackTopic),
    evidence: deps.evidence,
    tokens: config.tokens,
    maxNoteChars: config.maxNoteChars,
    tailQuota: new TailQuota(config.maxTailsPerClient),
    logger,
  });
  server.addService(AlertStreamService, deps.telemetry ? timeUnaryHandlers("AlertStream", handlers, deps.telemetry.metrics) : handlers);
  const health = addHealthService(server, ["redline.v1.AlertStream"]);
  onLiveReaderFailed = (err) => {
    // Tails would silently stop receiving alerts; say so to health checks
    // and end them so clients reconnect (to a healthy replica) with their cursor.
    logger.error("live alert reader stopped; gateway is NOT_SERVING", { err: new LiveReaderFailedError(config.alertsTopic, err) });
    health.set("NOT_SERVING");
    feed.failAll(new LiveReaderFailedError(config.alertsTopic, err));
  };
  const port = await bindServer(server, config.address, serverCredentials(config.tls));
  logger.info("alert gateway listening", { port, alertsTopic: config.alertsTopic, partitions: start.size });

  return {
    port,
    feed,
    async stop() {
      health.set("NOT_SERVING");
      clearInterval(slowClientTimer);
      feed.closeAll();
      await shutdownServer(server, config.shutdownTimeoutMs);
      await reader.stop();
      await producer.disconnect();
    },
  };
}
