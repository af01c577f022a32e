import { LABEL_COUNT as LIBRARY_LABEL_COUNT, TEXT_LABELS } from "@redline/text-classifier";
import type { Example } from "./example";
import { FAMILY_SOURCES, parseFamilyLabels } from "./label-families";

// A module constant: a package import compiles to a getter, read on every step of the per-feature loops.
const LABEL_COUNT: number = LIBRARY_LABEL_COUNT;

/** Rows of the hashed (feature, domain) table: 2^20, so ~25 domains' vocabularies collide rarely. */
const TABLE_BITS = 20;

/**
 * Per-domain copies of the linear weights and bias for some labels, trained
 * jointly with the shared ones and thrown away after training: each review
 * category, COLD topic or spam medium gets its own copy of every feature for
 * its family's label, and an example's logit adds its domain's copy to the
 * shared weights. What one training domain says that the others do not (its
 * vocabulary, its prior) can be carried by its copy, so the shared weights,
 * the only ones that ship, keep more of what the domains have in common
 * (issue 14: the worst held-out domains fail on what the training domains do
 * not share). The idea is "undoing dataset bias" (Khosla et al., ECCV 2012)
 * and Daumé's feature augmentation (2007), scored on the unseen domain with
 * the shared part only. Only a label's own family gets copies: a COLD topic's
 * copy of NEGATIVE_REVIEW would take "social talk is no review" away from the
 * shared weights. The runtime is unchanged: the artifact holds the shared weights.
 */
export class DomainCopies {
  private readonly weights = new Float32Array((1 << TABLE_BITS) * LABEL_COUNT);
  private readonly gradSq = new Float32Array((1 << TABLE_BITS) * LABEL_COUNT).fill(1e-6);
  private readonly bias: Float64Array;
  private readonly biasGradSq: Float64Array;
  private readonly domainIndex = new Map<string, number>();
  /** Per label, whether the current example's domain has a copy of it (set by select). */
  private readonly active = new Uint8Array(LABEL_COUNT);
  private domain = -1;

  constructor(
    /** Per label in TEXT_LABELS order: whether it gets domain copies. */
    readonly labels: readonly boolean[],
    examples: readonly Example[],
  ) {
    for (const e of examples) {
      const key = familyDomainOf(e, labels);
      if (key !== undefined && !this.domainIndex.has(key)) this.domainIndex.set(key, this.domainIndex.size);
    }
    this.bias = new Float64Array(Math.max(1, this.domainIndex.size) * LABEL_COUNT);
    this.biasGradSq = new Float64Array(this.bias.length).fill(1e-6);
  }

  get domains(): number {
    return this.domainIndex.size;
  }

  /** Makes `example`'s domain the current one; returns false when it has no copy for any label. */
  select(example: Example): boolean {
    const key = familyDomainOf(example, this.labels);
    this.domain = key === undefined ? -1 : (this.domainIndex.get(key) ?? -1);
    this.active.fill(0);
    if (this.domain < 0) return false;
    TEXT_LABELS.forEach((label, l) => {
      if (this.labels[l] === true && FAMILY_SOURCES[label]?.includes(example.source) === true) this.active[l] = 1;
    });
    return true;
  }

  private slot(feature: number): number {
    // Multiplicative hashing of (feature, domain) into the table; collisions only share a copy's weight.
    return ((Math.imul(feature + 1, 0x9e3779b1) ^ Math.imul(this.domain + 1, 0x85ebca77)) >>> (32 - TABLE_BITS)) * LABEL_COUNT;
  }

  /** Adds the current domain's copy (bias and norm-scaled weights) to `logits` for its active labels. */
  addTo(logits: Float64Array, indices: Int32Array, start: number, end: number, norms: Float64Array): void {
    if (this.domain < 0) return;
    for (let k = start; k < end; k++) {
      const base = this.slot(indices[k] as number);
      for (let l = 0; l < LABEL_COUNT; l++) if (this.active[l] === 1) logits[l] = (logits[l] as number) + (norms[l] as number) * (this.weights[base + l] as number);
    }
    const b = this.domain * LABEL_COUNT;
    for (let l = 0; l < LABEL_COUNT; l++) if (this.active[l] === 1) logits[l] = (logits[l] as number) + (this.bias[b + l] as number);
  }

  /** One Adagrad step of the current domain's copy with the logit gradients `grads`, L2 on touch (as the shared weights). */
  update(grads: Float64Array, indices: Int32Array, start: number, end: number, norms: Float64Array, learningRate: number, l2: number): void {
    if (this.domain < 0) return;
    const b = this.domain * LABEL_COUNT;
    for (let l = 0; l < LABEL_COUNT; l++) {
      const g = grads[l] as number;
      if (this.active[l] !== 1 || g === 0) continue;
      this.biasGradSq[b + l] = (this.biasGradSq[b + l] as number) + g * g;
      this.bias[b + l] = (this.bias[b + l] as number) - (learningRate * g) / Math.sqrt(this.biasGradSq[b + l] as number);
    }
    for (let k = start; k < end; k++) {
      const base = this.slot(indices[k] as number);
      for (let l = 0; l < LABEL_COUNT; l++) {
        const g0 = grads[l] as number;
        if (this.active[l] !== 1 || g0 === 0) continue;
        const i = base + l;
        const g = g0 * (norms[l] as number) + l2 * (this.weights[i] as number);
        this.gradSq[i] = (this.gradSq[i] as number) + g * g;
        this.weights[i] = (this.weights[i] as number) - (learningRate * g) / Math.sqrt(this.gradSq[i] as number);
      }
    }
  }
}

/** The example's domain when its source is the family of one of `labels`, else undefined. */
function familyDomainOf(example: Example, labels: readonly boolean[]): string | undefined {
  const domain = (example as Example & { domain?: unknown }).domain;
  if (typeof domain !== "string") return undefined;
  const inFamily = TEXT_LABELS.some((label, l) => labels[l] === true && FAMILY_SOURCES[label]?.includes(example.source) === true);
  return inFamily ? `${example.source}\u0000${domain}` : undefined;
}

/** `--domain-copies NEGATIVE_REVIEW,...` as TrainerOptions.domainCopies (per label in TEXT_LABELS order); nothing when absent. */
export function parseDomainCopies(spec: string | undefined): { domainCopies?: boolean[] } {
  return spec === undefined ? {} : { domainCopies: parseFamilyLabels(spec, "--domain-copies") };
}
