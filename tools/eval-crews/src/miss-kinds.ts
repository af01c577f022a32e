/**
 * Where a missed crew's evidence is (#21, session 15), for reading the
 * development seeds' misses: whether any finding names it at all, or one does
 * but not in a way the scoring counts. Pure: a crew's active accounts and the
 * latest findings in, one kind out.
 */
import type { CrewFinding } from "@redline/crews";
import { Severity } from "@redline/proto";

/**
 * - `none`: no finding of any severity names two of its accounts;
 * - `low_only`: only findings below MEDIUM do (the crew's group never grew to a reported crew);
 * - `split`: a MEDIUM+ finding that is mostly this crew names two or more, but fewer than half;
 * - `absorbed`: the MEDIUM+ finding naming most of its accounts is mostly another crew's, or no one's.
 */
export type MissKind = "none" | "low_only" | "split" | "absorbed";

export const MISS_KINDS: readonly MissKind[] = ["none", "low_only", "split", "absorbed"];

export function missKind(active: ReadonlySet<string>, crewId: string, latest: readonly CrewFinding[], crewOf: ReadonlyMap<string, string>): MissKind {
  let medium: { named: number; own: boolean } | undefined;
  let low = false;
  for (const f of latest) {
    const named = f.accounts.filter((a) => active.has(a)).length;
    if (named < 2) continue;
    if (f.severity < Severity.SEVERITY_MEDIUM) {
      low = true;
      continue;
    }
    const own = f.accounts.filter((a) => crewOf.get(a) === crewId).length * 2 > f.accounts.length;
    if (medium === undefined || named > medium.named || (named === medium.named && own)) medium = { named, own };
  }
  if (medium !== undefined) return medium.own ? "split" : "absorbed";
  return low ? "low_only" : "none";
}

/** Missed crews counted by kind and style: "split/click_crew": 7. */
export function missesByKind(outcomes: readonly { style: string; missKind?: MissKind }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) if (o.missKind !== undefined) counts[`${o.missKind}/${o.style}`] = (counts[`${o.missKind}/${o.style}`] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}
