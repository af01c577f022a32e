/**
 * A DDSketch (Masson, Rim and Lee, VLDB 2019) over non-negative values: log-spaced
 * bins with a relative-accuracy guarantee, a separate count of zeros (most
 * shares of a quiet room are 0), and a bounded number of bins that collapses
 * the *lowest* ones when full, because a peer baseline is read at its median
 * and upper tail. Merging adds bin counts, so the merge of per-partition
 * sketches is the same whatever order they arrive in: the property that lets
 * every engine instance compute one platform-wide baseline.
 *
 * Written here rather than taken from @datadog/sketches-js (2.1.1, checked):
 * that one answers only "value at quantile", not "quantile of a value", which
 * is the one question a peer baseline asks, and its serialisation requires
 * protobufjs without declaring it.
 */
import { InvalidMeasurementError, SketchFormatError } from "./errors";

/** Values at or below this count as zero (shares and rates have no meaningful scale below it). */
const ZERO_BELOW = 1e-9;

export interface SketchOptions {
  /** Relative accuracy of any quantile read back, e.g. 0.02 for ±2 %. */
  relativeAccuracy: number;
  /** At most this many bins; the lowest merge into one when more are needed. */
  maxBins: number;
}

export const DEFAULT_SKETCH_OPTIONS: Readonly<SketchOptions> = Object.freeze({ relativeAccuracy: 0.02, maxBins: 256 });

/** The plain form a sketch travels and is snapshotted in: bins ascending by index. */
export interface EncodedSketch {
  relativeAccuracy: number;
  maxBins: number;
  zeros: number;
  indexes: number[];
  counts: number[];
}

export class QuantileSketch {
  private readonly gamma: number;
  private readonly logGamma: number;
  private zeros = 0;
  /** Bin index -> count; kept sorted only when read. */
  private readonly bins = new Map<number, number>();
  private total = 0;

  constructor(readonly options: Readonly<SketchOptions> = DEFAULT_SKETCH_OPTIONS) {
    const a = options.relativeAccuracy;
    if (!(a > 0 && a < 1) || !Number.isInteger(options.maxBins) || options.maxBins < 2) {
      throw new SketchFormatError(`relative accuracy must be in (0, 1) and maxBins an integer >= 2`, { ...options });
    }
    this.gamma = (1 + a) / (1 - a);
    this.logGamma = Math.log(this.gamma);
  }

  get count(): number {
    return this.total;
  }

  add(value: number, weight = 1): void {
    if (!Number.isFinite(value) || value < 0) throw new InvalidMeasurementError(value);
    if (!(weight > 0)) throw new InvalidMeasurementError(weight);
    this.total += weight;
    if (value <= ZERO_BELOW) {
      this.zeros += weight;
      return;
    }
    const i = this.indexOf(value);
    this.bins.set(i, (this.bins.get(i) ?? 0) + weight);
    if (this.bins.size > this.options.maxBins) this.collapseLowest();
  }

  /** Adds `other`'s counts to this sketch; both must have the same accuracy and bin limit. */
  merge(other: QuantileSketch): void {
    if (other.options.relativeAccuracy !== this.options.relativeAccuracy || other.options.maxBins !== this.options.maxBins) {
      throw new SketchFormatError("cannot merge sketches of different accuracy or bin limit", { ours: this.options, theirs: other.options });
    }
    this.zeros += other.zeros;
    this.total += other.total;
    for (const [i, c] of other.bins) this.bins.set(i, (this.bins.get(i) ?? 0) + c);
    while (this.bins.size > this.options.maxBins) this.collapseLowest();
  }

  /** The value below which a share `q` of the mass lies (within the relative accuracy); NaN when empty. */
  quantile(q: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.min(1, Math.max(0, q)) * (this.total - 1);
    if (rank < this.zeros) return 0;
    const sorted = this.sortedBins();
    let seen = this.zeros;
    for (const [i, c] of sorted) {
      seen += c;
      if (seen > rank) return this.valueOf(i);
    }
    return this.valueOf(sorted.at(-1)![0]);
  }

  /**
   * Share of the mass strictly below `value`, plus half of the mass in its bin (mid-rank, so a value equal to
   * every peer's sits at 0.5, not at 0 or 1); NaN when empty.
   */
  rankOf(value: number): number {
    if (this.total === 0) return Number.NaN;
    if (!Number.isFinite(value) || value < 0) throw new InvalidMeasurementError(value);
    if (value <= ZERO_BELOW) return this.zeros / 2 / this.total;
    const target = this.indexOf(value);
    let below = this.zeros;
    let same = 0;
    for (const [i, c] of this.bins) {
      if (i < target) below += c;
      else if (i === target) same = c;
    }
    return (below + same / 2) / this.total;
  }

  encode(): EncodedSketch {
    const sorted = this.sortedBins();
    return {
      relativeAccuracy: this.options.relativeAccuracy,
      maxBins: this.options.maxBins,
      zeros: this.zeros,
      indexes: sorted.map(([i]) => i),
      counts: sorted.map(([, c]) => c),
    };
  }

  static decode(e: EncodedSketch): QuantileSketch {
    const shapeOk =
      e !== null && typeof e === "object" && Array.isArray(e.indexes) && Array.isArray(e.counts) && e.indexes.length === e.counts.length && Number.isFinite(e.zeros) && e.zeros >= 0;
    if (!shapeOk) throw new SketchFormatError("not an encoded sketch (zeros, indexes and counts of equal length)");
    const sketch = new QuantileSketch({ relativeAccuracy: e.relativeAccuracy, maxBins: e.maxBins });
    if (e.indexes.length > e.maxBins) throw new SketchFormatError(`${e.indexes.length} bins over the limit of ${e.maxBins}`);
    sketch.zeros = e.zeros;
    sketch.total = e.zeros;
    for (let k = 0; k < e.indexes.length; k++) {
      const i = e.indexes[k]!;
      const c = e.counts[k]!;
      if (!Number.isInteger(i) || !(c > 0) || sketch.bins.has(i)) throw new SketchFormatError(`bin ${k} is not a distinct integer index with a positive count`, { index: i, count: c });
      sketch.bins.set(i, c);
      sketch.total += c;
    }
    return sketch;
  }

  private indexOf(value: number): number {
    return Math.ceil(Math.log(value) / this.logGamma);
  }

  /** The bin's representative value: the one with the least relative error to anything the bin holds. */
  private valueOf(index: number): number {
    return (2 * Math.pow(this.gamma, index)) / (this.gamma + 1);
  }

  private sortedBins(): [number, number][] {
    return [...this.bins].sort((a, b) => a[0] - b[0]);
  }

  /** Folds the lowest bin into the next one up: one pass for the two least indexes, no sort. */
  private collapseLowest(): void {
    let lowest = Infinity;
    let next = Infinity;
    for (const i of this.bins.keys()) {
      if (i < lowest) [lowest, next] = [i, lowest];
      else if (i < next) next = i;
    }
    this.bins.set(next, this.bins.get(next)! + this.bins.get(lowest)!);
    this.bins.delete(lowest);
  }
}
