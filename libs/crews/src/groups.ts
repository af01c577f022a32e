/**
 * Groups of linked accounts: candidate crews. Accounts are linked by repeated
 * sync across rooms, or by a device or payment key few accounts share. Each
 * account is in at most one group; linking two groups merges them into the
 * older one, so a group's id is stable. The id is derived from the group's
 * first two accounts and the event-time minute of the link that created it,
 * not from a counter, so a replay started from any offset names a crew as the
 * service did (#21). A group past `maxCrewAccounts` is a crowd: it stops
 * growing and is never reported.
 */
import { createHash } from "node:crypto";
import { Severity } from "@redline/proto";
import type { AccountState } from "./account-state";
import type { CrewConfig } from "./config";

export interface Group {
  id: string;
  /** Event time of the link that created the group: the older of two groups absorbs the younger. */
  createdMs: number;
  /** Member account ids, at most `maxCrewAccounts`. */
  members: string[];
  /** Grew past `maxCrewAccounts`: a crowd, not a light crew. */
  crowd: boolean;
  lastMs: number;
  /** The highest severity reported so far, and the rooms already reported. */
  reportedSeverity: Severity;
  reportedStreamers: number;
  reportedRooms: Set<string>;
}

export class GroupStore {
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly config: CrewConfig,
    private readonly accountOf: (accountId: string) => AccountState | undefined,
  ) {}

  get size(): number {
    return this.groups.size;
  }

  get(id: string): Group | undefined {
    return this.groups.get(id);
  }

  /** Puts `a` and `b` in one group; returns it (undefined if either is unknown). */
  link(a: AccountState, b: AccountState, nowMs: number): Group | undefined {
    if (a.accountId === b.accountId) return undefined;
    const ga = this.groups.get(a.groupId);
    const gb = this.groups.get(b.groupId);
    let group: Group;
    if (ga === undefined && gb === undefined) group = this.create(a.accountId, b.accountId, nowMs);
    else if (ga === undefined || gb === undefined) group = (ga ?? gb)!;
    else group = ga === gb ? ga : this.merge(ga, gb);
    this.join(group, a);
    this.join(group, b);
    group.lastMs = nowMs;
    this.refresh(group);
    return group;
  }

  /** Takes an evicted account out of its group. */
  leave(state: AccountState): void {
    const group = this.groups.get(state.groupId);
    state.groupId = "";
    if (group === undefined) return;
    group.members = group.members.filter((m) => m !== state.accountId);
    if (group.members.length === 0) this.groups.delete(group.id);
  }

  bytes(): number {
    let bytes = 0;
    for (const g of this.groups.values()) bytes += 200 + g.members.length * 40 + g.reportedRooms.size * 40;
    return bytes;
  }

  /** Every group, least recently updated first (the eviction order), for a snapshot. */
  all(): IterableIterator<Group> {
    return this.groups.values();
  }

  /** Puts back a snapshot's groups, in the order `all` gave them. */
  restore(groups: readonly Group[]): void {
    this.groups.clear();
    for (const g of groups) this.groups.set(g.id, g);
  }

  private create(first: string, second: string, nowMs: number): Group {
    let id = crewId(first, second, nowMs);
    // The same two accounts can found a second group in the same minute only after the first was evicted
    // while it still lingers here; a suffix keeps ids unique without depending on anything but the input.
    for (let n = 2; this.groups.has(id); n++) id = `${crewId(first, second, nowMs)}-${n}`;
    const group: Group = {
      id,
      createdMs: nowMs,
      members: [],
      crowd: false,
      lastMs: nowMs,
      reportedSeverity: Severity.SEVERITY_UNSPECIFIED,
      reportedStreamers: 0,
      reportedRooms: new Set(),
    };
    this.groups.set(group.id, group);
    this.evictOldest();
    return group;
  }

  /** Merges the younger group into the older (created first; ties by id). */
  private merge(x: Group, y: Group): Group {
    const [older, younger] = this.createdBefore(x, y) ? [x, y] : [y, x];
    for (const member of younger.members) {
      const state = this.accountOf(member);
      if (state !== undefined) this.join(older, state);
    }
    older.crowd ||= younger.crowd;
    for (const room of younger.reportedRooms) older.reportedRooms.add(room);
    this.groups.delete(younger.id);
    return older;
  }

  private createdBefore(x: Group, y: Group): boolean {
    return x.createdMs !== y.createdMs ? x.createdMs < y.createdMs : x.id < y.id;
  }

  private join(group: Group, state: AccountState): void {
    if (state.groupId === group.id) return;
    state.groupId = group.id;
    if (group.members.length < this.config.maxCrewAccounts) group.members.push(state.accountId);
    else group.crowd = true;
  }

  /** Re-inserts `group` as the most recently updated. */
  private refresh(group: Group): void {
    this.groups.delete(group.id);
    this.groups.set(group.id, group);
  }

  private evictOldest(): void {
    while (this.groups.size > this.config.maxGroups) {
      const oldest = this.groups.values().next().value as Group;
      for (const member of oldest.members) {
        const state = this.accountOf(member);
        if (state !== undefined && state.groupId === oldest.id) state.groupId = "";
      }
      this.groups.delete(oldest.id);
    }
  }
}

const MINUTE_MS = 60_000;

/**
 * `crew-<minute>-<hash>`: the event-time minute (base 36) of the founding link
 * and a hash of its two accounts in sorted order, so the id depends on the
 * crew alone, never on where a run started or how many groups came before.
 */
export function crewId(first: string, second: string, createdMs: number): string {
  const [a, b] = first < second ? [first, second] : [second, first];
  const hash = createHash("sha256").update(`${a}\n${b}`).digest("hex").slice(0, 12);
  return `crew-${Math.floor(createdMs / MINUTE_MS).toString(36)}-${hash}`;
}
