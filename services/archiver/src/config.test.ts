import { ConfigError } from "@redline/common";
import { loadConfig } from "./config";

describe("archiver config", () => {
  it("looks for cited evidence for the transient retention, not a wall-clock retry", () => {
    expect(loadConfig({}).evidenceLookupWindowMs).toBe(2 * 86_400_000);
    expect(loadConfig({ REDLINE_RETENTION_TRANSIENT_DAYS: "3" }).evidenceLookupWindowMs).toBe(3 * 86_400_000);
  });

  it("refuses the old wall-clock bound rather than ignore it", () => {
    expect(() => loadConfig({ REDLINE_ARCHIVER_EVIDENCE_RETRY_MS: "120000" })).toThrow(ConfigError);
    expect(() => loadConfig({ REDLINE_ARCHIVER_EVIDENCE_RETRY_MS: "120000" })).toThrow(/REDLINE_ARCHIVER_EVIDENCE_RETRY_MS/);
  });

  it("refuses a retention interval past what a Node timer can wait, which would run the job every millisecond", () => {
    // 30 days: setInterval takes any delay over 2^31 - 1 ms as 1 ms.
    expect(() => loadConfig({ REDLINE_ARCHIVER_RETENTION_INTERVAL_MS: "2592000000" })).toThrow(/REDLINE_ARCHIVER_RETENTION_INTERVAL_MS must be ≤ 2147483647/);
    expect(loadConfig({ REDLINE_ARCHIVER_RETENTION_INTERVAL_MS: "604800000" }).retentionIntervalMs).toBe(604_800_000);
    expect(() => loadConfig({ REDLINE_ARCHIVER_MAX_KEY_ROOMS: "99999999999999999999" })).toThrow(/REDLINE_ARCHIVER_MAX_KEY_ROOMS must be a safe integer/);
  });
});
