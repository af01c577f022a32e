import { Alert, RiskCategory, Severity } from "@redline/proto";
import { scoreClaims } from "./claims-evaluation";
import { productFactsVersions, scenarioEvents, type Scenario, type ScenarioFact } from "./claims-scenario-loader";

const T = 1_781_000_000_000;
const seg = (segmentId: string, endMs: number) => ({ segmentId, roomId: "r1", streamerId: "s", startMs: endMs - 1000, endMs, skuOnScreen: "sku-1", lang: "zh", text: segmentId });
const scenario: Scenario = {
  facts: [],
  segments: [seg("m1", T), seg("m2", T + 1), seg("neg", T + 2), seg("sup", T + 3)],
  truth: [
    { segmentId: "m1", roomId: "r1", label: "MISLEADING", kind: "origin_false", hardNegative: false },
    { segmentId: "m2", roomId: "r1", label: "MISLEADING", kind: "origin_false", hardNegative: false },
    { segmentId: "neg", roomId: "r1", label: "OK", kind: "correct_claim", hardNegative: true },
    { segmentId: "sup", roomId: "r1", label: "UNVERIFIABLE_SUPERLATIVE", kind: "superlative", hardNegative: false },
  ],
};
const alert = (segmentId: string, severity: Severity) => Alert.fromPartial({ alertId: `a-${segmentId}`, category: RiskCategory.RISK_CATEGORY_MISLEADING_CLAIMS, severity, evidenceEventIds: [segmentId] });

describe("scoreClaims", () => {
  it("counts a MISLEADING segment cited at MEDIUM+ as found, a LOW citation as missed, and a cited negative or a superlative above LOW as false", () => {
    const r = scoreClaims(101, "development", scenario, [alert("m1", Severity.SEVERITY_HIGH), alert("m2", Severity.SEVERITY_LOW), alert("neg", Severity.SEVERITY_MEDIUM), alert("sup", Severity.SEVERITY_MEDIUM)]);
    expect([r.truePositives, r.falsePositives, r.precision, r.recall]).toEqual([1, 2, 0.333, 0.5]);
    expect(r.errors?.map((e) => e.segmentId)).toEqual(["m2", "neg", "sup"]);
    expect(scoreClaims(9101, "reporting", scenario, []).errors).toBeUndefined();
  });
});

describe("the scenario loader", () => {
  const fact: ScenarioFact = {
    skuId: "sku-1", roomId: "r1", linkNumber: 2, category: "honey", name: { zh: "蜂蜜", en: "honey" },
    composition: [{ ingredientId: "manuka_honey", name: { zh: "麦卢卡蜂蜜", en: "manuka honey" }, percent: 100 }],
    origin: { country: "NZ" },
    certifications: [{ code: "ORGANIC", certificateId: "c", validUntilMs: T }],
    brandAuthorization: { brand: { zh: "甲", en: "A" }, status: "AUTHORIZED", validUntilMs: T + 5 },
    priceHistory: [{ channel: "OWN_STORE", fromMs: T - 10, priceCents: 100 }, { channel: "OTHER_PLATFORM", fromMs: T - 10, priceCents: 90 }],
  };

  it("writes a new facts version at each lapse, from its own time", () => {
    const versions = productFactsVersions(fact);
    expect(versions.map((v) => [v.validFromMs, v.certifications, v.brandAuthorisation])).toEqual([[1, ["ORGANIC"], 1], [T, [], 1], [T + 5, [], 2]]);
    expect(versions[0]!.priceHistory.map((p) => p.channel)).toEqual(["own:store", "other-platform"]);
    expect(versions[0]!.listings).toEqual([{ roomId: "r1", linkNumber: 2 }]);
  });

  it("orders segments by their end and ends each room a minute after its last", () => {
    const events = scenarioEvents(scenario.segments);
    expect(events.map((e) => e.eventId)).toEqual(["m1", "m2", "neg", "sup", "r1-end"]);
    expect(events[4]!.eventTimeMs).toBe(T + 3 + 60_000);
  });
});
