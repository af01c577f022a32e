import { checkClaim } from "./check-claim";
import { generateClaimScenarios } from "./generate";
import { DEVELOPMENT_SEEDS, REPORTING_SEEDS } from "./seeds";
import { DEFAULT_SCENARIO_OPTIONS, HARD_NEGATIVE_KINDS, MISLEADING_KINDS, type ClaimScenarios, type SkuFacts } from "./types";

const SEEDS = [...DEVELOPMENT_SEEDS, ...REPORTING_SEEDS];
const bySeed = new Map<number, ClaimScenarios>(SEEDS.map((seed) => [seed, generateClaimScenarios({ ...DEFAULT_SCENARIO_OPTIONS, seed })]));

function factsOf(s: ClaimScenarios, skuId: string | null): SkuFacts {
  const f = s.facts.find((x) => x.skuId === skuId);
  if (!f) throw new Error(`no facts for ${skuId}`);
  return f;
}

describe("generateClaimScenarios", () => {
  it("gives the same output for the same seed and different output for another", () => {
    const a = generateClaimScenarios({ ...DEFAULT_SCENARIO_OPTIONS, seed: 101 });
    expect(JSON.stringify(generateClaimScenarios({ ...DEFAULT_SCENARIO_OPTIONS, seed: 101 }))).toBe(JSON.stringify(a));
    const b = generateClaimScenarios({ ...DEFAULT_SCENARIO_OPTIONS, seed: 102 });
    expect(b.segments.map((s) => s.text)).not.toEqual(a.segments.map((s) => s.text));
  });

  it.each(SEEDS)("seed %i has at least 40 misleading segments, as many hard negatives, over at least 10 rooms", (seed) => {
    const s = bySeed.get(seed) as ClaimScenarios;
    const misleading = s.truth.filter((t) => t.label === "MISLEADING").length;
    const hardNegatives = s.truth.filter((t) => t.hardNegative).length;
    expect(misleading).toBeGreaterThanOrEqual(40);
    expect(hardNegatives).toBeGreaterThanOrEqual(misleading);
    expect(new Set(s.segments.map((x) => x.roomId)).size).toBeGreaterThanOrEqual(10);
    expect(s.truth.some((t) => t.label === "UNVERIFIABLE_SUPERLATIVE")).toBe(true);
    // Recall per kind needs a few of each: 48 over 9 kinds is 5 or 6.
    for (const kind of MISLEADING_KINDS) expect([kind, s.truth.filter((t) => t.kind === kind).length >= 5]).toEqual([kind, true]);
  });

  it("has every misleading and hard-negative kind, all three languages, and segments with no or another SKU on screen", () => {
    const all = SEEDS.flatMap((seed) => (bySeed.get(seed) as ClaimScenarios).truth);
    const segments = SEEDS.flatMap((seed) => (bySeed.get(seed) as ClaimScenarios).segments);
    for (const kind of [...MISLEADING_KINDS, ...HARD_NEGATIVE_KINDS, "correction"]) expect(all.filter((t) => t.kind === kind).length).toBeGreaterThan(0);
    expect(new Set(segments.map((s) => s.lang))).toEqual(new Set(["zh", "en", "mixed"]));
    const misleading = all.map((t, i) => ({ t, s: segments[i] })).filter(({ t }) => t.label === "MISLEADING");
    expect(misleading.some(({ s }) => s?.skuOnScreen === null)).toBe(true);
    expect(misleading.some(({ t, s }) => s?.skuOnScreen !== null && s?.skuOnScreen !== t.aboutSkuId)).toBe(true);
  });

  it.each(SEEDS)("seed %i: every MISLEADING claim contradicts its SKU's facts on the field the truth names", (seed) => {
    const s = bySeed.get(seed) as ClaimScenarios;
    s.truth.forEach((t, i) => {
      if (t.label !== "MISLEADING") return;
      const seg = s.segments[i];
      expect(t.claim).not.toBeNull();
      expect(t.claim?.skuId).toBe(t.aboutSkuId);
      const found = checkClaim(t.claim as NonNullable<typeof t.claim>, factsOf(s, t.aboutSkuId), seg?.startMs as number);
      expect({ segmentId: t.segmentId, contradiction: found?.field }).toEqual({ segmentId: t.segmentId, contradiction: t.contradicts?.field });
      expect(found).not.toBeNull();
      expect(t.expectedMinSeverity).toBe("SEVERITY_MEDIUM");
    });
  });

  it.each(SEEDS)("seed %i: hard negatives that make a claim are true of the SKU they name, and would be false at face value", (seed) => {
    const s = bySeed.get(seed) as ClaimScenarios;
    s.truth.forEach((t, i) => {
      const seg = s.segments[i] as (typeof s.segments)[number];
      if (t.label === "OK") expect([t.expectedMinSeverity, t.expectedMaxSeverity]).toEqual([null, null]);
      if (!t.claim || t.label !== "OK") return;
      const verdict = checkClaim(t.claim, factsOf(s, t.aboutSkuId), seg.startMs);
      if (t.kind === "correct_claim" || t.kind === "correction" || t.kind === "other_sku_claim") expect({ id: t.segmentId, verdict }).toEqual({ id: t.segmentId, verdict: null });
      if (t.kind === "corrected_claim" || t.kind === "quoted_question") expect(verdict).not.toBeNull();
      if (t.kind === "other_sku_claim") {
        expect(seg.skuOnScreen).not.toBe(t.aboutSkuId);
        const onScreen = factsOf(s, seg.skuOnScreen);
        expect(checkClaim({ ...t.claim, skuId: onScreen.skuId }, onScreen, seg.startMs)).not.toBeNull();
      }
    });
  });

  it("links every corrected claim to the correction that follows it in the same room", () => {
    const s = bySeed.get(101) as ClaimScenarios;
    const byId = new Map(s.segments.map((x) => [x.segmentId, x]));
    const corrected = s.truth.filter((t) => t.kind === "corrected_claim");
    expect(corrected.length).toBeGreaterThan(0);
    for (const t of corrected) {
      const fix = s.truth.find((x) => x.segmentId === t.correctedBySegmentId);
      expect(fix?.kind).toBe("correction");
      expect(fix?.correctsSegmentId).toBe(t.segmentId);
      const [before, after] = [byId.get(t.segmentId), byId.get(fix?.segmentId as string)];
      expect(after?.roomId).toBe(before?.roomId);
      expect((after?.startMs as number) - (before?.endMs as number)).toBeLessThan(2_000);
      expect((after?.startMs as number) >= (before?.endMs as number)).toBe(true);
    }
  });

  it("writes segments in time order with unique ids, each within its room's SKUs, and truth in the same order", () => {
    const s = bySeed.get(9101) as ClaimScenarios;
    expect(new Set(s.segments.map((x) => x.segmentId)).size).toBe(s.segments.length);
    expect(s.truth.map((t) => t.segmentId)).toEqual(s.segments.map((x) => x.segmentId));
    s.segments.forEach((x, i) => {
      expect(x.endMs).toBeGreaterThan(x.startMs);
      if (i > 0) expect(x.startMs).toBeGreaterThanOrEqual((s.segments[i - 1] as typeof x).startMs);
      if (x.skuOnScreen !== null) expect(factsOf(s, x.skuOnScreen).roomId).toBe(x.roomId);
      expect(x.text.length).toBeGreaterThan(0);
    });
  });

  it("refuses options that are not non-negative integers, naming the option", () => {
    expect(() => generateClaimScenarios({ ...DEFAULT_SCENARIO_OPTIONS, rooms: 2.5 })).toThrow(/rooms/);
    expect(() => generateClaimScenarios({ ...DEFAULT_SCENARIO_OPTIONS, rooms: 0 })).toThrow(/rooms/);
  });
});
