/**
 * The producer's half of a peer baseline: per key (group and signal), one
 * sketch per event-time minute for the last `windowMinutes`, so that when a
 * minute closes the producer can publish its partial view of the window
 * (merged minutes) as that minute's version. Every engine partition publishes
 * its own partial; readers merge the partials of all partitions
 * (`mergePartials`), which gives the same platform-wide sketch however the
 * rooms are spread over partitions. Memory is bounded by keys x minutes x bins.
 */
import { SketchFormatError } from "./errors";
import { DEFAULT_SKETCH_OPTIONS, QuantileSketch, type EncodedSketch, type SketchOptions } from "./quantile-sketch";

const MINUTE_MS = 60_000;

export interface RollingOptions {
  windowMinutes: number;
  /** At most this many keys; a new key beyond it is ignored (and counted), never an old one evicted mid-window. */
  maxKeys: number;
  sketch: Readonly<SketchOptions>;
}

export const DEFAULT_ROLLING_OPTIONS: Readonly<RollingOptions> = Object.freeze({ windowMinutes: 30, maxKeys: 4_096, sketch: DEFAULT_SKETCH_OPTIONS });

export interface RollingSnapshot {
  options: RollingOptions;
  refused: number;
  /** [key, minuteMs, sketch] in insertion order. */
  minutes: [string, number, EncodedSketch][];
}

export class RollingSketches {
  private readonly byKey = new Map<string, Map<number, QuantileSketch>>();
  private refusedKeys = 0;

  constructor(readonly options: Readonly<RollingOptions> = DEFAULT_ROLLING_OPTIONS) {}

  /** Values offered under a key the bound refused. */
  get refused(): number {
    return this.refusedKeys;
  }

  add(key: string, eventTimeMs: number, value: number): void {
    let minutes = this.byKey.get(key);
    if (minutes === undefined) {
      if (this.byKey.size >= this.options.maxKeys) {
        this.refusedKeys++;
        return;
      }
      this.byKey.set(key, (minutes = new Map()));
    }
    const minute = minuteOf(eventTimeMs);
    let sketch = minutes.get(minute);
    if (sketch === undefined) minutes.set(minute, (sketch = new QuantileSketch(this.options.sketch)));
    sketch.add(value);
  }

  /**
   * The window ending with `minuteMs` (inclusive) per key, merged: this producer's partial for that minute.
   * Minutes that fell out of the window are dropped, and keys left with none are forgotten.
   */
  closeMinute(minuteMs: number): Map<string, EncodedSketch> {
    const end = minuteOf(minuteMs);
    const first = end - (this.options.windowMinutes - 1) * MINUTE_MS;
    const out = new Map<string, EncodedSketch>();
    for (const [key, minutes] of this.byKey) {
      const merged = new QuantileSketch(this.options.sketch);
      for (const [minute, sketch] of minutes) {
        if (minute < first) minutes.delete(minute);
        else if (minute <= end) merged.merge(sketch);
      }
      if (minutes.size === 0) this.byKey.delete(key);
      if (merged.count > 0) out.set(key, merged.encode());
    }
    return out;
  }

  snapshot(): RollingSnapshot {
    const minutes: [string, number, EncodedSketch][] = [];
    for (const [key, byMinute] of this.byKey) for (const [minute, sketch] of byMinute) minutes.push([key, minute, sketch.encode()]);
    return { options: { ...this.options }, refused: this.refusedKeys, minutes };
  }

  static restore(s: RollingSnapshot): RollingSketches {
    if (s === null || typeof s !== "object" || !Array.isArray(s.minutes)) throw new SketchFormatError("not a rolling-sketches snapshot");
    const rolling = new RollingSketches(s.options);
    rolling.refusedKeys = s.refused;
    for (const [key, minute, encoded] of s.minutes) {
      let byMinute = rolling.byKey.get(key);
      if (byMinute === undefined) rolling.byKey.set(key, (byMinute = new Map()));
      byMinute.set(minute, QuantileSketch.decode(encoded));
    }
    return rolling;
  }
}

export function minuteOf(eventTimeMs: number): number {
  return Math.floor(eventTimeMs / MINUTE_MS) * MINUTE_MS;
}

/** Merges the partials every producer published for one key and minute into the platform-wide sketch. */
export function mergePartials(partials: Iterable<EncodedSketch>): QuantileSketch | undefined {
  let merged: QuantileSketch | undefined;
  for (const p of partials) {
    const sketch = QuantileSketch.decode(p);
    if (merged === undefined) merged = sketch;
    else merged.merge(sketch);
  }
  return merged;
}
