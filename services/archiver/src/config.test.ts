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
});
