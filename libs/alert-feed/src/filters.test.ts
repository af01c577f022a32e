import { Alert, RiskCategory, Severity } from "@redline/proto";
import { alertFilter, MATCH_ALL, matchesFilter } from "./filters";

const alert = (roomId: string, category: RiskCategory, severity: Severity) =>
  Alert.fromPartial({ alertId: `a-${roomId}`, roomId, category, severity });

describe("alert filters", () => {
  const fake = alert("room-1", RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION, Severity.SEVERITY_MEDIUM);
  const harass = alert("room-2", RiskCategory.RISK_CATEGORY_HARASSMENT, Severity.SEVERITY_CRITICAL);

  it("matches everything when empty", () => {
    expect(matchesFilter(MATCH_ALL, fake)).toBe(true);
    expect(matchesFilter(alertFilter({}), harass)).toBe(true);
  });

  it("keeps only the named rooms", () => {
    const f = alertFilter({ rooms: ["room-2", "room-9"] });
    expect([fake, harass].filter((a) => matchesFilter(f, a))).toEqual([harass]);
  });

  it("keeps only the named categories and ignores UNSPECIFIED in the list", () => {
    const f = alertFilter({
      categories: [RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION, RiskCategory.RISK_CATEGORY_UNSPECIFIED],
    });
    expect([fake, harass].filter((a) => matchesFilter(f, a))).toEqual([fake]);
  });

  it("applies the minimum severity inclusively", () => {
    expect(matchesFilter(alertFilter({ minSeverity: Severity.SEVERITY_MEDIUM }), fake)).toBe(true);
    expect(matchesFilter(alertFilter({ minSeverity: Severity.SEVERITY_HIGH }), fake)).toBe(false);
    expect(matchesFilter(alertFilter({ minSeverity: Severity.SEVERITY_HIGH }), harass)).toBe(true);
  });

  it("does not let an unrecognised severity through a real minimum", () => {
    const odd = alert("room-1", RiskCategory.RISK_CATEGORY_HARASSMENT, Severity.UNRECOGNIZED);
    expect(matchesFilter(alertFilter({ minSeverity: Severity.SEVERITY_LOW }), odd)).toBe(false);
  });

  it("requires every criterion together", () => {
    const f = alertFilter({
      rooms: ["room-1"],
      categories: [RiskCategory.RISK_CATEGORY_HARASSMENT],
      minSeverity: Severity.SEVERITY_LOW,
    });
    expect(matchesFilter(f, fake)).toBe(false);
    expect(matchesFilter(f, harass)).toBe(false);
    expect(matchesFilter(f, alert("room-1", RiskCategory.RISK_CATEGORY_HARASSMENT, Severity.SEVERITY_LOW))).toBe(true);
  });
});
