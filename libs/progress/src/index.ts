/**
 * @redline/progress — a progress bar with rate and ETA (cli-progress) for
 * long commands (`redline replay`, `redline simulate`, `npm run eval`),
 * drawn on stderr only when it is a terminal, so pipes and CI logs stay clean.
 *
 * @example
 * const progress = createProgress({ stream: process.stderr, unit: "seeds", total: seeds.length });
 * seeds.forEach((seed, i) => { run(seed); progress.update(i + 1); });
 * progress.stop();
 */
export { createProgress } from "./progress";
export type { Progress, ProgressOptions, ProgressStream } from "./progress";
