import { UNKNOWN } from "./example";
import { balancedAccuracy, equalMassEce } from "./metrics";
import { auditSample, compareAudit, parseAuditFile } from "./spam-audit";
import { cleanYoutubeComment, type SpamExample } from "./spam-datasets";
import { spamRubric } from "./spam-rubric";
import { AuditFileError } from "./errors";
import { targetsOf } from "./example";

describe("spamRubric", () => {
  it("takes ham as neither, whatever it says", () => {
    expect(spamRubric("call me at 555-1234 when you land", false)).toEqual({ diversion: 0, prohibited: 0 });
  });

  it("makes spam that points elsewhere DIVERSION and spam that asks for nothing outside neither", () => {
    expect(spamRubric("check out my channel please", true).diversion).toBe(1);
    expect(spamRubric("http://example.ru/x great game", true).diversion).toBe(1);
    expect(spamRubric("like this comment if you're watching in 2015", true)).toEqual({ diversion: 0, prohibited: 0 });
  });

  it("marks adult lines PROHIBITED and leaves prize lures' PROHIBITED unknown", () => {
    expect(spamRubric("horny singles near you, txt CHAT to 86688", true)).toEqual({ diversion: 1, prohibited: 1 });
    expect(spamRubric("You have won a £1000 prize, call 09050000327", true)).toEqual({ diversion: 1, prohibited: UNKNOWN });
    expect(spamRubric("subscribe to my channel", true).prohibited).toBe(0);
  });
});

describe("cleanYoutubeComment", () => {
  it("decodes entities and drops tags but keeps a link's text", () => {
    expect(cleanYoutubeComment('I&#39;m here<br />see <a href="http://x.co">http://x.co</a>\ufeff')).toBe("I'm here see http://x.co");
  });
});

function row(rowId: string, text: string, spam: boolean, source = "sms-spam"): SpamExample {
  return { rowId, text, sourceSaysSpam: spam, source, domain: source === "sms-spam" ? "sms" : "Youtube01-Psy", weight: 1, targets: targetsOf({}) };
}

describe("spam audit", () => {
  const rows = [row("sms:2", "hi, on my way", false), row("sms:3", "You have won a prize! call 09050000327", true), row("sms:4", "Latest News! toilet stolen", true)];

  it("samples the same rows whatever the input order, a fixed number per stratum", () => {
    const many = Array.from({ length: 30 }, (_, i) => row(`sms:${i + 10}`, "x", i % 2 === 0));
    const a = auditSample(many, 5).map((r) => r.rowId);
    expect(auditSample([...many].reverse(), 5).map((r) => r.rowId)).toEqual(a);
    expect(a).toHaveLength(10);
  });

  it("counts where the person and the rubric's code disagree, and where either differs from the source", () => {
    const labels = parseAuditFile("# c\nsms:2\t0\t0\nsms:3\t1\t?\nsms:4\t1\t0\nsms:99\t0\t0\n", "audit.tsv");
    const result = compareAudit(rows, labels);
    expect(result.audited).toBe(3);
    expect(result.missing).toEqual(["sms:99"]);
    expect(result.diversionDisagreements).toEqual(["sms:4"]);
    expect(result.prohibitedUnknownMismatches).toEqual([]);
    expect(result.sourceDisagreements).toEqual([]);
  });

  it("rejects a malformed audit line with its line number", () => {
    expect(() => parseAuditFile("sms:2\t2\t0\n", "audit.tsv")).toThrow(AuditFileError);
    expect(() => parseAuditFile("sms:2\t1\n", "audit.tsv")).toThrow(/audit\.tsv:1/);
  });
});

describe("balancedAccuracy", () => {
  it("is 0.5 for a constant prediction whatever the class balance", () => {
    expect(balancedAccuracy([0.9, 0.9, 0.9, 0.9], [1, 1, 1, 0], 0.5)).toBe(0.5);
    expect(balancedAccuracy([0.9, 0.8, 0.2, 0.6], [1, 1, 0, 0], 0.5)).toBe(0.75);
    expect(balancedAccuracy([0.9], [1], 0.5)).toBeNull();
  });
});

describe("equalMassEce", () => {
  it("is 0 when each bin's mean score equals its positive rate and grows with overconfidence", () => {
    const targets = [0, 0, 0, 0, 1, 1, 1, 1];
    expect(equalMassEce([0, 0, 0, 0, 1, 1, 1, 1], targets, 2)).toBe(0);
    expect(equalMassEce([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], targets, 2)).toBe(0.5);
    expect(equalMassEce([0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25], [0, 0, 0, 0, 0, 0, 1, 1], 1)).toBe(0);
  });
});
