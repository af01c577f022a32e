/**
 * The falsification detectors on the second blind generator, tools/field-traffic: written from
 * docs/threat-model.md and the event contract by a helper who read neither the detectors nor the
 * other generators, with a messier field (lost joins, reconnects, swipe-throughs, host cues). Its
 * development seeds are for developing detectors on traffic their authors did not write; its
 * reporting seeds are for this report only (issue 12).
 */
import { generateFieldTraffic } from "@redline/field-traffic";
import { evaluateLabelled, type LabelledReport } from "./labelled-evaluation";

/** Seeds a detector author may develop on and inspect. */
export const FIELD_DEVELOPMENT_SEEDS = [7001, 7002, 7003, 7004, 7005] as const;
/** Reporting seeds of the field generator; never inspected, never used for fitting. */
export const FIELD_SEEDS = [7101, 7102, 7103] as const;

export function evaluateField(seeds: readonly number[] = FIELD_SEEDS, log: (line: string) => void = () => undefined): LabelledReport {
  return evaluateLabelled("tools/field-traffic (written blind from docs/threat-model.md and the event contract; never read the detectors or the other generators)", seeds, (seed) => generateFieldTraffic(seed), log);
}
