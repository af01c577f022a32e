/**
 * What a group of linked accounts shows across rooms, and how severe that is.
 * Only co-visits between two members count: the rooms where members arrived
 * and left together. Sessions of one streamer count once, so a fan club that
 * follows its streamer is one room's worth of evidence (§6.3).
 */
import { Severity } from "@redline/proto";
import type { AccountState } from "./account-state";
import type { CrewConfig } from "./config";

export interface CrewRoomEvidence {
  roomId: string;
  streamerId: string;
  category: string;
  /** Members in sync in the room, sorted. */
  accounts: string[];
  firstMs: number;
  lastMs: number;
}

export interface CrewEvidence {
  /** Members in sync with another member somewhere, most rooms first (ties by id), at most `maxCrewAccounts`. */
  accounts: string[];
  /** Rooms in time order. */
  rooms: CrewRoomEvidence[];
  distinctStreamers: number;
  /** Product categories of those rooms: one shop's channels or one category's popular rooms share an audience (§6.3). */
  distinctCategories: number;
  /** Keys at least two members in sync used, sorted: the linkage a reviewer can check. */
  sharedDevices: string[];
  sharedPaymentKeys: string[];
  sharedIpPrefixes: string[];
}

export function gatherEvidence(members: readonly string[], accountOf: (id: string) => AccountState | undefined, keyCountsForCore = false): CrewEvidence {
  const core = crewCore(members, accountOf, keyCountsForCore);
  const rooms = new Map<string, CrewRoomEvidence>();
  const roomsPerAccount = new Map<string, number>();
  const keyUsers = new Map<string, Set<string>>();
  for (const id of core) {
    const state = accountOf(id)!;
    for (const [partner, coVisits] of state.partners) {
      if (!core.has(partner)) continue;
      roomsPerAccount.set(id, (roomsPerAccount.get(id) ?? 0) + coVisits.length);
      for (const c of coVisits) {
        let room = rooms.get(c.roomId);
        if (room === undefined) rooms.set(c.roomId, (room = { roomId: c.roomId, streamerId: c.streamerId, category: c.category, accounts: [], firstMs: c.arrivedMs, lastMs: c.leftMs }));
        if (!room.accounts.includes(id)) room.accounts.push(id);
        room.firstMs = Math.min(room.firstMs, c.arrivedMs);
        room.lastMs = Math.max(room.lastMs, c.leftMs);
      }
    }
  }
  // Keys count among accounts in sync only: a household's tablet links its members, but they take turns (§6.3).
  for (const id of roomsPerAccount.keys()) {
    const state = accountOf(id)!;
    for (const key of [...state.keys, ...state.ipPrefixes.map((p) => `i:${p}`)]) {
      let users = keyUsers.get(key);
      if (users === undefined) keyUsers.set(key, (users = new Set()));
      users.add(id);
    }
  }
  const shared = (prefix: string) =>
    [...keyUsers].filter(([key, users]) => key.startsWith(prefix) && users.size >= 2).map(([key]) => key.slice(prefix.length)).sort();
  const roomList = [...rooms.values()].sort((a, b) => a.firstMs - b.firstMs || (a.roomId < b.roomId ? -1 : 1));
  for (const room of roomList) room.accounts.sort();
  return {
    accounts: [...roomsPerAccount].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id),
    rooms: roomList,
    distinctStreamers: new Set(roomList.map((r) => r.streamerId || `room:${r.roomId}`)).size,
    distinctCategories: new Set(roomList.map((r) => r.category || `room:${r.roomId}`)).size,
    sharedDevices: shared("d:"),
    sharedPaymentKeys: shared("p:"),
    sharedIpPrefixes: shared("i:"),
  };
}

