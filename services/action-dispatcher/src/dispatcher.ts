import { Server } from "@grpc/grpc-js";
import type { Logger, RunningService } from "@redline/common";
import { addHealthService, bindServer, serverCredentials, shutdownServer } from "@redline/grpc";
import {
  CountingMetrics,
  createKafkaClient,
  DeadLetterWriter,
  EventConsumer,
  RecordProducer,
  requireTopics,
  type ConsumerMetrics,
} from "@redline/kafka";
import { ActionFeedService, type ControlAction } from "@redline/proto";
import { consumerMetricsOn, type Telemetry } from "@redline/telemetry";
import { decodeActionRecord } from "./action-codec";
import { actionFeedService } from "./action-feed-service";
import { requiredTopics, type DispatcherConfig } from "./config";
import { GrpcControlPlane } from "./control-plane-client";
import { dispatchHandler } from "./dispatch-handler";
import { CountingDispatcherMetrics, dispatcherMetricsOn, type DispatcherMetrics } from "./metrics";

export interface DispatcherDeps {
  logger: Logger;
  /** Called when the input consumer stops for good (see EventConsumerOptions.onFatal); main exits for a restart. */
  onFatal?: (err: Error) => void;
  /** Metrics and traces; when given, its instruments replace the counting defaults. */
  telemetry?: Telemetry;
  metrics?: DispatcherMetrics;
  consumerMetrics?: ConsumerMetrics;
}

export interface Dispatcher extends RunningService {
  /** Port the ActionFeed server bound (0 when disabled). */
  readonly actionFeedPort: number;
}

/** Consumes `risk.actions`, applies each on the platform, and serves ActionFeed. */
export async function startDispatcher(config: DispatcherConfig, deps: DispatcherDeps): Promise<Dispatcher> {
  const logger = deps.logger.child("dispatcher");
  const instruments = deps.telemetry?.metrics;
  const metrics = deps.metrics ?? (deps.telemetry ? dispatcherMetricsOn(deps.telemetry.instruments) : new CountingDispatcherMetrics());
  const consumerMetrics = deps.consumerMetrics ?? (deps.telemetry ? consumerMetricsOn(deps.telemetry.instruments) : new CountingMetrics());
  const kafka = createKafkaClient(config.kafka, logger);
  await requireTopics(kafka, requiredTopics(config));
  const producer = await RecordProducer.connect(kafka, logger);
  const deadLetters = new DeadLetterWriter(producer, consumerMetrics, logger);
  const controlPlane = new GrpcControlPlane(config.controlPlaneAddress, config.controlPlaneTls, instruments);

  const consumer = new EventConsumer<ControlAction>({
    kafka,
    groupId: config.groupId,
    topics: [config.actionsTopic],
    fromBeginning: true,
    decode: decodeActionRecord,
    handleBatch: dispatchHandler({
      port: controlPlane,
      policy: config.delivery,
      producer,
      deadLetters,
      alertsTopic: config.alertsTopic,
      outcomesTopic: config.outcomesTopic,
      metrics,
      logger,
      ...(instruments ? { onApplied: (kind: string, ms: number) => instruments.eventToActionLatencyMs(kind, ms) } : {}),
    }),
    deadLetters,
    logger,
    ...(deps.onFatal ? { onFatal: deps.onFatal } : {}),
    metrics: consumerMetrics,
    // Small chunks: a commit follows every few acknowledged actions, so a restart re-sends little.
    maxRecordsPerChunk: 50,
    partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
    sessionTimeoutMs: config.sessionTimeoutMs,
  });
  await consumer.start();

  let server: Server | undefined;
  let actionFeedPort = 0;
  if (config.actionFeedAddress !== "") {
    server = new Server();
    server.addService(ActionFeedService, actionFeedService({ kafka, actionsTopic: config.actionsTopic, tokens: config.actionFeedTokens, logger }));
    addHealthService(server, ["redline.v1.ActionFeed"]);
    actionFeedPort = await bindServer(server, config.actionFeedAddress, serverCredentials(config.actionFeedTls));
  }

  return {
    actionFeedPort,
    async stop() {
      if (server) await shutdownServer(server, 5000);
      await consumer.stop();
      await producer.disconnect();
      controlPlane.close();
    },
  };
}
