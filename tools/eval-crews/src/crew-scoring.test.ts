import type { CrewFinding, CrewOutput, CrewRoomFinding } from "@redline/crews";
import type { CrewScenarioTruth, CrewTruth } from "@redline/crew-scenarios";
import { Severity } from "@redline/proto";
import { binOf, scoreCrews, scoreTableRooms } from "./crew-scoring";

const linkage = { accountRoomsMax: 3, accountPairRoomsMax: 2, deviceRoomsMax: 3, devicePairRoomsMax: 2 };
function crew(crewId: string, accounts: string[], rooms: string[]): CrewTruth {
  return {
    crewId,
    style: "bot_farm",
    accounts: [...accounts, `${crewId}-idle`],
    devices: [],
    ipPrefixes: [],
    visits: rooms.map((roomId) => ({ roomId, accounts, firstMs: 0, lastMs: 1 })),
    coverRooms: [],
    firstMs: 0,
    lastMs: 1,
    linkage,
    params: {},
  };
}

const truth: CrewScenarioTruth = {
  seed: 1,
  startMs: 0,
  endMs: 1,
  roomShareCaps: { accounts: 0.05, joins: 0.05, taps: 0.05, follows: 0.1, orders: 0.1, comments: 0.1 },
  minRoomsPerCrew: 4,
  crews: [crew("A", ["a1", "a2", "a3", "a4"], ["r1", "r2"]), crew("B", ["b1", "b2", "b3", "b4"], ["r3"])],
  hardNegatives: [{ groupId: "hn-1", kind: "shop_staff", accounts: ["s1", "s2"], devices: [], rooms: ["h1"], firstMs: 0, lastMs: 1, params: {} }],
  rooms: [
    { roomId: "r1", streamerUserId: "x", role: "rented", crewIds: ["A"], hardNegativeGroupIds: [], organicViewers: 9, firstMs: 0, lastMs: 1 },
    { roomId: "r2", streamerUserId: "y", role: "rented", crewIds: ["A"], hardNegativeGroupIds: [], organicViewers: 9, firstMs: 0, lastMs: 1 },
    { roomId: "r3", streamerUserId: "z", role: "rented", crewIds: ["B"], hardNegativeGroupIds: [], organicViewers: 9, firstMs: 0, lastMs: 1 },
    { roomId: "h1", streamerUserId: "w", role: "hard_negative_host", crewIds: [], hardNegativeGroupIds: ["hn-1"], organicViewers: 9, firstMs: 0, lastMs: 1 },
  ],
};

const evidence = { accounts: [], rooms: [], distinctStreamers: 3, distinctCategories: 2, sharedDevices: [], sharedPaymentKeys: [], sharedIpPrefixes: [] };
function finding(crewId: string, accounts: string[], severity = Severity.SEVERITY_MEDIUM): CrewFinding {
  return { level: "account", category: "DATA_FALSIFICATION", subcategory: "CROSS_ROOM_COORDINATION", crewId, severity, score: 0.5, eventTimeMs: 1, eventId: "e", accounts, evidence };
}
function roomFinding(roomId: string): CrewRoomFinding {
  return { level: "room", category: "DATA_FALSIFICATION", subcategory: "CROSS_ROOM_COORDINATION", crewId: "c", roomId, severity: Severity.SEVERITY_MEDIUM, score: 0.5, eventTimeMs: 1, eventId: "e", accounts: [], firstMs: 0, lastMs: 1 };
}

describe("scoreCrews", () => {
  it("finds a crew when one correct finding names half its active accounts, and uses each crew id's latest finding", () => {
    const outputs: CrewOutput[] = [
      finding("g1", ["a1"], Severity.SEVERITY_LOW),
      finding("g1", ["a1", "a2", "x9"]),
      finding("g2", ["b1", "s1", "s2"]),
      finding("g3", ["b1", "b2", "b3", "b4"], Severity.SEVERITY_LOW),
    ];
    const score = scoreCrews(outputs, truth);
    expect(score.findings).toBe(2);
    expect(score.correctFindings).toBe(1);
    expect(score.precision).toBe(0.5);
    expect(score.crewsFound).toBe(1);
    expect(score.perCrew.find((c) => c.crewId === "A")).toMatchObject({ activeAccounts: 4, bestNamed: 2, found: true });
    expect(score.perCrew.find((c) => c.crewId === "B")?.found).toBe(false);
    expect(score.hardNegativeFindings.shop_staff).toBe(1);
    // a1, a2, x9, b1, s1, s2 named at MEDIUM+; x9 is in no crew and no hard-negative group.
    expect(score.accountsNamed).toBe(6);
    expect(score.organicNamed).toBe(1);
  });

  it("scores room findings against the rooms crews worked, by role of the rooms wrongly flagged", () => {
    const score = scoreCrews([roomFinding("r1"), roomFinding("r1"), roomFinding("h1")], truth);
    expect(score.workedRooms).toBe(3);
    expect(score.roomRecall).toBe(0.333);
    expect(score.roomPrecision).toBe(0.5);
    expect(score.roomFalsePositivesByRole).toEqual({ hard_negative_host: 1 });
  });

  it("bins numeric measures by their edges", () => {
    expect([1, 2, 3, 4, 5, 6].map((v) => binOf(v, [2, 3, 5]))).toEqual(["≤ 2", "≤ 2", "3", "4–5", "4–5", "> 5"]);
  });
});

describe("scoreTableRooms", () => {
  it("counts rooms with a MEDIUM+ alert the table raised once, split by whether a crew worked them", () => {
    const alert = (roomId: string, knownCrew: boolean, severity = Severity.SEVERITY_MEDIUM) => ({ roomId, severity, knownCrew });
    const score = scoreTableRooms([alert("r1", true), alert("r1", true, Severity.SEVERITY_HIGH), alert("r3", true, Severity.SEVERITY_LOW), alert("r2", false), alert("h1", true)], truth);
    expect(score).toEqual({ rooms: 2, worked: 1, notWorkedByRole: { hard_negative_host: 1 } });
  });
});
