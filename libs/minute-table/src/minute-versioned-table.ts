/**
 * A table whose values are versioned by event-time minute, read the same way
 * by a service and by a replay (#21 account risk, #12 peer baselines). Each
 * version carries the minute whose input produced it and is used only for
 * events of a later minute, and only once every producer partition's
 * watermark has passed the end of the minute before the event's
 * (`readyFor`): by then every version that can apply to the event has been
 * read, whatever order the versions arrived in. A consumer that holds an
 * event until `readyFor` is true sees exactly the versions a replay computes.
 */
import { MINUTE_MS, minuteStart } from "./minute";
import { ProducerProgress } from "./producer-progress";
import type { ProducerMark } from "./progress";

export interface TableVersion<V> {
  /** Start of the event-time minute whose input produced the version. */
  minuteMs: number;
  producerPartition: number;
  /** null: the producer withdrew the key from this minute on. */
  value: V | null;
}

/** Versions kept per key and producer beyond the one in force: minutes still ahead of the reader. */
const MAX_VERSIONS_PER_KEY = 64;

export class MinuteVersionedTable<V> {
  readonly progress: ProducerProgress;
  /** key -> producer partition -> versions by minute, ascending. */
  private readonly versions = new Map<string, Map<number, Array<TableVersion<V>>>>();

  /** @param lanes partitions of the table's topic (every one carries every producer's marks). */
  constructor(lanes: number) {
    this.progress = new ProducerProgress(lanes);
  }

  get size(): number {
    return this.versions.size;
  }

  /** A record's producer progress, read on topic partition `lane` (values and marks alike). */
  observe(lane: number, mark: ProducerMark): void {
    this.progress.observe(lane, mark);
  }

  /** Stores a version; a second version of the same key, producer and minute replaces the first (the producer's last word on that minute). */
  put(key: string, version: TableVersion<V>): void {
    let byProducer = this.versions.get(key);
    if (byProducer === undefined) this.versions.set(key, (byProducer = new Map()));
    let list = byProducer.get(version.producerPartition);
    if (list === undefined) byProducer.set(version.producerPartition, (list = []));
    let at = list.length;
    while (at > 0 && list[at - 1]!.minuteMs > version.minuteMs) at--;
    if (at > 0 && list[at - 1]!.minuteMs === version.minuteMs) list[at - 1] = version;
    else list.splice(at, 0, version);
    if (list.length > MAX_VERSIONS_PER_KEY) list.shift();
  }

  /** Every version that can apply to an event at `eventTimeMs` has been read. */
  readyFor(eventTimeMs: number): boolean {
    return this.progress.frontierMs() >= minuteStart(eventTimeMs) - 1;
  }

  /**
   * The latest event time the table is ready for (`readyFor` holds at and
   * below it): the end of the minute after the one the frontier is in, as a
   * version is used only from the minute after the one that produced it.
   * -Infinity until every producer has been heard from.
   */
  readyThroughMs(): number {
    const frontier = this.progress.frontierMs();
    return frontier === Number.NEGATIVE_INFINITY ? frontier : minuteStart(frontier + 1) + MINUTE_MS - 1;
  }

  /** The value in force for an event at `eventTimeMs` from a single-producer table (the latest producer's, if several). */
  valueAt(key: string, eventTimeMs: number): V | undefined {
    let best: TableVersion<V> | undefined;
    for (const v of this.inForce(key, eventTimeMs).values()) {
      if (best === undefined || v.minuteMs > best.minuteMs || (v.minuteMs === best.minuteMs && v.producerPartition > best.producerPartition)) best = v;
    }
    return best?.value ?? undefined;
  }

  /** Per producer partition, the value in force for an event at `eventTimeMs` (partial aggregates to combine). */
  valuesAt(key: string, eventTimeMs: number): Map<number, V> {
    const out = new Map<number, V>();
    for (const [p, v] of this.inForce(key, eventTimeMs)) if (v.value !== null) out.set(p, v.value);
    return out;
  }

  /** Drops versions no event at or after `eventTimeMs` can use: all but the latest one in force, per key and producer. */
  forgetBefore(eventTimeMs: number): void {
    const minute = minuteStart(eventTimeMs);
    for (const [key, byProducer] of this.versions) {
      for (const [p, list] of byProducer) {
        let inForce = -1;
        for (let i = 0; i < list.length && list[i]!.minuteMs < minute; i++) inForce = i;
        if (inForce > 0) list.splice(0, inForce);
        if (list.length === 1 && list[0]!.value === null && list[0]!.minuteMs < minute) byProducer.delete(p);
      }
      if (byProducer.size === 0) this.versions.delete(key);
    }
  }

  private inForce(key: string, eventTimeMs: number): Map<number, TableVersion<V>> {
    const minute = minuteStart(eventTimeMs);
    const out = new Map<number, TableVersion<V>>();
    for (const [p, list] of this.versions.get(key) ?? []) {
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i]!.minuteMs < minute) {
          out.set(p, list[i]!);
          break;
        }
      }
    }
    return out;
  }
}
