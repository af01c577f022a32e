/** docs/eval/combiner.md: how the falsification combiner was fitted, on what, and why each kind ships or not. */
import { WINDOW_FEATURES } from "@redline/engine";
import { SHIP_RULE } from "./combiner-judge";
import type { KindRecord } from "./fit-combiner-main";

const TOP_WEIGHTS = 6;

function weights(r: KindRecord): string {
  return r.model.weights
    .map((w, i) => ({ name: WINDOW_FEATURES[i]!, w }))
    .filter((x) => x.w !== 0)
    .sort((a, b) => Math.abs(b.w) - Math.abs(a.w) || (a.name < b.name ? -1 : 1))
    .slice(0, TOP_WEIGHTS)
    .map((x) => `${x.name} ${x.w > 0 ? "+" : ""}${x.w.toFixed(2)}`)
    .join(", ");
}

export function renderCombinerMarkdown(version: string, fittedOn: string, records: readonly KindRecord[]): string {
  const lines = [
    "# The falsification combiner: how it was fitted",
    "",
    `Model \`${version}\`, written by \`npm run fit:combiner\` to \`libs/engine/src/detectors/combiner-model.ts\`. Fitted on development seeds only: ${fittedOn}. Reporting seeds (field 7101-7103, randomised 611-614, independent 9001-9003) were not read.`,
    "",
    "Per kind, a class-balanced logistic regression over what the judged window shows as a whole: for each tell but the two of refunds (a price drop's buyers refund and order again), the share of the window's recent activity from accounts that show it; the shares from accounts with any tell, with a suspicious weight of tells, that left the room and that never liked; log(1 + accounts). Samples are the windows the engine itself judges (at most one per room and kind a minute), with the combiner off. " +
      `A window of a room attacked in the label is positive from ${SHIP_RULE.positiveAfterMs / 1000} s after the attack starts. ` +
      `The threshold is the highest room score (its highest window) among development rooms where a combiner alert could only be false and new (not attacked in the label, not alerted in it by the rules), plus ${SHIP_RULE.marginLogit} in logit. ` +
      "The engine reads the combiner only when the rules find nothing in the window, and no window with more accounts than the largest attacked window it was fitted on. Its finding is LOW (evidence, no action) unless the operator sets REDLINE_ENGINE_COMBINER_ACTS=true, then MEDIUM at most: acting, it also alerted 3 of the independent generator's 30 price-drop rooms on its first reports (docs/falsification.md, rules-17).",
    "",
    `**Ship rule, fixed before fitting:** with each field development seed held out in turn (fitted on the other four and the randomised seeds, thresholded there), the combiner must add at least ${SHIP_RULE.minAdded} catchable rooms the rules missed over the five folds, on no room without an attack and on at most ${SHIP_RULE.maxOtherLabel} room attacked in another label.`,
    "",
    "| kind | windows (positive) | held out: caught / rules missed, other-label rooms, rooms without an attack | shipped | in sample: caught / missed, other, innocent | threshold | largest weights (standardised) |",
    "|---|---:|---|---|---|---:|---|",
  ];
  for (const r of records) {
    const sum = (k: "caught" | "missed" | "otherLabel" | "innocent") => r.heldOut.reduce((s, f) => s + f[k], 0);
    const held = `${sum("caught")} / ${sum("missed")}, ${sum("otherLabel")}, ${sum("innocent")} (${r.heldOut.map((f) => `${f.seed.replace("field:", "")}: +${f.caught}`).join(" ")})`;
    const ins = `${r.inSample.caught} / ${r.inSample.missed}, ${r.inSample.otherLabel}, ${r.inSample.innocent}`;
    lines.push(`| ${r.kind} | ${r.windows} (${r.positives}) | ${held} | ${r.shipped ? "**yes**" : "no"} | ${ins} | ${r.model.threshold.toFixed(2)} | ${weights(r)} |`);
  }
  lines.push("");
  return lines.join("\n");
}
