import type { Logger } from "@redline/common";
import type { EngineCounters, PipelineOutput, RiskPipeline } from "@redline/engine";
import type { HandledBatch, PartitionBatch, TopicPartitions } from "@redline/kafka";
import { riskCategoryToJSON, severityToJSON, type LiveEvent } from "@redline/proto";
import type { AccountActivityOutputs, ActivityOutput, EngineOutput } from "./account-activity-outputs";
import type { BaselineOutput, BaselineOutputs } from "./baseline-outputs";
import { AlignedMerge, type Released } from "./aligned-merge";
import { InputReceipts } from "./input-receipts";
import type { RiskEngineMetrics } from "./metrics";
import type { OutputPublisher, TracedOutput } from "./output-publisher";
import { RecentTraces, traceOutputs, type TraceOrigin } from "./output-tracing";
import type { LaneStart } from "./partition-state-store";

type EngineCounts = Pick<EngineCounters, "lateEvents" | "duplicateEvents" | "roomsEvicted" | "idleAdvances">;

/** Fetching of the partition's topics, paused while the merge holds too much of one (the consumer is one). */
export interface Backpressure {
  pause(partitions: readonly TopicPartitions[]): void;
  resume(partitions: readonly TopicPartitions[]): void;
  isPaused(topic: string, partition: number): boolean;
}

export interface PartitionTaskOptions {
  partition: number;
  pipeline: RiskPipeline;
  topics: readonly string[];
  publisher: OutputPublisher<EngineOutput>;
  /** The partition's account-activity records and progress marks (issue 21); absent when the engine publishes none. */
  activity?: AccountActivityOutputs;
  /** The partition's baseline partials and progress marks (issue 12); absent when the engine reads no baselines. */
  baselines?: BaselineOutputs;
  backpressure: Backpressure;
  /**
   * Writes a checkpoint of the pipeline with the offsets it covers, captured before it returns; resolves
   * to its size in bytes (0: not written, `stillWanted` having said no).
   */
  saveSnapshot: (partition: number, offsets: Record<string, string>, pipeline: RiskPipeline, stillWanted: () => boolean) => Promise<number>;
  /** A due snapshot is encoded and written after the turn that captured it, while input goes on (sliced snapshots, #15). */
  snapshotInBackground: boolean;
  /** Asks for the broker's high-water marks, so a merge stopped at a drained topic can go on (`LaneConfirmation`). */
  requestLaneConfirmation: () => void;
  metrics: RiskEngineMetrics;
  logger: Logger;
  now: () => number;
  /** Records the merge may hold per topic before that topic is paused; resumed at half. */
  maxQueuedPerTopic: number;
  snapshotIntervalMs: number;
}

/**
 * One input partition number's share of the work: the merge of its topics
 * in event time, its pipeline, outputs produced but not yet acknowledged
 * (sent again by a retry), its checkpoints, and what it reports. Batches,
 * idle advances, lane confirmations and checkpoints run one at a time.
 */
export class PartitionTask {
  readonly partition: number;
  readonly pipeline: RiskPipeline;
  readonly merge: AlignedMerge;
  /** Traces of recent input records, so outputs continue the trace of the events they cite. */
  private readonly traces = new RecentTraces();
  private readonly receipts: InputReceipts;
  private pending: Array<TracedOutput<EngineOutput>> = [];
  private lastSnapshotAtMs: number;
  /** Engine counts already reported; a restored pipeline's history is not reported again. */
  private reported: EngineCounts;
  /** Work on the task runs one at a time (the idle and confirmation timers are other callers). */
  private turn: Promise<unknown> = Promise.resolve();
  /** A snapshot captured and still being encoded or written; one at a time, so they reach the changelog in order. */
  private writing: Promise<void> | undefined;
  /** The partition went to another member: its snapshots would only confuse the new owner's restore. */
  private dropped = false;

  constructor(private readonly opts: PartitionTaskOptions) {
    this.partition = opts.partition;
    this.pipeline = opts.pipeline;
    this.merge = new AlignedMerge(opts.topics, undefined, opts.pipeline.engine.config.allowedLatenessMs);
    const nowMs = opts.now();
    // Partitions taken on together would come due together, and even encoded in steps their snapshots then
    // take the engine's thread for seconds at once (#15): in the background each is due at its own share of the interval.
    this.lastSnapshotAtMs = opts.snapshotInBackground ? nowMs - staggerShare(opts.partition) * opts.snapshotIntervalMs : nowMs;
    this.receipts = new InputReceipts(nowMs);
    this.reported = this.engineCounts();
  }

