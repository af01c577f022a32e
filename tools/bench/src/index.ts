/**
 * @redline/bench — shared helpers for the benchmarks in this folder. Each
 * `*.bench.ts` is a program run by `npm run bench`; speeds are reported as
 * ratios against a baseline measured in the same run, never asserted.
 *
 * @example
 * const r = measureThroughput("decode", items, (x) => decode(x));
 */
export { measureThroughput, printTable } from "./measure";
export type { ThroughputResult } from "./measure";
