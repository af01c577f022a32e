import { Severity } from "@redline/proto";
import { type AccountRiskVersion, accountRiskVersions, riskAt } from "./account-risk";
import type { CrewFinding } from "./findings";

const T = 1_757_674_800_000; // a minute boundary
const evidence = { accounts: [], rooms: [{ roomId: "r1", streamerId: "s", category: "food", accounts: [], firstMs: T - 600_000, lastMs: T + 5_000 }], distinctStreamers: 3, distinctCategories: 2, sharedDevices: [], sharedPaymentKeys: [], sharedIpPrefixes: [] };
function finding(severity: Severity, eventTimeMs: number, crewId = "crew-1"): CrewFinding {
  return { level: "account", category: "DATA_FALSIFICATION", subcategory: "CROSS_ROOM_COORDINATION", crewId, severity, score: 0.6, eventTimeMs, eventId: "e", accounts: ["a", "b"], evidence };
}

describe("account-risk versions", () => {
  it("gives each named account a version from the next event-time minute, expiring a window after the crew's last room", () => {
    const versions = accountRiskVersions(finding(Severity.SEVERITY_MEDIUM, T + 12_345), 3_600_000);
    expect(versions).toEqual([
      { accountId: "a", crewId: "crew-1", severity: Severity.SEVERITY_MEDIUM, score: 0.6, validFromMs: T + 60_000, expiresMs: T + 12_345 + 3_600_000 },
      { accountId: "b", crewId: "crew-1", severity: Severity.SEVERITY_MEDIUM, score: 0.6, validFromMs: T + 60_000, expiresMs: T + 12_345 + 3_600_000 },
    ]);
    expect(accountRiskVersions(finding(Severity.SEVERITY_LOW, T), 3_600_000)).toEqual([]);
  });

  it("answers the version in force at an event time, whatever order the versions came in", () => {
    const first = accountRiskVersions(finding(Severity.SEVERITY_MEDIUM, T + 1_000), 3_600_000)[0]!;
    const raised = accountRiskVersions(finding(Severity.SEVERITY_HIGH, T + 125_000), 3_600_000)[0]!;
    const rival: AccountRiskVersion = { ...raised, crewId: "crew-0", severity: Severity.SEVERITY_MEDIUM };
    expect(riskAt([first, raised], T + 59_999)).toBeUndefined();
    expect(riskAt([raised, first], T + 60_000)).toBe(first);
    expect(riskAt([first, raised, rival], T + 180_000)).toBe(raised);
    expect(riskAt([rival, raised, first], T + 180_000)).toBe(raised);
    expect(riskAt([first], first.expiresMs)).toBeUndefined();
  });
});
