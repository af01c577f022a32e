/**
 * Per-room state of the content detectors: the room's recent texts with
 * their classifier scores (so moderation joins to the score the text had,
 * and a replay or restore never re-classifies), bounded per-author slots,
 * and each detector's counters. Plain data, serialised with the room.
 */
import { createSlidingWindow } from "../primitives/sliding-window";
import { boundedUpsert, setMostRecent } from "@redline/common";
import { addEvidence } from "../evidence";
import type { SlidingWindow } from "../primitives/sliding-window";
import type { EvidenceItem } from "../evidence";
import type { AbuseLabel } from "./text-scorer";

export interface TextRecord {
  eventId: string;
  authorId: string;
  timeMs: number;
  negativeScore: number;
  /** Any risk label (harassment, diversion, prohibited, minor risk) at the decision threshold: removing it is legitimate. */
  abusive: boolean;
  removed: boolean;
}

export interface SuppressionState {
  negatives: number;
  others: number;
  negativeRemoved: number;
  otherRemoved: number;
  /** Removals of abusive texts: legitimate, outside the test, reported for context. */
  legitimateRemoved: number;
  evidence: EvidenceItem[];
}

export interface OffenceSlot {
  /** Event times and scores of the author's latest offending texts (at most OFFENCES_KEPT). */
  timesMs: number[];
  scores: number[];
  evidence: EvidenceItem[];
}

/** Latest offences kept per author and label: enough for any sensible repeat threshold. */
export const OFFENCES_KEPT = 16;

export interface PendingText {
  textId: string;
  eventId: string;
  authorId: string;
  timeMs: number;
  score: number;
}

export interface FloodState {
  /** Flagged texts waiting out the grace period the operator gets to remove them. */
  pending: PendingText[];
  standing: SlidingWindow;
  removed: SlidingWindow;
  /** Author → event times of their latest standing flagged texts (at most floodTextsPerAuthor). */
  authors: Map<string, number[]>;
  evidence: EvidenceItem[];
}

export interface MinorContentState {
  texts: SlidingWindow;
  authors: Map<string, number>;
  evidence: EvidenceItem[];
}

export interface ContentFeatures {
  texts: Map<string, TextRecord>;
  /**
   * Author → ids of their latest texts (for mutes and blocks): a lone id as the string itself (#15: nearly every
   * author of an ordinary room writes one text, and an array of one cost 56 B more); `authorTextIds` reads both.
   */
  authorTexts: Map<string, string | string[]>;
  suppression: SuppressionState;
  /** Key `<label>\u0000<author>`. */
  offences: Map<string, OffenceSlot>;
  /**
   * Per label, made on its first flagged text, and the minor-risk texts, made on the first (#15): an ordinary
   * room's comments flag nothing, and the seven sliding windows were 3.4 KB of its memory. Snapshots hold
   * them in full either way (`room-codec.ts`).
   */
  floods: Partial<Record<AbuseLabel, FloodState>>;
  minor: MinorContentState | undefined;
  /** Key `<subcategory>\u0000<label or "">\u0000<subject>` → event time the open episode started. */
  episodes: Map<string, number>;
  nextEvaluationMs: Record<string, number>;
}

export function windowOf(spanMs: number): SlidingWindow {
  return createSlidingWindow(Math.max(1, Math.round(spanMs / 10)), 10);
}

export function createFlood(spanMs: number): FloodState {
  return { pending: [], standing: windowOf(spanMs), removed: windowOf(spanMs), authors: new Map(), evidence: [] };
}

export function createMinorContent(spanMs: number): MinorContentState {
  return { texts: windowOf(spanMs), authors: new Map(), evidence: [] };
}

export function createContentFeatures(): ContentFeatures {
  return {
    texts: new Map(),
    authorTexts: new Map(),
    suppression: { negatives: 0, others: 0, negativeRemoved: 0, otherRemoved: 0, legitimateRemoved: 0, evidence: [] },
    offences: new Map(),
    floods: {},
    minor: undefined,
    episodes: new Map(),
    nextEvaluationMs: {},
  };
}

/** Notes `id` as the author's latest text, keeping the latest `keep`. */
export function noteAuthorText(authorTexts: Map<string, string | string[]>, authorId: string, id: string, capacity: number, keep: number): void {
  let created = false;
  const ids = boundedUpsert(authorTexts, authorId, capacity, () => {
    created = true;
    return id;
  });
  if (created) return;
  // Set on a key it holds, the map keeps the author's place: as pushing to the array did.
  if (typeof ids === "string") authorTexts.set(authorId, keep > 1 ? [ids, id] : [id]);
  else {
    ids.push(id);
    if (ids.length > keep) ids.shift();
  }
}

/** The ids of the author's latest texts, oldest first. */
export function authorTextIds(authorTexts: ReadonlyMap<string, string | string[]>, authorId: string): readonly string[] {
  const ids = authorTexts.get(authorId);
  return ids === undefined ? [] : typeof ids === "string" ? [ids] : ids;
}

/** Accounts active within `windowMs` before `timeMs` in a last-seen map. */
export function activeCount(lastSeen: Map<string, number>, timeMs: number, windowMs: number): number {
  let n = 0;
  for (const ms of lastSeen.values()) if (timeMs - ms < windowMs) n++;
  return n;
}

/** Records `key` as seen at `timeMs` in a last-seen map capped at `capacity` (oldest insertion evicted). */
export function touchLastSeen(lastSeen: Map<string, number>, key: string, timeMs: number, capacity: number): void {
  setMostRecent(lastSeen, key, timeMs, capacity);
}

/** Records one offending text by an author under `key`; returns the author's slot. */
export function recordOffence(offences: Map<string, OffenceSlot>, key: string, o: { eventId: string; timeMs: number; score: number }, capacity: number, maxEvidence: number): OffenceSlot {
  const slot = boundedUpsert(offences, key, capacity, () => ({ timesMs: [], scores: [], evidence: [] }));
  slot.timesMs.push(o.timeMs);
  slot.scores.push(o.score);
  if (slot.timesMs.length > OFFENCES_KEPT) {
    slot.timesMs.shift();
    slot.scores.shift();
  }
  addEvidence(slot.evidence, { eventId: o.eventId, weight: o.score, timeMs: o.timeMs }, maxEvidence);
  return slot;
}

/** Offences in the window ending at `timeMs`, and their mean score. */
export function recentOffences(slot: OffenceSlot, timeMs: number, windowMs: number): { count: number; meanScore: number } {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < slot.timesMs.length; i++) {
    if (timeMs - slot.timesMs[i]! < windowMs) {
      count++;
      sum += slot.scores[i]!;
    }
  }
  return { count, meanScore: count > 0 ? sum / count : 0 };
}
