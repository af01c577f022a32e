/**
 * Fitting the falsification combiner (issue 12): a class-balanced, L2-regularised logistic regression over
 * standardised window features, by full-batch Adam for a fixed number of steps, so the same samples always give
 * the same weights. Pure: samples in, model out.
 */
import type { CombinerKindModel } from "@redline/engine";

export interface FitOptions {
  l2: number;
  iterations: number;
  rate: number;
}

export const DEFAULT_FIT: Readonly<FitOptions> = { l2: 1e-3, iterations: 300, rate: 0.05 };

export type LogisticModel = Omit<CombinerKindModel, "threshold" | "maxAccounts">;

function standardisation(xs: readonly (readonly number[])[], d: number): { mean: number[]; scale: number[] } {
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const x of xs) for (let i = 0; i < d; i++) mean[i]! += x[i]!;
  for (let i = 0; i < d; i++) mean[i]! /= xs.length;
  for (const x of xs) for (let i = 0; i < d; i++) scale[i]! += (x[i]! - mean[i]!) ** 2;
  // A feature that never varies in training gets scale 1: its standardised value is 0 wherever it was seen.
  for (let i = 0; i < d; i++) scale[i] = scale[i]! / xs.length > 1e-12 ? Math.sqrt(scale[i]! / xs.length) : 1;
  return { mean, scale };
}

/** The model's logit for one feature vector. */
export function logitOf(m: Readonly<LogisticModel>, x: ArrayLike<number>): number {
  let s = m.bias;
  for (let i = 0; i < m.weights.length; i++) s += (m.weights[i]! * (x[i]! - m.mean[i]!)) / m.scale[i]!;
  return s;
}

/**
 * Fits P(positive | x). Positives and negatives carry half the loss each, whatever their counts: attacked windows
 * are a few per cent of the samples.
 */
export function fitLogistic(xs: readonly (readonly number[])[], ys: readonly boolean[], opts: Readonly<FitOptions> = DEFAULT_FIT): LogisticModel {
  if (xs.length === 0 || xs.length !== ys.length) throw new Error(`fitLogistic: ${xs.length} samples and ${ys.length} labels`);
  const positives = ys.filter(Boolean).length;
  if (positives === 0 || positives === ys.length) throw new Error(`fitLogistic: needs both classes (${positives} positive of ${ys.length})`);
  const d = xs[0]!.length;
  const { mean, scale } = standardisation(xs, d);
  const zs = xs.map((x) => x.map((v, i) => (v - mean[i]!) / scale[i]!));
  const wPos = 0.5 / positives;
  const wNeg = 0.5 / (ys.length - positives);
  const theta = new Array<number>(d + 1).fill(0); // weights, then the bias
  const m1 = new Array<number>(d + 1).fill(0);
  const m2 = new Array<number>(d + 1).fill(0);
  const grad = new Array<number>(d + 1);
  for (let step = 1; step <= opts.iterations; step++) {
    grad.fill(0);
    for (let n = 0; n < zs.length; n++) {
      const z = zs[n]!;
      let s = theta[d]!;
      for (let i = 0; i < d; i++) s += theta[i]! * z[i]!;
      const err = (1 / (1 + Math.exp(-s)) - (ys[n] ? 1 : 0)) * (ys[n] ? wPos : wNeg);
      for (let i = 0; i < d; i++) grad[i]! += err * z[i]!;
      grad[d]! += err;
    }
    for (let i = 0; i < d; i++) grad[i]! += opts.l2 * theta[i]!;
    for (let i = 0; i <= d; i++) {
      m1[i] = 0.9 * m1[i]! + 0.1 * grad[i]!;
      m2[i] = 0.999 * m2[i]! + 0.001 * grad[i]! ** 2;
      theta[i]! -= (opts.rate * (m1[i]! / (1 - 0.9 ** step))) / (Math.sqrt(m2[i]! / (1 - 0.999 ** step)) + 1e-8);
    }
  }
  return { mean, scale, weights: theta.slice(0, d), bias: theta[d]! };
}
