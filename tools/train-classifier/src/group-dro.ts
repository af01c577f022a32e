import { LABEL_COUNT as LIBRARY_LABEL_COUNT, TEXT_LABELS } from "@redline/text-classifier";
import { TrainingError } from "./errors";
import { UNKNOWN, type Example } from "./example";
import { FAMILY_SOURCES, parseFamilyLabels } from "./label-families";

// A module constant: a package import compiles to a getter, read on every training step.
const LABEL_COUNT: number = LIBRARY_LABEL_COUNT;

export interface GroupDroOptions {
  /** Per label in TEXT_LABELS order: whether its family's (domain, class) groups are reweighted. */
  labels: readonly boolean[];
  /** The exponentiated-gradient step on a group's mean log loss (Sagawa et al.'s eta_q, per update). */
  step: number;
  /** Updates of the group weights per pass over the training set. */
  updatesPerEpoch: number;
  /**
   * Epochs during which the weights move (then they stay): in the first, each
   * example's loss is measured before it is trained on, an out-of-sample
   * estimate; later losses measure fit, which a small group can reach by
   * memorising (Sagawa et al.'s case for regularisation). Absent: every epoch.
   */
  epochs?: number;
}

/**
 * Group DRO (Sagawa, Koh, Hashimoto, Liang, ICLR 2020) for the labels whose
 * training data has held-out families (issue 14): every (domain, class) of
 * the family is a group (review category × negative/not, COLD topic ×
 * offensive/safe, video or SMS × lure/not), each with a weight q_g. Training
 * tallies each group's mean log loss between updates and raises the weights
 * of the groups that lose most (q_g ← q_g·exp(step·loss_g)), so the model is
 * pushed towards the worst group rather than the average: the hope is that
 * the domain it has not seen looks more like a training domain it does badly
 * on than like the average one. The weights multiply the example's gradient
 * on top of the committed procedure's weighting (mean multiplier 1 over the
 * groups), so step 0 is the committed model exactly; examples outside the
 * family (seed lines, tweets, fragments) keep weight 1. The losses are those
 * of the training pass itself: in the first epoch each example is seen before
 * it is trained on, later epochs measure fit.
 */
export class GroupDro {
  /** Per example in a family: its group per label (−1: none). */
  private readonly groupOf = new Map<Example, Int32Array>();
  private readonly names: string[][] = TEXT_LABELS.map(() => []);
  private readonly weights: Float64Array[];
  private readonly lossSum: Float64Array[];
  private readonly count: Float64Array[];
  private readonly lastLoss: Float64Array[];
  private steps = 0;
  private readonly interval: number;

  constructor(
    private readonly options: GroupDroOptions,
    examples: readonly Example[],
  ) {
    if (!(options.step >= 0) || !(options.updatesPerEpoch >= 1)) throw new TrainingError("group DRO needs a step >= 0 and at least one update per epoch", { ...options });
    const index = TEXT_LABELS.map(() => new Map<string, number>());
    for (const e of examples) {
      const domain = (e as Example & { domain?: unknown }).domain;
      if (typeof domain !== "string") continue;
      const groups = new Int32Array(LABEL_COUNT).fill(-1);
      TEXT_LABELS.forEach((label, l) => {
        const target = e.targets[l] as number;
        if (options.labels[l] !== true || target === UNKNOWN || FAMILY_SOURCES[label]?.includes(e.source) !== true) return;
        const key = `${domain}/${target === 1 ? "pos" : "neg"}`;
        const map = index[l] as Map<string, number>;
        if (!map.has(key)) map.set(key, map.size);
        groups[l] = map.get(key) as number;
      });
      if (groups.some((g) => g >= 0)) this.groupOf.set(e, groups);
    }
    index.forEach((map, l) => (this.names[l] = [...map.keys()]));
    const sized = (fill: number): Float64Array[] => index.map((map) => new Float64Array(map.size).fill(fill));
    this.weights = sized(1);
    this.lossSum = sized(0);
    this.count = sized(0);
    this.lastLoss = sized(0);
    this.interval = Math.max(1, Math.ceil(examples.length / options.updatesPerEpoch));
  }

