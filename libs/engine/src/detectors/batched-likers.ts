/**
 * Likers past a thumb in a single event, over a long horizon. A client batches about a second of taps
 * into one like event, so more than `humanMaxTapsPerEvent` in one event is no person (threat model §2.2:
 * API scripts send 30-200 per event); no legitimate crowd of either blind generator ever sent more than
 * 15. The likes cohort judges three minutes, and a farm that drips its scripted accounts in over a quarter
 * of an hour never has four of them in one window (the second blind generator's development seeds: five
 * such accounts over 9-17 minutes, each at 180-190 taps per event, raised nothing). Here such accounts are
 * counted over `batchedLikersWindowMs`: four of them make a finding at MEDIUM, a physical limit passed
 * four times, not a statistical judgement.
 */
import type { Signal } from "@redline/proto";
import { addEvidence, type EvidenceItem } from "../evidence";
import type { RoomState } from "../room-state";
import type { FalsificationConfig } from "./falsification-config";
import { FAKE_LIKES, type Finding } from "./finding";
import { ramp } from "./scoring";

/** An account seen sending more taps in one like event than a thumb makes: its latest such event. */
export interface BatchedLiker {
  userId: string;
  lastMs: number;
  eventId: string;
}

/** Accounts kept per room: far above the finding's floor, and a room without scripts keeps none. */
const MAX_BATCHED_LIKERS = 64;
const BASE_SCORE = 0.7;
const PART = 0.1;

/** Notes a like event of `taps` taps; keeps the account when the taps are beyond a thumb. */
export function noteBatchedLike(room: RoomState, userId: string, eventId: string, timeMs: number, taps: number, f: Readonly<FalsificationConfig>): void {
  if (taps <= f.humanMaxTapsPerEvent) return;
  const list = (room.batchedLikers ??= []);
  const i = list.findIndex((l) => l.userId === userId);
  if (i >= 0) list.splice(i, 1);
  else if (list.length >= MAX_BATCHED_LIKERS) list.shift();
  // Appended in event order, so the list stays ordered by `lastMs` (late events are applied in order too).
  list.push({ userId, lastMs: timeMs, eventId });
}

/** A FAKE_LIKES finding when `minSuspiciousLikers` accounts sent batched likes within the horizon; null otherwise. */
export function batchedLikersFinding(room: RoomState, timeMs: number, f: Readonly<FalsificationConfig>, maxEvidence: number): Finding | null {
  const list = room.batchedLikers;
  if (list === undefined) return null;
  const since = timeMs - f.batchedLikersWindowMs;
  while (list.length > 0 && list[0]!.lastMs < since) list.shift();
  const n = list.length;
  if (n < f.minSuspiciousLikers) return null;
  const size = PART * ramp(n, f.minSuspiciousLikers, 4 * f.minSuspiciousLikers);
  const signals: Signal[] = [
    { name: "tell_superhuman_taps", value: 1, contribution: BASE_SCORE },
    { name: "suspicious_accounts", value: n, contribution: Math.round(size * 10_000) / 10_000 },
  ];
  const evidence: EvidenceItem[] = [];
  for (const l of list) addEvidence(evidence, { eventId: l.eventId, weight: 2, timeMs: l.lastMs }, maxEvidence);
  const minutes = Math.round(f.batchedLikersWindowMs / 60_000);
  return {
    subcategory: FAKE_LIKES,
    score: Math.round((BASE_SCORE + size) * 10_000) / 10_000,
    summary: `${n} accounts sent more than ${f.humanMaxTapsPerEvent} taps in one like event within ${minutes} min: no thumb makes that, a script does`,
    signals,
    evidence,
  };
}
