import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ActionKind, RiskCategory, Severity } from "@redline/proto";
import { ACTION_KIND_NAMES, CATEGORY_NAMES, SEVERITY_NAMES } from "./enum-names";
import { PolicyValidationError } from "./errors";
import { parsePolicy, parsePolicyText } from "./validate-policy";
import { smallPolicyDoc } from "./testing/fixtures";

const POLICY_DIR = join(__dirname, "../../../deploy/policy");

function problemsOf(doc: unknown): string[] {
  try {
    parsePolicy(doc, "test");
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyValidationError);
    return [...(err as PolicyValidationError).problems];
  }
  throw new Error("expected the policy to be refused");
}

describe("parsePolicy", () => {
  it.each(["default-policy.json", "candidate-policy.json"])("accepts the shipped %s", (file) => {
    const policy = parsePolicyText(readFileSync(join(POLICY_DIR, file), "utf8"), file);
    expect(policy.schemaVersion).toBe(1);
    expect(policy.rules.length).toBeGreaterThan(10);
    expect(policy.keyRooms?.actions.map((a) => a.kind)).toEqual([ActionKind.ACTION_KIND_ASSIGN_INSPECTOR, ActionKind.ACTION_KIND_EXTEND_RETENTION]);
  });

  it("resolves names, flattens params into ControlAction form and defaults `about`", () => {
    const policy = parsePolicy(smallPolicyDoc("v9"));
    expect(policy.policyVersion).toBe("v9");
    const high = policy.rules.find((r) => r.id === "fals-high")!;
    expect(high.category).toBe(RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION);
    expect(high.minSeverity).toBe(Severity.SEVERITY_HIGH);
    expect(high.about).toBe("*");
    expect(high.ladder[3]!.params).toEqual({ throttle_factor: "0.5" });
    expect(high.ladder[2]!.params).toEqual({ function: "links" });
    expect(policy.rules.find((r) => r.id === "tipping")!.ladder[0]!.with[0]!.params).toEqual({ text: "no tipping for minors" });
  });

  it("reports every problem with its JSON path", () => {
    const doc = smallPolicyDoc() as { rules: Array<Record<string, unknown>>; schemaVersion: unknown; keyRooms: Record<string, unknown> };
    doc.schemaVersion = 2;
    const ladder = doc.rules[3]!["ladder"] as Array<Record<string, unknown>>;
    ladder[1]!["kind"] = "BLOK_STREAM";
    ladder[2]!["params"] = { function: "dancing" };
    ladder[3]!["params"] = { throttleFactor: 1.5, colour: "red" };
    doc.rules[4]!["cooldownMs"] = -1;
    doc.rules[4]!["roomTier"] = "vip";
    doc.keyRooms["minFollowers"] = "lots";
    expect(problemsOf(doc)).toEqual([
      "schemaVersion: expected 1, got number 2",
      "keyRooms.minFollowers: expected an integer >= 1, got 'lots'",
      "rules[3].ladder[1].kind: unknown action kind 'BLOK_STREAM' (one of " + [...ACTION_KIND_NAMES.keys()].join(", ") + ")",
      "rules[3].ladder[2].params.function: unknown function 'dancing' (one of tipping, links, comments, streaming)",
      "rules[3].ladder[3].params.colour: unknown field (allowed: text, function, throttleFactor, retentionDays)",
      "rules[3].ladder[3].params.throttleFactor: expected a share of traffic kept, in (0, 1), got number 1.5",
      "rules[4].roomTier: expected 'normal', 'key' or '*', got 'vip'",
      "rules[4].cooldownMs: expected an integer >= 0, got number -1",
    ]);
  });

  it("refuses severe actions on rules below HIGH, including companions, but not for an under-16 streamer", () => {
    const doc = smallPolicyDoc() as { rules: Array<Record<string, unknown>> };
    const medium = doc.rules[4]!;
    (medium["ladder"] as unknown[]).push({ kind: "PROMINENT_LABEL", target: "room", params: { text: "x" }, expiresAfterMs: 0, with: [{ kind: "BLACKLIST", target: "room", expiresAfterMs: 0 }] });
    (medium["ladder"] as unknown[]).push({ kind: "BLOCK_STREAM", target: "room", expiresAfterMs: 0 });
    expect(problemsOf(doc)).toEqual([
      "rules[4].ladder[2].with[0].kind: severe action BLACKLIST needs minSeverity HIGH or CRITICAL (rule has MEDIUM)",
      "rules[4].ladder[3].kind: severe action BLOCK_STREAM needs minSeverity HIGH or CRITICAL (rule has MEDIUM)",
    ]);
    // The underage rule is LOW and blocks: allowed. Making it start with a pop-up is not.
    const underage = smallPolicyDoc() as { rules: Array<Record<string, unknown>> };
    underage.rules[0]!["ladder"] = [{ kind: "POPUP_PROMPT", target: "room", params: { text: "hi" }, expiresAfterMs: 0 }];
    expect(problemsOf(underage)).toEqual(["rules[0].ladder[0].kind: STREAMER_UNDERAGE must block the stream at once: the first step must be BLOCK_STREAM on the room"]);
  });

  it("requires kind-specific params, known fields, unique ids and room targets for room rules", () => {
    const doc = smallPolicyDoc() as { rules: Array<Record<string, unknown>>; extra?: number };
    doc.extra = 1;
    (doc.rules[3]!["ladder"] as Array<Record<string, unknown>>)[0]!["params"] = {};
    doc.rules[4]!["id"] = "fals-high";
    doc.rules[0]!["ladder"] = [{ kind: "BLOCK_STREAM", target: "room", expiresAfterMs: 0, with: [{ kind: "POPUP_PROMPT", target: "subject", params: { text: "t" }, expiresAfterMs: 0 }] }];
    expect(problemsOf(doc)).toEqual([
      "extra: unknown field (allowed: $schema, schemaVersion, policyVersion, description, keyRooms, rules)",
      "rules[0].ladder[0].with[0].target: a rule about rooms has no subject account to act on",
      "rules[3].ladder[0].params.text: required for kind POPUP_PROMPT",
      "rules[4].id: duplicate rule id 'fals-high'",
    ]);
  });

  it("reports malformed JSON and a missing version as problems at their path", () => {
    expect(() => parsePolicyText("{ not json", "f.json")).toThrow(/f\.json is invalid \(1 problem\):\n {2}\$: not valid JSON/);
    const doc = smallPolicyDoc();
    delete doc["policyVersion"];
    expect(problemsOf(doc)).toEqual(["policyVersion: required string is missing"]);
  });

  it("publishes a JSON Schema whose enums match the loader's names", () => {
    const schema = JSON.parse(readFileSync(join(POLICY_DIR, "policy.schema.json"), "utf8"));
    expect(schema.$defs.action.properties.kind.enum).toEqual([...ACTION_KIND_NAMES.keys()]);
    expect(schema.$defs.rule.properties.category.enum).toEqual([...CATEGORY_NAMES.keys()]);
    expect(schema.$defs.rule.properties.minSeverity.enum).toEqual([...SEVERITY_NAMES.keys()]);
    expect(Object.keys(schema.$defs.rule.properties).sort()).toEqual(["about", "category", "cooldownMs", "escalationWindowMs", "id", "ladder", "minSeverity", "roomTier", "subcategory"]);
  });
});