  /** Groups per label, for the log. */
  get groupCounts(): number[] {
    return this.names.map((n) => n.length);
  }

  /**
   * Scales `grads` (the labels' logit gradients of `example`) by its groups'
   * weights and tallies its loss from `logits`; every `interval` steps the
   * weights are updated. Call once per training step.
   */
  apply(example: Example, logits: Float64Array, grads: Float64Array, log: (line: string) => void): void {
    const groups = this.groupOf.get(example);
    if (groups !== undefined) {
      for (let l = 0; l < LABEL_COUNT; l++) {
        const g = groups[l] as number;
        if (g < 0) continue;
        const p = 1 / (1 + Math.exp(-(logits[l] as number)));
        const loss = -Math.log(Math.max(example.targets[l] === 1 ? p : 1 - p, 1e-12));
        (this.lossSum[l] as Float64Array)[g] += loss;
        (this.count[l] as Float64Array)[g] += 1;
        grads[l] = (grads[l] as number) * ((this.weights[l] as Float64Array)[g] as number);
      }
    }
    const moving = this.options.epochs === undefined || this.steps < this.interval * this.options.updatesPerEpoch * this.options.epochs;
    if (++this.steps % this.interval === 0 && moving) this.update(log);
  }

  /** q_g ← q_g·exp(step·loss_g), normalised to mean 1; a group with no example since the last update keeps its last loss. */
  private update(log: (line: string) => void): void {
    for (let l = 0; l < LABEL_COUNT; l++) {
      const q = this.weights[l] as Float64Array;
      if (q.length === 0) continue;
      const sums = this.lossSum[l] as Float64Array;
      const counts = this.count[l] as Float64Array;
      const last = this.lastLoss[l] as Float64Array;
      for (let g = 0; g < q.length; g++) {
        if ((counts[g] as number) > 0) last[g] = (sums[g] as number) / (counts[g] as number);
        q[g] = (q[g] as number) * Math.exp(this.options.step * (last[g] as number));
      }
      const mean = q.reduce((s, x) => s + x, 0) / q.length;
      for (let g = 0; g < q.length; g++) q[g] = (q[g] as number) / mean;
      sums.fill(0);
      counts.fill(0);
    }
    if (this.steps % (this.interval * this.options.updatesPerEpoch) === 0) log(`group DRO: ${this.describe()}`);
  }

  /** A label's group weights by group name ("domain/pos", "domain/neg": the label's positives and negatives of the domain). */
  weightsOf(l: number): Record<string, number> {
    return Object.fromEntries((this.names[l] ?? []).map((name, g) => [name, (this.weights[l] as Float64Array)[g] as number]));
  }

  /** Per label, the heaviest groups and their weights and last mean losses. */
  describe(): string {
    return TEXT_LABELS.flatMap((label, l) => {
      const q = this.weights[l] as Float64Array;
      if (q.length === 0) return [];
      const top = [...q.keys()].sort((a, b) => (q[b] as number) - (q[a] as number)).slice(0, 3);
      return [`${label} ${top.map((g) => `${this.names[l]?.[g]} ${(q[g] as number).toFixed(2)} (loss ${((this.lastLoss[l] as Float64Array)[g] as number).toFixed(3)})`).join(", ")}`];
    }).join("; ");
  }
}

/** `--group-dro LABEL,... [--group-dro-step X] [--group-dro-updates N] [--group-dro-epochs E]` as TrainerOptions.groupDro; nothing when absent. */
export function parseGroupDro(value: (flag: string) => string | undefined): { groupDro?: GroupDroOptions } {
  const spec = value("--group-dro");
  if (spec === undefined) return {};
  const epochs = value("--group-dro-epochs");
  return {
    groupDro: {
      labels: parseFamilyLabels(spec, "--group-dro"),
      step: Number(value("--group-dro-step") ?? 0.01),
      updatesPerEpoch: Number(value("--group-dro-updates") ?? 100),
      ...(epochs === undefined ? {} : { epochs: Number(epochs) }),
    },
  };
}
