import { coldPostTargets, parseColdNegativeReview, parseReviewHarassment, reviewTargets } from "./cross-source-targets";
import { targetsOf, UNKNOWN, type Example } from "./example";
import { parseArgs } from "./train-config";

const example = (known: Parameters<typeof targetsOf>[0]): Example => ({ text: "x", targets: targetsOf(known), weight: 1, source: "t" });
const post = (offensive: 0 | 1): Example => example({ NEGATIVE_REVIEW: 0, HARASSMENT: offensive, DIVERSION: 0, PROHIBITED: 0, MINOR_RISK: 0 });
const review = (negative: 0 | 1): Example => example({ NEGATIVE_REVIEW: negative, HARASSMENT: 0, DIVERSION: 0, PROHIBITED: 0, MINOR_RISK: 0 });

describe("coldPostTargets", () => {
  it("leaves an offensive post's NEGATIVE_REVIEW unknown and a safe post's a negative under offensive-unknown", () => {
    expect(Array.from(coldPostTargets(post(1), "offensive-unknown").targets)).toEqual([UNKNOWN, 1, 0, 0, 0]);
    expect(Array.from(coldPostTargets(post(0), "offensive-unknown").targets)).toEqual([0, 0, 0, 0, 0]);
  });

  it("forgets every post's NEGATIVE_REVIEW under unknown and none under negative", () => {
    expect(coldPostTargets(post(0), "unknown").targets[0]).toBe(UNKNOWN);
    expect(Array.from(coldPostTargets(post(1), "negative").targets)).toEqual([0, 1, 0, 0, 0]);
  });

  it("does not change the example it was given", () => {
    const original = post(1);
    coldPostTargets(original, "unknown");
    expect(original.targets[0]).toBe(0);
  });
});

describe("reviewTargets", () => {
  it("leaves a negative review's HARASSMENT unknown and keeps a positive review's as a negative", () => {
    expect(Array.from(reviewTargets(review(1), "negative-unknown").targets)).toEqual([1, UNKNOWN, 0, 0, 0]);
    expect(Array.from(reviewTargets(review(0), "negative-unknown").targets)).toEqual([0, 0, 0, 0, 0]);
    expect(reviewTargets(review(1), "negative").targets[1]).toBe(0);
  });
});

describe("the options", () => {
  it("default to the settings the worst held-out domains chose", () => {
    const config = parseArgs([]);
    expect(config.coldNegativeReview).toBe("offensive-unknown");
    expect(config.reviewHarassment).toBe("negative-unknown");
  });

  it("name the flag and the allowed values when given something else", () => {
    expect(() => parseColdNegativeReview("none")).toThrow(/--cold-negative-review must be negative, offensive-unknown or unknown/);
    expect(() => parseReviewHarassment("unknown")).toThrow(/--review-harassment must be negative or negative-unknown/);
  });
});
