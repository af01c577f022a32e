/**
 * Which accounts had joined a room before the room's bounded account map evicted them. A room with more
 * accounts than `maxAccountsPerRoom` (a feed push, a raid, a big streamer's show) drops its oldest slots;
 * when such a viewer later likes, follows or buys, a fresh slot would say it never joined, which the
 * falsification tells read as an API action without a visit (`acted_without_join`): the bound inventing
 * evidence. A Bloom filter keeps the fact in fixed memory, made on the room's first eviction of a joined
 * account; a false match (under 1 % up to 100,000 evicted joiners) only spares an account that tell.
 */
import { hash32 } from "@redline/common";

/** 2^20 bits (128 KB), only in rooms that evicted a joined account. */
const BITS = 1 << 20;
const HASHES = 7;

export type EvictedJoiners = Uint8Array;

function forEachBit(userId: string, visit: (byte: number, mask: number) => boolean): boolean {
  // Double hashing (Kirsch-Mitzenmacher): two independent hashes make the seven.
  const h1 = hash32(userId, 0x9e3779b9);
  const h2 = hash32(userId, 0x7f4a7c15) | 1;
  for (let i = 0; i < HASHES; i++) {
    const bit = (h1 + Math.imul(i, h2)) & (BITS - 1);
    if (!visit(bit >>> 3, 1 << (bit & 7))) return false;
  }
  return true;
}

/** Records that `userId` had joined before its slot was evicted; returns the filter (made on first use). */
export function noteEvictedJoiner(filter: EvictedJoiners | undefined, userId: string): EvictedJoiners {
  const bits = filter ?? new Uint8Array(BITS >>> 3);
  forEachBit(userId, (byte, mask) => {
    bits[byte] = bits[byte]! | mask;
    return true;
  });
  return bits;
}

/** Whether `userId` (probably) joined before its slot was evicted. */
export function joinedBeforeEviction(filter: EvictedJoiners | undefined, userId: string): boolean {
  if (filter === undefined) return false;
  return forEachBit(userId, (byte, mask) => (filter[byte]! & mask) !== 0);
}
