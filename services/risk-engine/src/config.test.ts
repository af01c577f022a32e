import { RedlineError } from "@redline/common";
import { loadConfig } from "./config";

describe("risk-engine config", () => {
  it("takes the operator's per-label text thresholds into the engine's content settings", () => {
    expect(loadConfig({}).engine.content?.labelThresholds).toEqual({});
    expect(loadConfig({ REDLINE_TEXT_THRESHOLDS: "DIVERSION=0.7, HARASSMENT=0.6" }).engine.content?.labelThresholds).toEqual({ DIVERSION: 0.7, HARASSMENT: 0.6 });
  });

  it("refuses a threshold it cannot read at start-up, naming the variable", () => {
    expect(() => loadConfig({ REDLINE_TEXT_THRESHOLDS: "DIVERSION=high" })).toThrow(RedlineError);
    expect(() => loadConfig({ REDLINE_TEXT_THRESHOLDS: "DIVERSION=high" })).toThrow(/REDLINE_TEXT_THRESHOLDS/);
  });
});
