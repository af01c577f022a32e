/** The shape of the fitted combiner's model (combiner-model.ts, written by `npm run fit:combiner`). */
import type { CohortKind } from "./cohort-state";

export interface CombinerKindModel {
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
  threshold: number;
  /** The most accounts of any attacked window it was fitted on: it does not judge larger windows (no support there). */
  maxAccounts: number;
}

export interface CombinerModel {
  version: string;
  fittedOn: string;
  features: readonly string[];
  kinds: Partial<Record<CohortKind, CombinerKindModel>>;
}