  /** Sets where each topic resumes; `asOfMs` is when the high-water marks were asked for. */
  startLanes(lanes: readonly LaneStart[], asOfMs: number): void {
    for (const lane of lanes) this.merge.startLane(lane.topic, lane.nextOffset, lane.highWatermark, asOfMs);
  }

  /** Runs `work` after every earlier call's work has settled. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /**
   * Merges a fetched batch, scores what the merge releases, and resolves once
   * the outputs are acknowledged, with the offset that is safe to commit. A
   * retried batch finds its records already received: only outputs are sent again.
   */
  handleBatch(batch: PartitionBatch<LiveEvent>): Promise<HandledBatch> {
    return this.exclusive(async () => {
      const receivedAtMs = this.opts.now();
      if (batch.records.length > 0) this.receipts.received(Math.max(...batch.records.map((r) => r.value.eventTimeMs)), receivedAtMs);
      const high = batch.highWatermark;
      this.merge.add(
        batch.topic,
        batch.records.map((r) => ({
          offset: r.record.offset,
          event: r.value,
          traceparent: r.record.headers.traceparent,
          // A producer clock ahead of ours must not date a record after we had it.
          publishedAtMs: r.record.timestampMs > 0 ? Math.min(r.record.timestampMs, receivedAtMs) : undefined,
        })),
        high,
      );
      this.merge.advance(batch.topic, batch.lastOffset + 1n, high);
      this.opts.metrics.setConsumerLag(batch.topic, batch.partition, Number(high - batch.lastOffset - 1n));
      this.score(this.merge.release());
      if (this.merge.waitingForConfirmation) this.opts.requestLaneConfirmation();
      this.reportCounts();
      await this.flush();
      this.applyBackpressure();
      if (this.snapshotDue()) await this.snapshot(!this.opts.snapshotInBackground);
      return { commitOffset: this.merge.firstUnreleased().get(batch.topic) ?? batch.lastOffset + 1n };
    });
  }

  /** Input went quiet (`IdleAdvance`, inside the task's turn): applies everything held. */
  async applyIdle(): Promise<void> {
    this.score(this.merge.release());
    // Events the merge still holds for a confirmation would turn late behind an idle advance: confirm first.
    if (this.merge.waitingForConfirmation) this.opts.requestLaneConfirmation();
    else this.queueOutputs({ topic: "idle", traceparent: undefined }, this.pipeline.idle());
    this.queueActivity();
    this.reportCounts();
    await this.flush();
    this.opts.logger.debug("partition idle: held events applied", { partition: this.partition, watermarkMs: this.pipeline.engine.watermarkMs });
  }

  /** Drained topics were confirmed complete or behind (`LaneConfirmation`, inside the task's turn): releases what it can. */
  async applyConfirmed(): Promise<void> {
    this.score(this.merge.release());
    this.reportCounts();
    await this.flush();
    this.applyBackpressure();
  }

  /**
   * The minute tables the pipeline holds on moved (`HeldEventsRelease`,
   * inside the task's turn): applies the events they now allow.
   */
  async applyHeld(): Promise<void> {
    this.queueOutputs({ topic: "held", traceparent: undefined }, this.pipeline.applyHeld());
    this.queueActivity();
    this.reportCounts();
    await this.flush();
    this.applyBackpressure();
  }

  /**
   * The partition's input is read to its end and quiet, with nothing held
   * (`QuietPartitionMarks`, inside the task's turn): promises the crew
   * detector no account activity at or below `throughMs` from here.
   */
  async markQuiet(throughMs: number): Promise<void> {
    const { activity, baselines } = this.opts;
    if (activity !== undefined) this.queueUntraced(activity.whenQuiet(this.pipeline, throughMs));
    if (baselines !== undefined) this.queueUntraced(baselines.whenQuiet(this.pipeline, throughMs));
    await this.flush();
  }

