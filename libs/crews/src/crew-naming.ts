/**
 * Which accounts a crew finding names. A crew's rotating subsets put many of
 * its accounts in only one or two of its rooms (§6.1), so naming only the
 * accounts that met another member twice names a fraction of the crew.
 */
import type { AccountState } from "./account-state";
import type { CrewConfig } from "./config";
import type { CrewRoomEvidence } from "./crew-evidence";
import type { Group } from "./groups";
import { groupDwellMs } from "./script-dwell";

/**
 * The crew's core, then members of its group who were in one of its rooms,
 * then accounts that arrived and left with the core in `nameAfterCrewRooms`
 * rooms where three or more of the core were in sync (a rotating subset's
 * account that met no one twice), then accounts that arrived and left with
 * `nameWithCoreInOneRoom` of the core in one such room and stayed as long as
 * the crew's script does (within `nameDwellToleranceMs`).
 */
/** Co-visits of known dwell the crew's script needs before one room's timing may name an account. */
const MIN_SCRIPT_SAMPLES = 3;

export interface NamingContext {
  accountOf(accountId: string): AccountState | undefined;
  /** The /24 is used by more accounts than a key may be (a campus or office NAT). */
  sharedNetwork(ipPrefix: string): boolean;
}

export function namedAccounts(group: Group, synced: readonly string[], rooms: readonly CrewRoomEvidence[], context: NamingContext, config: CrewConfig): string[] {
  const { accountOf } = context;
  const named = [...synced];
  const syncedSet = new Set(synced);
  const roomIds = new Set(rooms.map((r) => r.roomId));
  const strongRooms = new Set(rooms.filter((r) => r.accounts.length >= 3).map((r) => r.roomId));
  const crewDwellMs = config.nameWithCoreInOneRoom > 0 ? groupDwellMs(synced, accountOf, MIN_SCRIPT_SAMPLES) : undefined;
  const strongRoomsOf = new Map<string, Set<string>>();
  const scriptMatchesOf = new Map<string, Map<string, number>>();
  for (const id of synced) {
    for (const [partner, coVisits] of accountOf(id)?.partners ?? []) {
      if (syncedSet.has(partner)) continue;
      for (const c of coVisits) {
        if (!strongRooms.has(c.roomId)) continue;
        let seen = strongRoomsOf.get(partner);
        if (seen === undefined) strongRoomsOf.set(partner, (seen = new Set()));
        seen.add(c.roomId);
        if (crewDwellMs === undefined || !followsScript(accountOf(partner), c.roomId, crewDwellMs, context, config)) continue;
        let matches = scriptMatchesOf.get(partner);
        if (matches === undefined) scriptMatchesOf.set(partner, (matches = new Map()));
        matches.set(c.roomId, (matches.get(c.roomId) ?? 0) + 1);
      }
    }
  }
  const attached = [...strongRoomsOf].filter(([, seen]) => seen.size >= config.nameAfterCrewRooms).map(([id]) => id).sort();
  const scripted = [...scriptMatchesOf]
    .filter(([id, matches]) => !attached.includes(id) && [...matches.values()].some((n) => n >= config.nameWithCoreInOneRoom))
    .map(([id]) => id)
    .sort();
  for (const member of group.members) {
    if (named.length >= config.maxCrewAccounts) break;
    if (named.includes(member)) continue;
    const state = accountOf(member);
    if (state !== undefined && state.visits.some((v) => roomIds.has(v.roomId))) named.push(member);
  }
  for (const id of [...attached, ...scripted]) if (named.length < config.maxCrewAccounts && !named.includes(id)) named.push(id);
  return named;
}

/**
 * The account stayed in `roomId` as long as the crew's script, and not behind
 * a shared NAT: one room's timing alone names it, so a campus's hundreds of
 * students, who fill the same rooms at once, must not come close by chance.
 */
function followsScript(state: AccountState | undefined, roomId: string, crewDwellMs: number, context: NamingContext, config: CrewConfig): boolean {
  if (state === undefined || state.ipPrefixes.some((p) => context.sharedNetwork(p))) return false;
  const visit = state.visits.find((v) => v.roomId === roomId && v.dwellMs > 0);
  return visit !== undefined && Math.abs(visit.dwellMs - crewDwellMs) <= config.nameDwellToleranceMs;
}
