/**
 * A crew's script, read from how long its accounts stay (#21). One control
 * script runs in every room a crew works (threat model §6.1: join, likes,
 * follow and order at fixed offsets after arrival, for the package's length),
 * so a crew's accounts leave about the same time after they arrive in every
 * room, while two crews rented to the same rooms run scripts of their own.
 * The dwell of a co-visit is the mean of the two accounts' stays, known only
 * when both joined and left (0 otherwise); a group's dwell is the median over
 * the co-visits between its members.
 */
import type { AccountState } from "./account-state";
import type { CrewConfig } from "./config";

/** The median dwell of co-visits between `members`; undefined with fewer than `minSamples` known. */
export function groupDwellMs(members: readonly string[], accountOf: (id: string) => AccountState | undefined, minSamples = 1): number | undefined {
  const memberSet = new Set(members);
  const dwells: number[] = [];
  for (const id of members) {
    for (const [partner, coVisits] of accountOf(id)?.partners ?? []) {
      // Each pair is seen from both sides; count it once.
      if (partner <= id || !memberSet.has(partner)) continue;
      for (const c of coVisits) if (c.dwellMs > 0) dwells.push(c.dwellMs);
    }
  }
  if (dwells.length < Math.max(1, minSamples)) return undefined;
  dwells.sort((a, b) => a - b);
  return dwells[Math.floor(dwells.length / 2)]!;
}

/** Both dwells known and further apart than a script's spread allows: two scripts, two crews. */
export function dwellsDiffer(a: number | undefined, b: number | undefined, config: CrewConfig): boolean {
  if (a === undefined || b === undefined) return false;
  return Math.abs(a - b) > Math.max(config.scriptDwellToleranceMs, config.scriptDwellToleranceShare * Math.max(a, b));
}

/**
 * Two groups run the same script: both dwells known from `scriptMinSamples`
 * co-visits or more and within a script's spread of each other.
 */
export function scriptsMatch(x: readonly string[], y: readonly string[], accountOf: (id: string) => AccountState | undefined, config: CrewConfig): boolean {
  const a = groupDwellMs(x, accountOf, config.scriptMinSamples);
  const b = groupDwellMs(y, accountOf, config.scriptMinSamples);
  return a !== undefined && b !== undefined && !dwellsDiffer(a, b, config);
}

/** The stay of a visit that began with a join and ended with a leave; 0 when either is missing. */
export function visitDwellMs(joined: boolean, byLeave: boolean, arrivedMs: number, leftMs: number): number {
  return joined && byLeave && leftMs > arrivedMs ? leftMs - arrivedMs : 0;
}

/** A co-visit's dwell: the mean of the two stays, 0 unless both are known. */
export function coVisitDwellMs(own: number, partner: number): number {
  return own > 0 && partner > 0 ? Math.round((own + partner) / 2) : 0;
}
