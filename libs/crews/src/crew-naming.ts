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
import { coreLikeOffsets, matchesScriptOffset, MIN_SCRIPT_SAMPLES as MIN_OFFSET_SAMPLES } from "./script-offsets";

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
  const likeOffsets = config.nameByLikeOffsetWithCore > 0 || config.nameByLikeOffsetInTwoCrewRoomsWithCore > 0 ? coreLikeOffsets(synced, roomIds, accountOf) : [];
  const coreNetworks = new Set(config.nameByNetworkWithCore > 0 ? synced.flatMap((id) => accountOf(id)?.ipPrefixes ?? []) : []);
  const networkMatches = new RoomCounts();
  const strongRoomsOf = new Map<string, Set<string>>();
  const dwellMatches = new RoomCounts();
  const offsetMatches = new RoomCounts();
  const offsetSeenElsewhere = new RoomCounts();
  for (const id of synced) {
    for (const [partner, coVisits] of accountOf(id)?.partners ?? []) {
      if (syncedSet.has(partner)) continue;
      for (const c of coVisits) {
        if (!strongRooms.has(c.roomId)) continue;
        let seen = strongRoomsOf.get(partner);
        if (seen === undefined) strongRoomsOf.set(partner, (seen = new Set()));
        seen.add(c.roomId);
        if (crewDwellMs !== undefined && followsScript(accountOf(partner), c.roomId, crewDwellMs, context, config)) dwellMatches.add(partner, c.roomId);
        if (likeOffsets.length > 0 && likesOnScript(accountOf(partner), c.roomId, likeOffsets, context, config)) {
          offsetMatches.add(partner, c.roomId);
          if (visitedAnotherRoom(accountOf(partner), c.roomId, roomIds)) offsetSeenElsewhere.add(partner, c.roomId);
        }
        if (coreNetworks.size > 0 && onCoreNetwork(accountOf(partner), coreNetworks, context)) networkMatches.add(partner, c.roomId);
      }
    }
  }
  const attached = [...strongRoomsOf].filter(([, seen]) => seen.size >= config.nameAfterCrewRooms).map(([id]) => id).sort();
  const attachedSet = new Set(attached);
  const scripted = [...new Set([...dwellMatches.reaching(config.nameWithCoreInOneRoom), ...offsetMatches.reaching(config.nameByLikeOffsetWithCore), ...networkMatches.reaching(config.nameByNetworkWithCore), ...offsetSeenElsewhere.reaching(config.nameByLikeOffsetInTwoCrewRoomsWithCore)])].filter((id) => !attachedSet.has(id)).sort();
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

/** The account's first like in `roomId` came at the script's offset after its join, and not behind a shared NAT (as `followsScript`). */
function likesOnScript(state: AccountState | undefined, roomId: string, scriptOffsets: readonly number[], context: NamingContext, config: CrewConfig): boolean {
  if (state === undefined || state.ipPrefixes.some((p) => context.sharedNetwork(p))) return false;
  const visit = state.visits.find((v) => v.roomId === roomId && v.firstLikeOffsetMs >= 0);
  return visit !== undefined && matchesScriptOffset(visit.firstLikeOffsetMs, scriptOffsets, config.scriptOffsetToleranceMs, MIN_OFFSET_SAMPLES);
}

/**
 * The account also visited another of the crew's rooms (in sync or not): a
 * crew's account is rented to the crew's rooms again and again (§6.1), an
 * ordinary viewer who liked on the script's offset by chance has no reason to
 * turn up in a second of them.
 */
function visitedAnotherRoom(state: AccountState | undefined, roomId: string, crewRoomIds: ReadonlySet<string>): boolean {
  return state !== undefined && state.visits.some((v) => v.roomId !== roomId && crewRoomIds.has(v.roomId));
}

/**
 * The account used a /24 that a member of the core used, and no NAT's (a /24
 * of more than `maxAccountsPerKey` accounts): a farm's or proxy pool's
 * network (§6.2), which an ordinary viewer shares with the crew only by
 * chance. Never a link by itself (a /24 is a NAT as often as a farm).
 */
function onCoreNetwork(state: AccountState | undefined, coreNetworks: ReadonlySet<string>, context: NamingContext): boolean {
  return state !== undefined && state.ipPrefixes.some((p) => coreNetworks.has(p) && !context.sharedNetwork(p));
}

/** Per account, how many of the core it matched in each room. */
class RoomCounts {
  private readonly counts = new Map<string, Map<string, number>>();

  add(accountId: string, roomId: string): void {
    let rooms = this.counts.get(accountId);
    if (rooms === undefined) this.counts.set(accountId, (rooms = new Map()));
    rooms.set(roomId, (rooms.get(roomId) ?? 0) + 1);
  }

  /** Accounts that matched at least `n` (> 0) of the core in one room. */
  reaching(n: number): string[] {
    if (n <= 0) return [];
    return [...this.counts].filter(([, rooms]) => [...rooms.values()].some((k) => k >= n)).map(([id]) => id);
  }
}
