import type { Logger, RetryOptions } from "@redline/common";
import type { Kafka, PartitionAssigner } from "kafkajs";
import type { TopicPartitions } from "./assignment";
import type { DeadLetterWriter } from "./dead-letter";
import type { ConsumerMetrics } from "./metrics";
import type { InputRecord } from "./record";

/** Turns a record into a value, or throws; a non-retriable throw dead-letters the record. */
export type RecordDecoder<T> = (record: InputRecord) => T;

export interface DecodedRecord<T> {
  record: InputRecord;
  value: T;
}

/**
 * What a handler that holds records back (e.g. to merge topics in event
 * time) tells the consumer: commit only up to here, not past the batch.
 */
export interface HandledBatch {
  commitOffset: bigint;
}

/** Records of one partition, in offset order, handed to the handler together. */
export interface PartitionBatch<T> {
  topic: string;
  partition: number;
  records: ReadonlyArray<DecodedRecord<T>>;
  /** Offset of the last record of the chunk, refused ones included. */
  lastOffset: bigint;
  /** The partition's high-water mark when the batch was fetched. */
  highWatermark: bigint;
  /** Call during long work so the group does not consider this member dead. */
  heartbeat(): Promise<void>;
  /**
   * Aborted when the consumer stops. Work that can wait a long time (retrying
   * a peer that is down) should give up on it by throwing: the chunk is then
   * neither committed nor dead-lettered, and goes to the partition's next owner.
   */
  signal: AbortSignal;
}

export interface EventConsumerOptions<T> {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  fromBeginning?: boolean;
  decode: RecordDecoder<T>;
  /**
   * Resolves once the records' effects are durable (outputs acknowledged);
   * only then are their offsets committed. A retriable rejection is retried
   * with backoff; a non-retriable one dead-letters the records it was given.
   */
  handleBatch: (batch: PartitionBatch<T>) => Promise<void | HandledBatch>;
  /**
   * Called once when kafkajs stops the consumer for good (a crash it will not restart from, e.g. evicted from
   * the group during a network stall). The member then consumes nothing while looking alive, so a service
   * should exit and let its supervisor restart it; uncommitted work is redelivered to the next owner.
   */
  onFatal?: (err: Error) => void;
  deadLetters: DeadLetterWriter;
  logger: Logger;
  metrics?: ConsumerMetrics;
  /** Upper bound on records decoded and held at once per partition (backpressure). */
  maxRecordsPerChunk?: number;
  handlerRetry?: Omit<RetryOptions, "shouldRetry" | "onRetry">;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  partitionsConsumedConcurrently?: number;
  maxBytesPerPartition?: number;
  partitionAssigners?: PartitionAssigner[];
  /**
   * Called before a batch of a partition is decoded. Returning an offset
   * other than the batch's first makes the consumer seek there and drop the
   * batch: how state restored from a snapshot resumes at the offsets it
   * covers (kafkajs has no blocking rebalance listener to do it earlier).
   */
  positionFor?: (topic: string, partition: number, firstOffset: bigint) => Promise<bigint | undefined>;
  /**
   * After every join of the group, with everything this member owns now
   * (partitions it kept included). Runs before any batch of the new
   * assignment is handled.
   */
  onAssigned?: (assigned: readonly TopicPartitions[]) => void;
  /**
   * After a join that took partitions away from this member, before
   * `onAssigned`: their state here is stale, another member may own them.
   */
  onRevoked?: (revoked: readonly TopicPartitions[]) => void;
}
