/**
 * How far every producer is known complete, as seen by one reader of a topic
 * with `lanes` partitions. Records of one producer on one partition arrive in
 * the order it wrote them, so its latest watermark there bounds everything
 * still to come from it there; the frontier is the least of those over every
 * partition and every producer. Until each (partition, producer) has been
 * heard from, the frontier is -Infinity: nothing can be proven complete.
 */
import { ProducerLayoutError } from "./errors";
import type { ProducerMark } from "./progress";

export interface ProducerProgressSnapshot {
  lanes: number;
  producerPartitions: number;
  /** [lane, producerPartition, watermarkMs] */
  watermarks: Array<[number, number, number]>;
}

export class ProducerProgress {
  private producerPartitions = 0;
  private readonly watermarks = new Map<string, number>();

  constructor(readonly lanes: number) {}

  /** Takes in one record's producer progress, read on topic partition `lane`. */
  observe(lane: number, mark: ProducerMark): void {
    if (this.producerPartitions === 0) this.producerPartitions = mark.producerPartitions;
    else if (mark.producerPartitions !== this.producerPartitions) throw new ProducerLayoutError(this.producerPartitions, mark.producerPartitions);
    const key = `${lane}/${mark.producerPartition}`;
    // A mark re-read after a restart must not move the frontier back.
    if (mark.watermarkMs > (this.watermarks.get(key) ?? Number.NEGATIVE_INFINITY)) this.watermarks.set(key, mark.watermarkMs);
  }

  /** Every record of event time at or below this has been read, from every producer on every partition. */
  frontierMs(): number {
    if (this.producerPartitions === 0 || this.watermarks.size < this.lanes * this.producerPartitions) return Number.NEGATIVE_INFINITY;
    let min = Number.POSITIVE_INFINITY;
    for (const w of this.watermarks.values()) min = Math.min(min, w);
    return min;
  }

  /** The (partition, producer) pairs not heard from yet, for a log line while start-up waits. */
  missing(): string[] {
    const out: string[] = [];
    for (let lane = 0; lane < this.lanes; lane++) {
      for (let p = 0; p < Math.max(1, this.producerPartitions); p++) if (!this.watermarks.has(`${lane}/${p}`)) out.push(`${lane}/${p}`);
    }
    return out;
  }

  toSnapshot(): ProducerProgressSnapshot {
    return {
      lanes: this.lanes,
      producerPartitions: this.producerPartitions,
      watermarks: [...this.watermarks].map(([key, w]) => {
        const [lane, p] = key.split("/").map(Number) as [number, number];
        return [lane, p, w];
      }),
    };
  }

  static fromSnapshot(snapshot: ProducerProgressSnapshot): ProducerProgress {
    const progress = new ProducerProgress(snapshot.lanes);
    progress.producerPartitions = snapshot.producerPartitions;
    for (const [lane, p, w] of snapshot.watermarks) progress.watermarks.set(`${lane}/${p}`, w);
    return progress;
  }
}
