/**
 * The fitted combiner (issue 12, "combine them with a calibrated model"): a logistic model per kind over what the
 * window shows as a whole (window-features.ts), fitted on development seeds by `npm run fit:combiner`
 * (tools/eval/src/fit-combiner). It is read only when the cohort rule and the kind's room findings have found
 * nothing. It is there for rooms where many accounts each show one tell, which the cohort rule, counting
 * accounts with two, does not see. Its finding is LOW, evidence with no action, unless the operator lets it act
 * (`combinerActs`, then MEDIUM at most). Its explanation lists each feature's value and its part of the score.
 */
import type { Signal } from "@redline/proto";
import { addEvidence, type EvidenceItem } from "../evidence";
import type { RoomState } from "../room-state";
import { cohortWindow, type CohortKind } from "./cohort-state";
import { judgedSlotOf, minCohort, SUBCATEGORY_OF } from "./cohort";
import { COMBINER_MODEL } from "./combiner-model";
import type { CombinerKindModel, CombinerModel } from "./combiner-types";
import type { FalsificationConfig } from "./falsification-config";
import type { Finding } from "./finding";
import { ramp } from "./scoring";
import { tellsOf, type CrowdContext } from "./tells";
import { WINDOW_FEATURES, type WindowFeatureSums } from "./window-features";

/** MEDIUM when the operator lets it act (`combinerActs`), else LOW: seen by inspectors, no action. */
const ACTING_BASE_SCORE = 0.7;
const EVIDENCE_BASE_SCORE = 0.5;
/** Never HIGH on its own (nor MEDIUM when it does not act): the combined shares are weak signals added up (issue 12). */
const MAX_PART = 0.09;
/** Logit units above the threshold at which the score reaches its top. */
const LOGIT_SPAN = 4;
const SIGNALS_SHOWN = 5;

/** The model's logit for one window, and each feature's part of it (standardised value times weight). */
export function combinerLogit(model: Readonly<CombinerKindModel>, x: Float64Array, parts?: Float64Array): number {
  let logit = model.bias;
  for (let i = 0; i < model.weights.length; i++) {
    const part = (model.weights[i]! * (x[i]! - model.mean[i]!)) / model.scale[i]!;
    if (parts !== undefined) parts[i] = part;
    logit += part;
  }
  return logit;
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** The window's accounts that show a tell, heaviest tells first: what an inspector opens. */
function toldEvidence(room: RoomState, kind: CohortKind, timeMs: number, f: Readonly<FalsificationConfig>, crowd: Readonly<CrowdContext>, maxEvidence: number): EvidenceItem[] {
  const evidence: EvidenceItem[] = [];
  cohortWindow(room.cohort, kind).forEach((entry, userId) => {
    const slot = judgedSlotOf(room, kind, userId, entry, timeMs, f);
    if (slot === undefined) return;
    const tells = tellsOf(kind, userId, slot, room, timeMs, f, crowd);
    if (tells.mask !== 0) addEvidence(evidence, { eventId: entry.eventId, weight: tells.weight, timeMs: entry.lastMs }, maxEvidence);
  });
  return evidence;
}

/**
 * The combiner's finding for `kind` from the window `features` judged just before (detectCohort), or null when
 * the window was not judged, is smaller than the kind's cohort floor, or scores under the fitted threshold.
 */
export function combinedFinding(
  room: RoomState,
  kind: CohortKind,
  timeMs: number,
  f: Readonly<FalsificationConfig>,
  maxEvidence: number,
  crowd: Readonly<CrowdContext>,
  features: WindowFeatureSums,
  models: CombinerModel["kinds"] = COMBINER_MODEL.kinds,
): Finding | null {
  const model = models[kind];
  // A flash sale's hundreds of buyers are a crowd the model never saw attacked: outside its support it stays out.
  if (model === undefined || features.accounts < minCohort(kind, f) || features.accounts > model.maxAccounts) return null;
  const x = features.finish();
  const logit = combinerLogit(model, x);
  if (logit < model.threshold) return null;
  const parts = new Float64Array(WINDOW_FEATURES.length);
  combinerLogit(model, x, parts);
  const base = f.combinerActs ? ACTING_BASE_SCORE : EVIDENCE_BASE_SCORE;
  const score = round4(base + MAX_PART * ramp(logit, model.threshold, model.threshold + LOGIT_SPAN));
  const order = WINDOW_FEATURES.map((_, i) => i).filter((i) => parts[i]! > 0).sort((a, b) => parts[b]! - parts[a]! || a - b);
  const positive = order.reduce((sum, i) => sum + parts[i]!, 0);
  const signals: Signal[] = [
    ...order.slice(0, SIGNALS_SHOWN).map((i) => ({ name: WINDOW_FEATURES[i]!, value: round4(x[i]!), contribution: round4((score * parts[i]!) / positive) })),
    { name: "combiner_logit", value: round4(logit), contribution: 0 },
    { name: "combiner_threshold", value: round4(model.threshold), contribution: 0 },
  ];
  // The summary names what is there (shares that raise the score), not what is missing (a low share of a tell that lowers it).
  const top = order.filter((i) => WINDOW_FEATURES[i]!.startsWith("share_") && model.weights[i]! > 0).slice(0, 3).map((i) => `${WINDOW_FEATURES[i]!.replace(/^share_/, "").replace(/_/g, " ")} ${Math.round(x[i]! * 100)}%`);
  return {
    subcategory: SUBCATEGORY_OF[kind]!,
    score,
    summary: `${features.accounts} accounts active in ${kind} together show what no one of them shows enough of (${top.join(", ")} of the activity): combined score ${logit.toFixed(1)} over the fitted threshold ${model.threshold.toFixed(1)} (${COMBINER_MODEL.version})`,
    signals,
    evidence: toldEvidence(room, kind, timeMs, f, crowd, maxEvidence),
  };
}
