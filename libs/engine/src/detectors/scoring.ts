/**
 * Turns measured signals into a score in [0, 1] and an explanation. Each
 * signal has a strength in [0, 1] (how far past its normal range it is) and
 * a weight; the score is a noisy-or, so any one strong signal can carry an
 * alert while weak ones only add up slowly.
 */
import { Severity } from "@redline/proto";
import type { Signal } from "@redline/proto";

export interface MeasuredSignal {
  name: string;
  /** The raw measurement, reported as is. */
  value: number;
  /** In [0, 1]. */
  strength: number;
  weight: number;
}

/** Linear ramp: 0 at or below `from`, 1 at or above `to`. */
export function ramp(x: number, from: number, to: number): number {
  if (!(x > from)) return 0;
  if (x >= to) return 1;
  return (x - from) / (to - from);
}

export function ratio(part: number, whole: number): number {
  return whole > 0 ? Math.min(1, part / whole) : 0;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export function combine(signals: readonly MeasuredSignal[]): { score: number; signals: Signal[] } {
  let miss = 1;
  let mass = 0;
  for (const s of signals) {
    const p = Math.max(0, Math.min(1, s.strength * s.weight));
    miss *= 1 - p;
    mass += p;
  }
  const score = 1 - miss;
  const out = signals
    .map((s) => ({ name: s.name, value: round4(s.value), contribution: mass > 0 ? round4((Math.max(0, Math.min(1, s.strength * s.weight)) / mass) * score) : 0 }))
    .sort((a, b) => b.contribution - a.contribution || (a.name < b.name ? -1 : 1));
  return { score: round4(score), signals: out };
}

export function severityOf(score: number): Severity {
  if (score >= 0.97) return Severity.SEVERITY_CRITICAL;
  if (score >= 0.85) return Severity.SEVERITY_HIGH;
  if (score >= 0.7) return Severity.SEVERITY_MEDIUM;
  return Severity.SEVERITY_LOW;
}
