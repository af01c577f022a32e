/**
 * Followers on one script: a bought-follow script joins, waits a fixed time and follows (threat model §2.3:
 * "join, follow within seconds", one script for the whole batch), so its accounts follow at the same delay
 * after their own JOINs, within a fraction of a second, however their arrivals are spread. People who follow
 * soon after arriving, a raid's viewers or a feed push's, spread their delays over seconds. An account whose
 * delay is shared, within `scriptedFollowBandMs`, by `scriptedFollowAccounts` of the window's followers, who
 * are at least `scriptedFollowShare` of those within ten bands, is marked as following on a schedule (the
 * follows bit of `scheduledArrivals`, the `scheduled_timing` tell). The mark stays on the slot, which
 * snapshots keep, so it needs no state of its own (rules-22).
 */
import type { AccountSlot, RoomState } from "../room-state";
import type { WindowEntry } from "./cohort-state";
import type { FalsificationConfig } from "./falsification-config";
import { ARRIVAL_BIT } from "./tells";

/** The wide band, in narrow bands: what a follower's delay is compared against to tell a spike from a crowd. */
const WIDE_BANDS = 10;

/** Reused between judgements: the follows window's delays and their slots, sorted by delay. */
const DELAYS: number[] = [];
const SLOTS: AccountSlot[] = [];
const ORDER: number[] = [];

/** Marks the window's followers whose follow-after-join delay a script's batch shares; entries before `sinceMs` are out of the window. */
export function markScriptedFollowers(room: RoomState, window: ReadonlyMap<string, WindowEntry>, sinceMs: number, f: Readonly<FalsificationConfig>): void {
  const least = f.scriptedFollowAccounts;
  if (least <= 0 || window.size < least) return;
  DELAYS.length = 0;
  SLOTS.length = 0;
  window.forEach((entry, userId) => {
    if (entry.lastMs < sinceMs) return;
    const slot = room.accounts.get(userId);
    if (slot === undefined || slot.followAfterJoinMs < 0 || slot.followAfterJoinMs > f.scriptedFollowMaxDelayMs) return;
    DELAYS.push(slot.followAfterJoinMs);
    SLOTS.push(slot);
  });
  const n = DELAYS.length;
  if (n < least) return;
  ORDER.length = n;
  for (let i = 0; i < n; i++) ORDER[i] = i;
  // Ties broken by window order, which is the room's event order: the marks do not depend on the sort's stability.
  ORDER.sort((a, b) => DELAYS[a]! - DELAYS[b]! || a - b);
  const band = f.scriptedFollowBandMs;
  let lo = 0, hi = 0, wideLo = 0, wideHi = 0;
  for (let i = 0; i < n; i++) {
    const d = DELAYS[ORDER[i]!]!;
    while (DELAYS[ORDER[lo]!]! < d - band) lo++;
    while (hi + 1 < n && DELAYS[ORDER[hi + 1]!]! <= d + band) hi++;
    while (DELAYS[ORDER[wideLo]!]! < d - WIDE_BANDS * band) wideLo++;
    while (wideHi + 1 < n && DELAYS[ORDER[wideHi + 1]!]! <= d + WIDE_BANDS * band) wideHi++;
    const narrow = hi - lo + 1;
    if (narrow < least || narrow < f.scriptedFollowShare * (wideHi - wideLo + 1)) continue;
    for (let j = lo; j <= hi; j++) SLOTS[ORDER[j]!]!.scheduledArrivals |= ARRIVAL_BIT.follows;
  }
  SLOTS.length = 0;
}
