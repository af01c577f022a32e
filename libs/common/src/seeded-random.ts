/**
 * Seeded pseudo-random numbers (mulberry32): the same seed gives the same
 * sequence on every machine, which is what makes simulated traffic, test
 * fixtures and evaluations reproducible. Not for anything secret.
 */
export class Mulberry32 {
  private current: number;

  constructor(seed: number) {
    this.current = seed >>> 0;
  }

  /** The generator's position, for deriving independent generators from it. */
  get state(): number {
    return this.current;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.current = (this.current + 0x6d2b79f5) >>> 0;
    let t = this.current;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** A seeded uniform [0, 1) source as a plain function. */
export function mulberry32(seed: number): () => number {
  const generator = new Mulberry32(seed);
  return () => generator.next();
}
