/**
 * Seeded pseudo-random draws over `mulberry32`: the same seed gives the same
 * traffic on every machine, which is what makes evaluation reproducible.
 */
import { Mulberry32 } from "@redline/common";

export class Rng {
  private readonly generator: Mulberry32;

  constructor(seed: number) {
    this.generator = new Mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.generator.next();
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Exponential with the given mean (gaps of a Poisson process). */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-space sigma (dwell times, account ages). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Zipf-like index in [0, n): a few values are common, most are rare. */
  zipf(n: number, exponent = 1.1): number {
    return Math.min(n - 1, Math.floor(n ** (this.next() ** exponent)) - 1);
  }

  /** An independent generator derived from this one and a label, so adding a room does not shift the others. */
  fork(label: string): Rng {
    let h = this.generator.state ^ 0x9e3779b9;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
    return new Rng(h >>> 0);
  }
}
