import { hash32, mulberry32 } from "@redline/common";

/** A seed for one part of a run, so each room is the same whatever chunking or order generates it. */
export function deriveSeed(seed: number, ...parts: (string | number)[]): number {
  return hash32(parts.join("/"), seed >>> 0);
}

/** Seeded draws in the shapes the threat model speaks in (ranges, log-uniform sizes, gaps with a CV). */
export class Rng {
  private readonly source: () => number;

  constructor(seed: number) {
    this.source = mulberry32(seed);
  }

  next(): number {
    return this.source();
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.source();
  }

  /** Integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return Math.floor(this.uniform(lo, hi + 1 - 1e-9));
  }

  logUniform(lo: number, hi: number): number {
    return Math.exp(this.uniform(Math.log(lo), Math.log(hi)));
  }

  chance(p: number): boolean {
    return this.source() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[Math.floor(this.source() * items.length)]!;
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.source() * total;
    for (const [key, w] of entries) {
      x -= w;
      if (x < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }

  normal(): number {
    const u = Math.max(this.source(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.source());
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /**
   * A positive gap with the given mean and coefficient of variation (log-normal), the way
   * farm software with "randomise" on schedules actions; CV near 0 is a fixed schedule.
   */
  gap(mean: number, cv: number): number {
    const s2 = Math.log(1 + cv * cv);
    return mean * Math.exp(-s2 / 2 + Math.sqrt(s2) * this.normal());
  }

  /** Random lowercase hex, for ids that carry no hint of their role. */
  hex(length: number): string {
    let out = "";
    while (out.length < length) out += Math.floor(this.source() * 0x100000000).toString(16).padStart(8, "0");
    return out.slice(0, length);
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.source() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}
