/**
 * The falsification detectors on traffic this project's detector authors did
 * not write: tools/adversary, generated blind from docs/threat-model.md. Its
 * seeds are for this report only — nothing is tuned on them (issue 12).
 */
import { DEFAULT_ADVERSARY_OPTIONS, generateAdversaryTraffic } from "@redline/adversary";
import { evaluateLabelled, type LabelledReport } from "./labelled-evaluation";

/** Reporting seeds of the independent generator; never used for fitting. */
export const ADVERSARY_SEEDS = [9001, 9002, 9003] as const;

export function evaluateAdversary(seeds: readonly number[] = ADVERSARY_SEEDS, log: (line: string) => void = () => undefined): LabelledReport {
  return evaluateLabelled("tools/adversary (written blind from docs/threat-model.md; never read libs/engine, libs/simulator or tools/eval)", seeds, (seed) => {
    const traffic = generateAdversaryTraffic({ ...DEFAULT_ADVERSARY_OPTIONS, seed });
    const rooms = traffic.truth.map((t) => ({ roomId: t.roomId, label: t.label, hardNegative: t.hardNegative, attackStartMs: t.attackStartMs, params: t.params, shouldCatch: t.shouldCatch }));
    return { chunks: [{ events: traffic.events, rooms }] };
  }, log);
}
