import type { Logger } from "@redline/common";
import type { RiskPipeline } from "@redline/engine";
import type { TopicOffsets } from "@redline/kafka";
import { captureSnapshot, createPipeline, decodeSnapshot, restorePipeline, SnapshotVersionError, type PipelineSpec } from "@redline/pipeline";

/** The broker and changelog reads and writes the store needs; the service gives it its consumer's and producer's. */
export interface PartitionStateIO {
  /** The latest snapshot per partition key, from the compacted changelog. */
  readSnapshots(): Promise<Map<string, Buffer>>;
  watermarks(): Promise<{ low: TopicOffsets; high: TopicOffsets }>;
  /** The group's committed offsets; partitions never committed are absent. */
  committedOffsets(): Promise<TopicOffsets>;
  writeSnapshot(key: string, value: Buffer): Promise<void>;
}

/** Where a partition's input topic starts: the next offset to read, and the broker's high-water mark when asked. */
export interface LaneStart {
  topic: string;
  nextOffset: bigint;
  highWatermark: bigint;
}

/** A partition this member takes on: its pipeline and where each of its topics resumes. */
export interface PartitionStart {
  pipeline: RiskPipeline;
  /** From a snapshot; otherwise a new pipeline from the committed offsets. */
  restored: boolean;
  lanes: LaneStart[];
  /** When the high-water marks were asked for. */
  highsAsOfMs: number;
}

export interface PartitionStateStoreOptions {
  io: PartitionStateIO;
  spec: PipelineSpec;
  /** What a partition's pipeline adds to `spec`: the rooms it owns (#21 crew room alerts). */
  specFor?: (partition: number) => Partial<PipelineSpec>;
  inputTopics: readonly string[];
  logger: Logger;
  now: () => number;
  /** Rooms encoded per step of a snapshot, yielding to the event loop between steps; 0: all at once (`REDLINE_ENGINE_SNAPSHOT_ROOMS_PER_SLICE`). */
  roomsPerSlice: number;
}

interface Generation {
  snapshots: Map<string, Buffer>;
  /** High-water mark and start position per `topic|partition`. */
  highs: Map<string, bigint>;
  starts: Map<string, bigint>;
  highsAsOfMs: number;
}

/**
 * Partition state between members: restores a partition from its latest
 * snapshot on the changelog (else from the group's committed offsets, else
 * the topics' oldest) and writes snapshots. What a generation of the group
 * starts from is read once, at the first partition taken on after a join.
 */
export class PartitionStateStore {
  private generation: Promise<Generation> | undefined;
  /**
   * Sliced snapshots are encoded one partition after another: a process's partitions come due together,
   * and eight encodings stepping at once put eight slices between any two steps of a batch (#15).
   */
  private encoding: Promise<void> = Promise.resolve();

  constructor(private readonly opts: PartitionStateStoreOptions) {}

  /** After a join: partitions new to this member must read the changelog and offsets as they are now. */
  newGeneration(): void {
    this.generation = undefined;
  }

  async start(partition: number): Promise<PartitionStart> {
    const info = await (this.generation ??= this.loadGeneration());
    const key = String(partition);
    const bytes = info.snapshots.get(key);
    let pipeline: RiskPipeline | undefined;
    const spec: PipelineSpec = { ...this.opts.spec, ...this.opts.specFor?.(partition) };
    if (bytes !== undefined) {
      try {
        const snap = decodeSnapshot(key, bytes);
        pipeline = restorePipeline(snap, spec);
        for (const [topic, offset] of Object.entries(snap.offsets)) info.starts.set(`${topic}|${partition}`, BigInt(offset));
      } catch (err) {
        // An older release's snapshot is expected once after an upgrade that changed the state (docs/operations.md): a warning.
        if (err instanceof SnapshotVersionError) this.opts.logger.warn("snapshot of another version; rebuilding this partition from its committed offsets", { partition, err });
        else this.opts.logger.error("snapshot unusable; starting this partition from its committed offsets", { partition, err });
      }
    }
    const lanes = this.opts.inputTopics.map((topic) => ({
      topic,
      nextOffset: info.starts.get(`${topic}|${partition}`) ?? 0n,
      highWatermark: info.highs.get(`${topic}|${partition}`) ?? 0n,
    }));
    return { pipeline: pipeline ?? createPipeline(spec), restored: pipeline !== undefined, lanes, highsAsOfMs: info.highsAsOfMs };
  }

  /**
   * Writes the partition's checkpoint: its pipeline as it stands at the call
   * and, per topic, the first offset that pipeline has not seen. Captured
   * before the call returns; with slices the rooms are encoded between turns
   * of the event loop while the pipeline goes on, one partition's at a time
   * (#15: one encoding of 2,500 rooms held every partition's input 0.3-0.8 s). `stillWanted` is asked
   * before the write: a partition since handed to another member must not
   * overwrite what its new owner restores from. Resolves to the size written, 0 if none.
   */
  async save(partition: number, offsets: Record<string, string>, pipeline: RiskPipeline, stillWanted: () => boolean = () => true): Promise<number> {
    const sliced = this.opts.roomsPerSlice > 0;
    const capture = captureSnapshot(pipeline, { partition, offsets, takenAtMs: this.opts.now() }, sliced ? this.opts.roomsPerSlice : Number.MAX_SAFE_INTEGER);
    if (sliced) {
      const encoded = this.encoding.then(async () => {
        while (capture.step()) await new Promise<void>((resolve) => setImmediate(resolve));
      });
      this.encoding = encoded.catch(() => undefined);
      await encoded;
    }
    const value = capture.finish();
    if (!stillWanted()) return 0;
    await this.opts.io.writeSnapshot(String(partition), value);
    return value.length;
  }

  private async loadGeneration(): Promise<Generation> {
    const highsAsOfMs = this.opts.now();
    const [snapshots, marks, committed] = await Promise.all([this.opts.io.readSnapshots(), this.opts.io.watermarks(), this.opts.io.committedOffsets()]);
    const highs = new Map<string, bigint>();
    const starts = new Map<string, bigint>();
    for (const [topic, parts] of marks.high) for (const [partition, high] of parts) highs.set(`${topic}|${partition}`, high);
    for (const [topic, parts] of marks.low) for (const [partition, low] of parts) starts.set(`${topic}|${partition}`, low);
    for (const [topic, parts] of committed) for (const [partition, offset] of parts) starts.set(`${topic}|${partition}`, offset);
    return { snapshots, highs, starts, highsAsOfMs };
  }
}
