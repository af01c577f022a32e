/**
 * Welford running mean and variance, used for inter-arrival regularity:
 * machine-scheduled actions have a coefficient of variation far below the
 * ~1 of human (Poisson-like) arrivals.
 */
export interface RunningStats {
  n: number;
  mean: number;
  m2: number;
}

export function createRunningStats(): RunningStats {
  return { n: 0, mean: 0, m2: 0 };
}

export function rsAdd(s: RunningStats, x: number): void {
  s.n++;
  const d = x - s.mean;
  s.mean += d / s.n;
  s.m2 += d * (x - s.mean);
}

/** Coefficient of variation (stddev / mean); 1 (Poisson-like) until there are 3 samples. */
export function rsCoefficientOfVariation(s: RunningStats): number {
  return coefficientOfVariation(s.n, s.mean, s.m2);
}

/** The same from the three sums, for stats kept outside a `RunningStats` (account slots' columns). */
export function coefficientOfVariation(n: number, mean: number, m2: number): number {
  if (n < 3 || mean <= 0) return 1;
  return Math.sqrt(m2 / (n - 1)) / mean;
}

/** Inter-arrival tracker: feeds gaps between successive event times into running stats. */
export interface InterArrival {
  lastMs: number;
  gaps: RunningStats;
}

export function createInterArrival(): InterArrival {
  return { lastMs: -1, gaps: createRunningStats() };
}

export function iaAdd(ia: InterArrival, timeMs: number): void {
  if (ia.lastMs >= 0 && timeMs >= ia.lastMs) rsAdd(ia.gaps, timeMs - ia.lastMs);
  if (timeMs > ia.lastMs) ia.lastMs = timeMs;
}
