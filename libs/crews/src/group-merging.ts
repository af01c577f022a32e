/**
 * Whether two groups are one crew, counted from every co-visit between their
 * members (#21). A crew's rotating subsets put different accounts in each
 * room (§6.1), so its groups often form only after the rooms in which their
 * accounts met: counting only the co-visits seen while both groups existed
 * (group-pairs.ts) forgets those rooms, and forgets them again when a group
 * is absorbed by another. The accounts' own partner lists still hold them,
 * within their caps, so the count is bounded by `maxCrewAccounts` ×
 * `maxPartnersPerAccount` × `maxCoVisitsPerPartner`.
 */
import { type AccountState, type CoVisit, distinctStreamers } from "./account-state";
import type { Group } from "./groups";

export type AccountLookup = (accountId: string) => AccountState | undefined;

/** Streamers' rooms in which `state` was in sync with any member of group `groupId`: one account of a crew meets different members in different rooms. */
export function streamersWithGroup(state: AccountState, groupId: string, accountOf: AccountLookup, maxArrivalGapMs = Number.POSITIVE_INFINITY): number {
  const coVisits: CoVisit[] = [];
  for (const [partner, list] of state.partners) if (accountOf(partner)?.groupId === groupId) coVisits.push(...list.filter((c) => c.arrivalGapMs <= maxArrivalGapMs));
  return distinctStreamers(coVisits);
}

/** Distinct streamers' rooms in which a member of `x` was in sync with a member of `y`. */
export function streamersBetween(x: Group, y: Group, accountOf: AccountLookup): number {
  const coVisits: CoVisit[] = [];
  for (const id of x.members) {
    for (const [partner, list] of accountOf(id)?.partners ?? []) if (accountOf(partner)?.groupId === y.id) coVisits.push(...list);
  }
  return distinctStreamers(coVisits);
}

/**
 * The other groups whose accounts were in sync with a member of `group`, each
 * once, with a pair of accounts (one of each) that links them. Crowds are
 * left out: they are never reported and never grow.
 */
export function neighbourGroups(group: Group, accountOf: AccountLookup, groupOf: (id: string) => Group | undefined): Array<{ member: AccountState; partner: AccountState; other: Group }> {
  const seen = new Set<string>([group.id]);
  const out: Array<{ member: AccountState; partner: AccountState; other: Group }> = [];
  for (const id of group.members) {
    const member = accountOf(id);
    for (const partnerId of member?.partners.keys() ?? []) {
      const partner = accountOf(partnerId);
      const other = partner === undefined ? undefined : groupOf(partner.groupId);
      if (member === undefined || partner === undefined || other === undefined || other.crowd || seen.has(other.id)) continue;
      seen.add(other.id);
      out.push({ member, partner, other });
    }
  }
  return out;
}
