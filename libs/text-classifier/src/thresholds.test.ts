import { ThresholdConfigError } from "./errors";
import { flaggedLabels, loadThresholdConfig, parseThresholds } from "./thresholds";
import { loadDefaultClassifier } from "./load-default";

describe("per-label thresholds", () => {
  const defaults = loadDefaultClassifier().thresholds;

  it("starts from the artifact's thresholds and overrides only the labels the environment names", () => {
    const t = loadThresholdConfig({ REDLINE_TEXT_THRESHOLDS: "DIVERSION=0.8, HARASSMENT=0.3" }, defaults);
    expect(t.DIVERSION).toBe(0.8);
    expect(t.HARASSMENT).toBe(0.3);
    expect(t.PROHIBITED).toBe(defaults.PROHIBITED);
    expect(loadThresholdConfig({}, defaults)).toEqual(defaults);
  });

  it("names the variable and the fault for an unknown label or a value outside (0, 1)", () => {
    expect(() => loadThresholdConfig({ REDLINE_TEXT_THRESHOLDS: "SPAM=0.5" }, defaults)).toThrow(/REDLINE_TEXT_THRESHOLDS: "SPAM=0.5"/);
    expect(() => parseThresholds("DIVERSION=1.5", "--thresholds")).toThrow(ThresholdConfigError);
    expect(() => parseThresholds("DIVERSION=", "--thresholds")).toThrow(/between 0 and 1/);
  });

  it("flags a label only when its score reaches its own threshold", () => {
    const scores = { NEGATIVE_REVIEW: 0.4, HARASSMENT: 0.4, DIVERSION: 0.7, PROHIBITED: 0.1, MINOR_RISK: 0 };
    const t = loadThresholdConfig({ REDLINE_TEXT_THRESHOLDS: "HARASSMENT=0.35,DIVERSION=0.75" }, defaults);
    expect(flaggedLabels(scores, t)).toEqual(["HARASSMENT"]);
  });
});
