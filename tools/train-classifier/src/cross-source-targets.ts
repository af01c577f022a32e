import { TEXT_LABELS } from "@redline/text-classifier";
import { UNKNOWN, type Example } from "./example";

/**
 * What a source says about a label it was not made for (issue 14). The
 * reviews and the COLD posts were each taken to be negatives of the other's
 * label, and each then taught its own hostile words as evidence against the
 * other: offensive COLD posts (恶心 in 1,491 of them, 抵制, 垃圾) told
 * NEGATIVE_REVIEW that such words are no complaint, which is how a complaint
 * outside shopping reviews is worded (held-out 蒙牛: boycotts, scandals); and
 * negative reviews (骗 in 763, 垃圾 in 1,539) told HARASSMENT that such words are
 * no insult, which is how regional slurs are worded. Leaving those targets
 * unknown gives no gradient either way. Measured in MODEL_CARD.md.
 */

/** NEGATIVE_REVIEW of COLD posts: all negatives, offensive ones unknown, or all unknown. */
export type ColdNegativeReview = "negative" | "offensive-unknown" | "unknown";

/** HARASSMENT of shopping reviews: all negatives, or negative reviews unknown. */
export type ReviewHarassment = "negative" | "negative-unknown";

const NEGATIVE_REVIEW = TEXT_LABELS.indexOf("NEGATIVE_REVIEW");
const HARASSMENT = TEXT_LABELS.indexOf("HARASSMENT");

function withUnknown<T extends Example>(example: T, label: number): T {
  const targets = Int8Array.from(example.targets);
  targets[label] = UNKNOWN;
  return { ...example, targets };
}

export function coldPostTargets<T extends Example>(post: T, rule: ColdNegativeReview): T {
  if (rule === "negative" || (rule === "offensive-unknown" && post.targets[HARASSMENT] !== 1)) return post;
  return withUnknown(post, NEGATIVE_REVIEW);
}

export function reviewTargets<T extends Example>(review: T, rule: ReviewHarassment): T {
  if (rule === "negative" || review.targets[NEGATIVE_REVIEW] !== 1) return review;
  return withUnknown(review, HARASSMENT);
}

export function parseColdNegativeReview(text: string): ColdNegativeReview {
  if (text === "negative" || text === "offensive-unknown" || text === "unknown") return text;
  throw new RangeError(`--cold-negative-review must be negative, offensive-unknown or unknown, not ${text}`);
}

export function parseReviewHarassment(text: string): ReviewHarassment {
  if (text === "negative" || text === "negative-unknown") return text;
  throw new RangeError(`--review-harassment must be negative or negative-unknown, not ${text}`);
}
