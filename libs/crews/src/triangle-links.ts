/**
 * Links from three rooms of one crew's rotating subsets (#21, threat model
 * §6.1). A click crew's people run behind the script by minutes, so two of its
 * accounts are seldom in sync in two rooms (the pair link); but the crew is
 * rented to room after room with fresh subsets, so three of its accounts are
 * in sync pairwise across rooms: A with B in one, A with C in another, B with
 * C in a third. Viewers who met by chance close such a triangle far less
 * often: each side is a separate coincidence in a separate streamer's room.
 * An account in sync with a great many others (a viewer of many rooms who
 * meets everyone) closes triangles by chance, so it is no witness. Reads only
 * the partner lists already held.
 */
import type { AccountState, CoVisit } from "./account-state";

export interface TriangleLimits {
  /** Witnesses needed. */
  witnesses: number;
  /** Product categories the three rooms span: one category's shared audience moves between its rooms together (§6.3). */
  minCategories: number;
  /** A witness with this many sync partners or more meets everyone and witnesses nothing. */
  maxWitnessPartners: number;
}

type RoomOf = Pick<CoVisit, "streamerId" | "roomId" | "category">;

function streamerKey(c: RoomOf): string {
  return c.streamerId === "" ? `room:${c.roomId}` : c.streamerId;
}

/** Rooms of three streamers in `minCategories` categories: the pair's, one with the witness each. */
function closes(pair: RoomOf, withA: readonly CoVisit[], withB: readonly CoVisit[], minCategories: number): boolean {
  const pairStreamer = streamerKey(pair);
  return withA.some((x) => {
    const sx = streamerKey(x);
    if (sx === pairStreamer) return false;
    return withB.some((y) => streamerKey(y) !== pairStreamer && streamerKey(y) !== sx && new Set([pair.category, x.category, y.category]).size >= minCategories);
  });
}

/**
 * Partners both `a` and `b` were in sync with in rooms of two streamers other
 * than the pair's room `pair` (in the partner lists' order, at most
 * `limits.witnesses`); fewer than asked means no triangle link.
 */
export function triangleWitnesses(a: AccountState, b: AccountState, pair: RoomOf, accountOf: (id: string) => AccountState | undefined, limits: TriangleLimits): string[] {
  const out: string[] = [];
  if (limits.witnesses <= 0) return out;
  for (const [witness, withA] of a.partners) {
    if (witness === b.accountId) continue;
    const withB = b.partners.get(witness);
    if (withB === undefined || !closes(pair, withA, withB, limits.minCategories)) continue;
    if ((accountOf(witness)?.partners.size ?? Infinity) >= limits.maxWitnessPartners) continue;
    if (out.push(witness) >= limits.witnesses) break;
  }
  return out;
}
