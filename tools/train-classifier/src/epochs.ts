import { LABEL_COUNT as LIBRARY_LABEL_COUNT } from "@redline/text-classifier";
import { UNKNOWN, type Example } from "./example";
import type { FeatureMatrix } from "./feature-cache";
import { shuffleInPlace, type Random } from "./rng";

// A module constant: a package import compiles to a getter, read on every step of the per-feature loops.
const LABEL_COUNT: number = LIBRARY_LABEL_COUNT;

/** Weighted log loss of an epoch, for the progress line. */
export interface LossTally {
  loss: number;
  weight: number;
}

/**
 * The loop both trainers share: `epochs` passes over the examples in a
 * freshly shuffled order each, skipping texts without features, with one
 * progress line per epoch ("epoch 3/10: ...", which train-cli's bar reads).
 * `step` receives the example's feature range and the 1/√n norm.
 */
export function runEpochs(
  examples: readonly Example[],
  matrix: FeatureMatrix,
  epochs: number,
  random: Random,
  log: (line: string) => void,
  step: (example: Example, start: number, end: number, norm: number, tally: LossTally) => void,
): void {
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    const tally: LossTally = { loss: 0, weight: 0 };
    for (const row of order) {
      const start = matrix.offsets[row] as number;
      const end = matrix.offsets[row + 1] as number;
      if (end === start) continue;
      step(examples[row] as Example, start, end, 1 / Math.sqrt(end - start), tally);
    }
    log(`epoch ${epoch + 1}/${epochs}: weighted log loss ${(tally.loss / tally.weight).toFixed(4)}`);
  }
}

/**
 * Per label, the log-loss gradient of the logit (0 where the example's source
 * does not know the label), weighted by the example and the positive
 * multiplier; adds the loss to `tally`. Returns whether any label is known.
 */
export function labelGradients(logits: Float64Array, example: Example, multipliers: Float64Array, grads: Float64Array, tally: LossTally): boolean {
  let any = false;
  for (let l = 0; l < LABEL_COUNT; l++) {
    const target = example.targets[l] as number;
    if (target === UNKNOWN) {
      grads[l] = 0;
      continue;
    }
    const p = 1 / (1 + Math.exp(-(logits[l] as number)));
    const w = example.weight * (target === 1 ? (multipliers[l] as number) : 1);
    grads[l] = (p - target) * w;
    tally.loss += -w * Math.log(target === 1 ? Math.max(p, 1e-12) : Math.max(1 - p, 1e-12));
    tally.weight += w;
    any = true;
  }
  return any;
}
