import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ControlAction } from "@redline/proto";
import { PolicyError, PolicyLoadError, PolicyValidationError } from "./errors";
import { PolicyStage } from "./policy-stage";
import { PolicyStore } from "./policy-store";
import { alertAt, MIN, smallPolicyDoc, T0 } from "./testing/fixtures";

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "redline-policy-"));
  file = join(dir, "policy.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (doc: unknown): void => writeFileSync(file, JSON.stringify(doc, null, 2));
const actionsFor = (stage: PolicyStage, timeMs: number): ControlAction[] => stage.process([{ alert: alertAt(timeMs) }]).flatMap((o) => ("action" in o ? [o.action] : []));

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("PolicyStore", () => {
  it("refuses to start on a bad or missing file", () => {
    expect(() => PolicyStore.load(file)).toThrow(PolicyLoadError);
    writeFileSync(file, '{"schemaVersion": 1}');
    expect(() => PolicyStore.load(file)).toThrow(PolicyValidationError);
  });

  it("swaps in an edited policy: the next action carries the new version, the ladder position is kept", () => {
    write(smallPolicyDoc("v1"));
    const store = PolicyStore.load(file);
    const stage = new PolicyStage({ live: store });
    expect(actionsFor(stage, T0)[0]!.policyVersion).toBe("v1");
    write(smallPolicyDoc("v2"));
    expect(store.reload()).toBe(true);
    const next = actionsFor(stage, T0 + 15 * MIN)[0]!;
    expect([next.policyVersion, next.reason.split(",")[1]]).toEqual(["v2", " offence 2 within 7200000 ms: PROMINENT_LABEL for: likes from a device farm"]);
  });

  it("keeps the previous policy on a bad edit and reports every problem", () => {
    write(smallPolicyDoc("v1"));
    const errors: PolicyError[] = [];
    const store = PolicyStore.load(file, { onError: (e) => errors.push(e) });
    const bad = smallPolicyDoc("v2") as { rules: Array<Record<string, unknown>> };
    bad.rules[4]!["minSeverity"] = "SEVERE";
    write(bad);
    expect(store.reload()).toBe(false);
    writeFileSync(file, "{ half a file");
    expect(store.reload()).toBe(false);
    expect(store.current().policyVersion).toBe("v1");
    expect(errors.map((e) => (e as PolicyValidationError).problems)).toEqual([
      ["rules[4].minSeverity: unknown severity 'SEVERE' (one of LOW, MEDIUM, HIGH, CRITICAL)"],
      [expect.stringMatching(/^\$: not valid JSON/)],
    ]);
  });

  it("watches the file and picks up an edit without a restart", async () => {
    write(smallPolicyDoc("v1"));
    const errors: PolicyError[] = [];
    const store = PolicyStore.load(file, { pollIntervalMs: 10, onError: (e) => errors.push(e) }).watch();
    try {
      const stage = new PolicyStage({ live: store });
      expect(actionsFor(stage, T0)[0]!.policyVersion).toBe("v1");
      writeFileSync(file, "not json at all");
      await waitFor(() => errors.length > 0);
      expect(actionsFor(stage, T0 + 15 * MIN)[0]!.policyVersion).toBe("v1");
      write(smallPolicyDoc("v2-longer-version"));
      await waitFor(() => store.current().policyVersion !== "v1");
      expect(actionsFor(stage, T0 + 30 * MIN)[0]!.policyVersion).toBe("v2-longer-version");
    } finally {
      store.close();
    }
  });
});