/**
 * The members in sync with at least two other members, when three or more
 * are: a regular viewer who met one crew member twice by chance is linked but
 * is not the crew (and neither are the rooms where only he met it). Smaller
 * groups keep every member in sync with another. With `keyCountsForCore`, a
 * member in sync with one other also counts when it shares a device or payment
 * key with another member in sync: a brushing crew's rotating pairs (§6.2:
 * 1–4 accounts per device, 2–10 buyers per wallet) meet one partner per room,
 * and the phone they share is what ties the pairs together; a regular viewer
 * who met a member by chance shares no phone with the crew.
 */
function crewCore(members: readonly string[], accountOf: (id: string) => AccountState | undefined, keyCountsForCore: boolean): Set<string> {
  const memberSet = new Set(members);
  const partnersInGroup = new Map<string, number>();
  for (const id of members) {
    const state = accountOf(id);
    if (state === undefined) continue;
    let n = 0;
    for (const partner of state.partners.keys()) if (memberSet.has(partner)) n++;
    if (n > 0) partnersInGroup.set(id, n);
  }
  if (keyCountsForCore) addKeyPartners(partnersInGroup, accountOf);
  const wellLinked = [...partnersInGroup].filter(([, n]) => n >= 2).map(([id]) => id);
  return new Set(wellLinked.length >= 3 ? wellLinked : partnersInGroup.keys());
}

/** Adds one to each synced member's count when a device or payment key ties it to another synced member. */
function addKeyPartners(partnersInGroup: Map<string, number>, accountOf: (id: string) => AccountState | undefined): void {
  const usersOf = new Map<string, string[]>();
  for (const id of partnersInGroup.keys()) {
    for (const key of accountOf(id)?.keys ?? []) {
      const users = usersOf.get(key);
      if (users === undefined) usersOf.set(key, [id]);
      else users.push(id);
    }
  }
  const tied = new Set<string>();
  for (const users of usersOf.values()) if (users.length >= 2) for (const id of users) tied.add(id);
  for (const id of tied) partnersInGroup.set(id, partnersInGroup.get(id)! + 1);
}

/**
 * Severity of a group's evidence. MEDIUM needs sync across `mediumStreamers`
 * streamers' rooms in at least `minCategories` product categories, among
 * `minCrewAccounts` accounts, or one fewer when they also share a device or a
 * payment key, and either that key or `minRoomsWithThree` rooms where at
 * least three of them were in sync together; HIGH needs `highStreamers`. Sync in fewer rooms is LOW, or
 * nothing below two streamers.
 */
export function crewSeverity(evidence: CrewEvidence, config: CrewConfig): Severity {
  const accounts = evidence.accounts.length;
  if (evidence.distinctStreamers < config.minPairStreamers || accounts < 2) return Severity.SEVERITY_UNSPECIFIED;
  const sharesKey = evidence.sharedDevices.length + evidence.sharedPaymentKeys.length > 0;
  const enoughAccounts = accounts >= config.minCrewAccounts || (sharesKey && accounts >= config.minCrewAccounts - 1);
  // Chance meetings chain pairs (regulars who met twice); a crew arrives several at a time.
  const together = sharesKey || evidence.rooms.filter((r) => r.accounts.length >= 3).length >= config.minRoomsWithThree;
  if (!enoughAccounts || !together || evidence.distinctCategories < config.minCategories) return Severity.SEVERITY_LOW;
  if (evidence.distinctStreamers >= config.highStreamers) return Severity.SEVERITY_HIGH;
  if (evidence.distinctStreamers >= config.mediumStreamers) return Severity.SEVERITY_MEDIUM;
  return Severity.SEVERITY_LOW;
}

/** In [0, 1]: grows with the streamers' rooms the group was in sync in and with its size. */
export function crewScore(evidence: CrewEvidence, config: CrewConfig): number {
  const rooms = Math.min(1, evidence.distinctStreamers / (config.highStreamers + 2));
  const size = Math.min(1, evidence.accounts.length / (2 * config.minCrewAccounts));
  return Math.round((0.7 * rooms + 0.3 * size) * 1000) / 1000;
}
