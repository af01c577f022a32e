import { targetsOf } from "./example";
import { lodoFolds, worstByLabel, type DomainResult } from "./lodo";
import type { DataPools } from "./prepare-data";
import { SMS_DOMAIN, YOUTUBE_VIDEOS, type SpamExample } from "./spam-datasets";

const CATEGORIES = ["书籍", "平板", "手机", "水果", "洗发水", "热水器", "蒙牛", "衣服", "计算机", "酒店"];

function pools(): DataPools {
  const example = (domain: string) => ({ text: domain, targets: targetsOf({}), weight: 1, source: "x", domain });
  const spam = (domain: string): SpamExample => ({ ...example(domain), rowId: `${domain}:1`, sourceSaysSpam: true });
  return {
    reviews: CATEGORIES.map(example),
    coldTrain: ["race", "gender", "region"].map(example),
    coldDev: ["race"].map(example),
    davidson: [],
    spam: [...YOUTUBE_VIDEOS, SMS_DOMAIN].map(spam),
    seedTrainLines: [],
    seedDev: [],
    seedTest: [],
  };
}

describe("lodoFolds", () => {
  const folds = lodoFolds(pools());

  it("holds out every product category, COLD topic and video exactly once, and scores what it held out", () => {
    const heldOut = (label: string) => folds.flatMap((f) => f.evaluate.filter((e) => e.label === label && e.family !== "SMS vs video").map((e) => e.domain));
    expect(heldOut("NEGATIVE_REVIEW").sort()).toEqual([...CATEGORIES].sort());
    expect(heldOut("HARASSMENT").sort()).toEqual(["gender", "race", "region"]);
    expect(heldOut("DIVERSION").sort()).toEqual([...YOUTUBE_VIDEOS].sort());
    for (const fold of folds) {
      for (const e of fold.evaluate) {
        if (e.label === "NEGATIVE_REVIEW") expect(fold.holdOut.reviewCategory).toBe(e.domain);
        if (e.label === "HARASSMENT") expect(fold.holdOut.coldTopic).toBe(e.domain);
        expect(e.examples.length).toBeGreaterThan(0);
        expect(e.examples.every((x) => (x as { domain?: string }).domain?.toLowerCase() === e.domain.toLowerCase())).toBe(true);
      }
    }
  });

  it("trains on videos only to score SMS, and on SMS only to score the videos", () => {
    const sms = folds.find((f) => f.evaluate.some((e) => e.domain === "SMS"))!;
    expect(sms.holdOut.spamDomains).toEqual([SMS_DOMAIN]);
    const smsOnly = folds.find((f) => f.evaluate.some((e) => e.trainedOn === "SMS only, no video"))!;
    expect([...(smsOnly.holdOut.spamDomains ?? [])].sort()).toEqual([...YOUTUBE_VIDEOS].sort());
  });
});

describe("worstByLabel", () => {
  it("names the held-out domain with the lowest balanced accuracy per label", () => {
    const r = (label: "DIVERSION" | "HARASSMENT", domain: string, balancedAccuracy: number | null) => ({ label, domain, balancedAccuracy }) as DomainResult;
    const worst = worstByLabel([r("DIVERSION", "a", 0.9), r("DIVERSION", "b", 0.7), r("DIVERSION", "c", null), r("HARASSMENT", "x", 0.8)]);
    expect(worst.DIVERSION?.domain).toBe("b");
    expect(worst.HARASSMENT?.domain).toBe("x");
  });
});
