import { RedlineError } from "@redline/common";
import { loadConfig, requiredTopics } from "./config";

describe("risk-engine config", () => {
  it("takes the operator's per-label text thresholds into the engine's content settings", () => {
    expect(loadConfig({}).engine.content?.labelThresholds).toEqual({});
    expect(loadConfig({ REDLINE_TEXT_THRESHOLDS: "DIVERSION=0.7, HARASSMENT=0.6" }).engine.content?.labelThresholds).toEqual({ DIVERSION: 0.7, HARASSMENT: 0.6 });
  });

  it("refuses a threshold it cannot read at start-up, naming the variable", () => {
    expect(() => loadConfig({ REDLINE_TEXT_THRESHOLDS: "DIVERSION=high" })).toThrow(RedlineError);
    expect(() => loadConfig({ REDLINE_TEXT_THRESHOLDS: "DIVERSION=high" })).toThrow(/REDLINE_TEXT_THRESHOLDS/);
  });

  it("leaves the falsification combiner as evidence (LOW) unless told to act on it, and refuses a value it cannot read", () => {
    expect(loadConfig({}).engine.falsification?.combinerActs).toBe(false);
    expect(loadConfig({ REDLINE_ENGINE_COMBINER_ACTS: "true" }).engine.falsification?.combinerActs).toBe(true);
    expect(() => loadConfig({ REDLINE_ENGINE_COMBINER_ACTS: "yes" })).toThrow(RedlineError);
    expect(() => loadConfig({ REDLINE_ENGINE_COMBINER_ACTS: "yes" })).toThrow(/REDLINE_ENGINE_COMBINER_ACTS/);
  });

  it("runs the default policy unless named, and none when told `off` (a blank value is unset)", () => {
    expect(loadConfig({}).policyFile).toBe("deploy/policy/default-policy.json");
    expect(loadConfig({ REDLINE_POLICY_FILE: "" }).policyFile).toBe("deploy/policy/default-policy.json");
    expect(loadConfig({ REDLINE_POLICY_FILE: "off" }).policyFile).toBe("");
    expect(loadConfig({ REDLINE_POLICY_FILE: "/etc/p.json" }).policyFile).toBe("/etc/p.json");
  });

  it("publishes account activity only when asked, to the shared topic unless named, and requires that topic", () => {
    expect(loadConfig({}).accountActivityTopic).toBe("");
    const on = loadConfig({ REDLINE_ENGINE_ACCOUNT_ACTIVITY: "true" });
    expect(on.accountActivityTopic).toBe("risk.account-activity");
    expect(requiredTopics(on).map((t) => t.topic)).toContain("risk.account-activity");
    expect(requiredTopics(loadConfig({})).map((t) => t.topic)).not.toContain("risk.account-activity");
    expect(loadConfig({ REDLINE_ENGINE_ACCOUNT_ACTIVITY: "on", REDLINE_ACCOUNT_ACTIVITY_TOPIC: "x.activity" }).accountActivityTopic).toBe("x.activity");
    expect(() => loadConfig({ REDLINE_ENGINE_ACCOUNT_ACTIVITY: "maybe" })).toThrow(/REDLINE_ENGINE_ACCOUNT_ACTIVITY/);
  });

  it("reads the account-risk table by default when it publishes account activity, and then requires it and its dead letters", () => {
    expect(loadConfig({}).accountRiskTopic).toBe("");
    expect(loadConfig({ REDLINE_ENGINE_ACCOUNT_ACTIVITY: "true" }).accountRiskTopic).toBe("risk.account-risk");
    expect(loadConfig({ REDLINE_ENGINE_ACCOUNT_ACTIVITY: "true", REDLINE_ENGINE_READ_ACCOUNT_RISK: "false" }).accountRiskTopic).toBe("");
    const on = loadConfig({ REDLINE_ENGINE_READ_ACCOUNT_RISK: "true", REDLINE_ACCOUNT_RISK_TOPIC: "x.account-risk" });
    expect(on.accountRiskTopic).toBe("x.account-risk");
    expect(requiredTopics(on).map((t) => t.topic)).toEqual(expect.arrayContaining(["x.account-risk", "x.account-risk.dlq"]));
  });

  it("takes several partitions at once, in large fetches, unless told otherwise", () => {
    const d = loadConfig({});
    expect([d.partitionsConsumedConcurrently, d.maxRecordsPerChunk, d.maxBytesPerPartition]).toEqual([8, 5000, 1024 * 1024]);
    const one = loadConfig({ REDLINE_ENGINE_PARTITIONS_CONCURRENTLY: "1", REDLINE_ENGINE_MAX_RECORDS_PER_BATCH: "1000", REDLINE_ENGINE_MAX_BYTES_PER_PARTITION: "262144" });
    expect([one.partitionsConsumedConcurrently, one.maxRecordsPerChunk, one.maxBytesPerPartition]).toEqual([1, 1000, 262144]);
    expect(() => loadConfig({ REDLINE_ENGINE_PARTITIONS_CONCURRENTLY: "0" })).toThrow(/REDLINE_ENGINE_PARTITIONS_CONCURRENTLY/);
  });

  it("encodes snapshots 32 rooms a step unless told otherwise, 0 meaning all at once (#15)", () => {
    expect(loadConfig({}).snapshotRoomsPerSlice).toBe(32);
    expect(loadConfig({ REDLINE_ENGINE_SNAPSHOT_ROOMS_PER_SLICE: "0" }).snapshotRoomsPerSlice).toBe(0);
    expect(() => loadConfig({ REDLINE_ENGINE_SNAPSHOT_ROOMS_PER_SLICE: "-1" })).toThrow(/REDLINE_ENGINE_SNAPSHOT_ROOMS_PER_SLICE/);
  });
});
