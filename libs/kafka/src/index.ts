/**
 * @redline/kafka — the only package that imports a Kafka client. It owns
 * client creation, consumer groups with manual commits after the handler
 * resolves, retries with backoff, bounded chunks (backpressure), topic
 * set-up, and dead-lettering of refused records to `<topic>.dlq`.
 *
 * @example
 * const kafka = createKafkaClient(loadKafkaConfig(process.env, "risk-engine"), logger);
 * const producer = await RecordProducer.connect(kafka, logger);
 * const consumer = new EventConsumer({
 *   kafka, groupId: "risk-engine", topics: ["live.comments"],
 *   decode: liveEventDecoder(DEFAULT_LIMITS),
 *   handleBatch: async (batch) => { await producer.send("risk.alerts", score(batch)); },
 *   deadLetters: new DeadLetterWriter(producer, metrics, logger), logger,
 * });
 * await consumer.start();
 */
export { createKafkaClient } from "./client";
export { loadKafkaConfig } from "./config";
export type { KafkaConfig } from "./config";
export { EventConsumer } from "./consumer";
export type { DecodedRecord, EventConsumerOptions, HandledBatch, PartitionBatch, RecordDecoder } from "./consumer-options";
export { partitionNumbers } from "./assignment";
export type { TopicPartitions } from "./assignment";
export { DeadLetterWriter, refusalOf } from "./dead-letter";
export type { Refusal } from "./dead-letter";
export { DLQ_HEADERS, dlqTopicFor } from "./dead-letter-topics";
export { murmur2, partitionForKey } from "./partitioner";
export { BrokerUnavailableError, DeadLetterError, MissingTopicsError, TopicLayoutError } from "./errors";
export { isBrokerUnavailable } from "./broker-unavailable";
export { liveEventDecoder } from "./live-event-decoder";
export { CountingMetrics, noopConsumerMetrics } from "./metrics";
export type { ConsumerMetrics } from "./metrics";
export { RecordProducer } from "./producer";
export type { ProducerOptions, SendOptions } from "./producer";
export { headersToStrings, toInputRecord } from "./record";
export type { InputRecord, OutputRecord } from "./record";
export { ensureTopics, partitionCounts, requireTopics } from "./topics";
export type { RequiredTopic, TopicSpec } from "./topics";
export { TopicReader } from "./topic-reader";
export type { TopicReaderOptions } from "./topic-reader";
export { CompactedTableReader } from "./compacted-table-reader";
export type { CompactedTableReaderOptions } from "./compacted-table-reader";
export { earliestOffsets, highWatermarks, latestOffsets } from "./offsets";
export type { PartitionOffsets, TopicOffsets } from "./offsets";
export { assignCoPartitioned, coPartitionAssigner, CO_PARTITION_ASSIGNER_NAME } from "./co-partition-assignor";
export { readLatestByKey } from "./changelog";
export { fetchGroupLag, GroupLagMonitor } from "./group-lag";
export type { GroupLagMonitorOptions, PartitionLag } from "./group-lag";
export { MinuteTableFeed, applyTableRecord } from "./minute-table-feed";
export type { MinuteTableFeedOptions, TableDivert } from "./minute-table-feed";
export { MinuteTableWriter, markKeysFor } from "./minute-table-writer";
export type { TableValue } from "./minute-table-writer";
