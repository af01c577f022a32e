import type { CrewFinding } from "@redline/crews";
import { Severity } from "@redline/proto";
import { missesByKind, missKind } from "./miss-kinds";

const evidence = { accounts: [], rooms: [], distinctStreamers: 3, distinctCategories: 2, sharedDevices: [], sharedPaymentKeys: [], sharedIpPrefixes: [] };
function finding(accounts: string[], severity = Severity.SEVERITY_MEDIUM): CrewFinding {
  return { level: "account", category: "DATA_FALSIFICATION", subcategory: "CROSS_ROOM_COORDINATION", crewId: "g", severity, score: 0.5, eventTimeMs: 1, eventId: "e", accounts, evidence };
}

const active = new Set(["a1", "a2", "a3", "a4", "a5", "a6"]);
const crewOf = new Map([...[...active].map((a) => [a, "A"] as const), ["b1", "B"], ["b2", "B"], ["b3", "B"], ["b4", "B"], ["b5", "B"]]);

describe("missKind", () => {
  it("tells a crew nobody named from one named only below MEDIUM", () => {
    expect(missKind(active, "A", [finding(["a1", "b1", "b2"])], crewOf)).toBe("none"); // one account is not the crew
    expect(missKind(active, "A", [finding(["a1", "a2"], Severity.SEVERITY_LOW)], crewOf)).toBe("low_only");
  });

  it("tells a crew split into a small group of its own from one inside another crew's finding", () => {
    expect(missKind(active, "A", [finding(["a1", "a2", "a3"], Severity.SEVERITY_LOW), finding(["a1", "a2"])], crewOf)).toBe("split");
    expect(missKind(active, "A", [finding(["a1", "a2"]), finding(["a3", "a4", "a5", "b1", "b2", "b3", "b4", "b5"])], crewOf)).toBe("absorbed");
    // Named as many times by both: its own finding is the one that would grow.
    expect(missKind(active, "A", [finding(["a1", "a2", "b1", "b2", "b3"]), finding(["a3", "a4"])], crewOf)).toBe("split");
  });

  it("counts misses by kind and style, found crews left out", () => {
    expect(missesByKind([{ style: "click_crew", missKind: "split" }, { style: "click_crew", missKind: "split" }, { style: "bot_farm" }, { style: "bot_farm", missKind: "none" }])).toEqual({ "none/bot_farm": 1, "split/click_crew": 2 });
  });
});
