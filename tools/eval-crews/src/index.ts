/**
 * @redline/eval-crews — offline evaluation of `@redline/crews` on the blind
 * crew scenarios (`@redline/crew-scenarios`). Run it with `npm run eval:crews`.
 *
 * @example
 * import { runSeed } from "@redline/eval-crews";
 * const { score } = runSeed(201);
 */
export { runSeed } from "./run-seed";
export type { SeedResult } from "./run-seed";
export { scoreCrews, binOf } from "./crew-scoring";
export type { CrewScore, BinRecall, CrewOutcome } from "./crew-scoring";
export { renderCrewMarkdown } from "./crew-report";
export type { CrewReport } from "./crew-report";