  /** Sends what is pending and writes a snapshot now; resolves once it is written. */
  checkpoint(): Promise<void> {
    return this.exclusive(async () => {
      await this.flush();
      await this.snapshot(true);
    });
  }

  /** The periodic timer, for partitions without input too: a snapshot if the interval has passed since the last began. */
  snapshotIfDue(): Promise<void> {
    return this.exclusive(async () => {
      if (!this.snapshotDue()) return;
      await this.flush();
      await this.snapshot(!this.opts.snapshotInBackground);
    });
  }

  /** The partition moved to another member: no snapshot from here is written after this (one on the wire may land). */
  drop(): void {
    this.dropped = true;
  }

  /**
   * No record has arrived for `idleTimeoutMs` while the engine or the merge
   * still holds events. Not enough by itself to act on: during a backlog
   * batches can be this far apart, so `IdleAdvance` also asks the broker
   * whether the lanes are read to their end.
   */
  isIdle(nowMs: number, idleTimeoutMs: number): boolean {
    return this.receipts.quietForMs(nowMs) >= idleTimeoutMs && this.holdsEvents();
  }

  /** Events received but not applied yet, in the merge or buffered by the engine. */
  holdsEvents(): boolean {
    return this.receipts.unapplied(this.pipeline.engine.watermarkMs) > 0 || this.pipeline.engine.bufferedEvents > 0;
  }

  /** Wall time since the last record of any of the partition's topics arrived. */
  quietForMs(nowMs: number): number {
    return this.receipts.quietForMs(nowMs);
  }

  /** Wall time the oldest received-but-unapplied batch has waited; 0 when nothing is held. */
  oldestUnappliedAgeMs(nowMs: number): number {
    return this.receipts.oldestUnappliedAgeMs(nowMs, this.pipeline.engine.watermarkMs);
  }

  reportUnappliedAge(): void {
    this.opts.metrics.setOldestUnappliedAgeMs(this.partition, this.oldestUnappliedAgeMs(this.opts.now()));
  }

  /** Offsets a snapshot taken now covers: per topic, the first event the pipeline has not seen. */
  snapshotOffsets(): Record<string, string> {
    return Object.fromEntries([...this.merge.firstUnreleased()].map(([t, o]) => [t, o.toString()]));
  }

  /** Runs released events through the pipeline and queues their outputs with trace context. */
  private score(released: readonly Released[]): void {
    const startedAt = performance.now();
    for (const { event, topic, traceparent } of released) {
      this.traces.remember(event.eventId, { topic, traceparent });
      this.queueOutputs({ topic, traceparent }, this.pipeline.push(event));
      if (this.opts.activity !== undefined) this.queueUntraced(this.opts.activity.records(this.pipeline));
    }
    this.queueActivity();
    if (released.length > 0) this.opts.metrics.scoringLatencyMs((performance.now() - startedAt) / released.length);
  }

  /** Activity records not drained yet (an idle step applies held events), baseline partials, and the marks of a new minute. */
  private queueActivity(): void {
    const { activity, baselines } = this.opts;
    if (activity !== undefined) {
      this.queueUntraced(activity.records(this.pipeline));
      this.queueUntraced(activity.afterStep(this.pipeline));
    }
    if (baselines !== undefined) this.queueUntraced(baselines.afterStep(this.pipeline));
  }

  /** Account activity and baselines go without spans: one per record would cost more than the record. */
  private queueUntraced(outputs: readonly (ActivityOutput | BaselineOutput)[]): void {
    for (const output of outputs) this.pending.push({ output, headers: {} });
  }

  private queueOutputs(origin: TraceOrigin, outputs: PipelineOutput[]): void {
    if (outputs.length === 0) return;
    this.pending.push(...traceOutputs(origin, outputs, this.traces, (out) => this.opts.publisher.topicOf(out)));
    for (const out of outputs) {
      if ("alert" in out) this.opts.metrics.alertRaised(riskCategoryToJSON(out.alert.category), out.alert.subcategory, severityToJSON(out.alert.severity));
    }
  }

