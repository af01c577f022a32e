import { existsSync, readFileSync } from "node:fs";

export const RESULTS_START = "<!-- bench:e2e results: written by npm run bench:e2e, do not edit by hand -->";
export const RESULTS_END = "<!-- bench:e2e results end -->";

/**
 * The report file with its measured section replaced: the hand-written text
 * around the markers (method, definitions, conclusions) stays; a file without
 * them gets the section appended.
 */
export function withResults(existing: string | undefined, results: string): string {
  const section = `${RESULTS_START}\n\n${results.trimEnd()}\n\n${RESULTS_END}`;
  if (existing === undefined) return `# Performance\n\n${section}\n`;
  const start = existing.indexOf(RESULTS_START);
  const end = existing.indexOf(RESULTS_END);
  if (start < 0 || end < start) return `${existing.trimEnd()}\n\n${section}\n`;
  return existing.slice(0, start) + section + existing.slice(end + RESULTS_END.length);
}

export function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}