  /** Pending outputs are dropped only once acknowledged; a failed send keeps them for the retry. */
  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    await this.opts.publisher.publish(this.pending);
    this.pending = [];
  }

  private snapshotDue(): boolean {
    return this.writing === undefined && this.opts.now() - this.lastSnapshotAtMs >= this.opts.snapshotIntervalMs;
  }

  /**
   * Captures the state now, inside the turn, after the outputs of every event
   * it covers were acknowledged. `wait`: resolves once written, failing with
   * the write; otherwise the encoding and the write go on after the turn and a
   * failure is logged, the next batch trying again.
   */
  private async snapshot(wait: boolean): Promise<void> {
    if (this.writing !== undefined) await this.writing;
    const previousAtMs = this.lastSnapshotAtMs;
    const write = this.write().catch((err: unknown) => {
      this.lastSnapshotAtMs = previousAtMs;
      throw err;
    });
    if (wait) return write;
    this.writing = write
      .catch((err: unknown) => this.opts.logger.error("snapshot not written; the next batch tries again", { partition: this.partition, err }))
      .finally(() => {
        this.writing = undefined;
      });
  }

  private async write(): Promise<void> {
    const startedAtMs = (this.lastSnapshotAtMs = this.opts.now());
    const syncStart = performance.now();
    const saving = this.opts.saveSnapshot(this.partition, this.snapshotOffsets(), this.pipeline, () => !this.dropped);
    // What ran before the save's first await held the event loop: every partition's input waited for it (#15).
    const blockedMs = performance.now() - syncStart;
    const bytes = await saving;
    if (bytes === 0) return;
    this.opts.metrics.setStateBytes(this.partition, bytes);
    this.opts.logger.info("snapshot written", { partition: this.partition, startedAtMs, blockedMs, wallMs: this.opts.now() - startedAtMs, bytes });
  }

  /**
   * Pauses a topic whose merge lane holds more than the limit, and every
   * topic while the engine holds more than the limit for its minute tables
   * (#21: `MinuteTableHold`, events waiting for a table to be ready);
   * resumes at half.
   */
  private applyBackpressure(): void {
    const { backpressure, maxQueuedPerTopic } = this.opts;
    const { engine } = this.pipeline;
    // Only a hold for the tables counts: the lateness buffer alone empties as input comes, which a pause would stop.
    const held = engine.appliedThroughMs < engine.watermarkMs ? engine.bufferedEvents : 0;
    for (const topic of this.opts.topics) {
      const queued = this.merge.queued(topic);
      const paused = backpressure.isPaused(topic, this.partition);
      if ((queued > maxQueuedPerTopic || held > maxQueuedPerTopic) && !paused) backpressure.pause([{ topic, partitions: [this.partition] }]);
      else if (queued <= maxQueuedPerTopic / 2 && held <= maxQueuedPerTopic / 2 && paused) backpressure.resume([{ topic, partitions: [this.partition] }]);
    }
  }

  /** Reports what the engine counted since the last report (late, duplicate, evicted, idle) and the unapplied age. */
  private reportCounts(): void {
    const now = this.engineCounts();
    const { metrics } = this.opts;
    const fresh = (k: keyof EngineCounts): number => now[k] - this.reported[k];
    if (fresh("lateEvents") > 0) metrics.lateEvent("input", fresh("lateEvents"));
    if (fresh("duplicateEvents") > 0) metrics.duplicateEvents(fresh("duplicateEvents"));
    if (fresh("idleAdvances") > 0) metrics.idleAdvanced(fresh("idleAdvances"));
    if (fresh("roomsEvicted") > 0) {
      metrics.roomsEvicted(fresh("roomsEvicted"));
      this.opts.logger.warn("rooms evicted: the partition holds its maximum of rooms; raise REDLINE_ENGINE_MAX_ROOMS_PER_PARTITION or add partitions", {
        partition: this.partition,
        evicted: fresh("roomsEvicted"),
        maxRooms: this.pipeline.engine.config.maxRooms,
      });
    }
    this.reported = now;
    this.reportUnappliedAge();
  }

  private engineCounts(): EngineCounts {
    const { lateEvents, duplicateEvents, roomsEvicted, idleAdvances } = this.pipeline.engine.eventCounts();
    return { lateEvents, duplicateEvents, roomsEvicted, idleAdvances };
  }
}

/** A partition's share of the snapshot interval, spread by the golden ratio so any number of partitions fall apart. */
export function staggerShare(partition: number): number {
  return (partition * 0.6180339887498949) % 1;
}
