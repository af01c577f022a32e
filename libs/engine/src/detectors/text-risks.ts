/**
 * Harassment, diversion and prohibited content in comments and barrage.
 * REPEAT_OFFENDER: one account posting texts of a label again and again
 * (one rude or ambiguous comment is not a pattern). ROOM_FLOOD: many
 * accounts' texts of a label left standing in the room; each flagged text
 * gets a grace period for the operator to remove it, and a room whose
 * operator removes most of them is moderating, not flooded.
 */
import { RiskCategory } from "@redline/proto";
import { swAdd, swSum } from "../primitives/sliding-window";
import { addEvidence } from "../evidence";
import { combine, ramp, severityOf } from "./scoring";
import { REPEAT_OFFENDER, ROOM_FLOOD } from "./content-finding";
import type { ContentFinding } from "./content-finding";
import type { ContentConfig } from "./content-config";
import { recentOffences } from "./content-state";
import type { FloodState, OffenceSlot, PendingText, TextRecord } from "./content-state";
import type { AbuseLabel } from "./text-scorer";
import { setMostRecent } from "@redline/common";

export const CATEGORY_OF_LABEL: Readonly<Record<AbuseLabel, RiskCategory>> = {
  HARASSMENT: RiskCategory.RISK_CATEGORY_HARASSMENT,
  DIVERSION: RiskCategory.RISK_CATEGORY_DIVERSION,
  PROHIBITED: RiskCategory.RISK_CATEGORY_PROHIBITED_CONTENT,
};

const WORDS: Readonly<Record<AbuseLabel, string>> = { HARASSMENT: "harassing", DIVERSION: "off-platform diversion", PROHIBITED: "prohibited-content" };

/** Pending flagged texts kept per label; past this the oldest is judged at once. */
const MAX_PENDING = 512;

/**
 * `threshold` is the label's offence threshold (the operator's, else the artifact's): the mean score's strength
 * starts just under it, so a label set stricter or looser moves the severity with the decision.
 */
export function detectRepeatOffender(label: AbuseLabel, slot: OffenceSlot, authorId: string, timeMs: number, cfg: Readonly<ContentConfig>, threshold: number): ContentFinding | null {
  const { count, meanScore } = recentOffences(slot, timeMs, cfg.textWindowMs);
  if (count < cfg.repeatOffenderTexts) return null;
  const { score, signals } = combine([
    { name: `${label.toLowerCase()}_texts_by_account`, value: count, strength: ramp(count, cfg.repeatOffenderTexts - 1, cfg.repeatOffenderTexts + 4), weight: 0.75 },
    { name: `mean_${label.toLowerCase()}_score`, value: meanScore, strength: ramp(meanScore, threshold - 0.1, 0.98), weight: 0.6 },
  ]);
  return {
    category: CATEGORY_OF_LABEL[label],
    subcategory: REPEAT_OFFENDER,
    subjectUserId: authorId,
    severity: severityOf(score),
    score,
    summary: `one account posted ${count} ${WORDS[label]} texts within ${Math.round(cfg.textWindowMs / 60_000)} min (mean classifier score ${meanScore.toFixed(2)})`,
    signals,
    evidence: slot.evidence,
  };
}

export function queueFlagged(f: FloodState, text: PendingText): void {
  f.pending.push(text);
}

/** Judges flagged texts whose grace period has passed: removed by then, or left standing. */
export function judgePending(f: FloodState, texts: ReadonlyMap<string, TextRecord>, timeMs: number, cfg: Readonly<ContentConfig>, maxEvidence: number): void {
  while (f.pending.length > 0 && (f.pending[0]!.timeMs + cfg.floodGraceMs <= timeMs || f.pending.length > MAX_PENDING)) {
    const p = f.pending.shift()!;
    const judgedMs = Math.max(p.timeMs, timeMs - cfg.floodGraceMs);
    if (texts.get(p.textId)?.removed === true) {
      swAdd(f.removed, judgedMs, 1);
      continue;
    }
    addEvidence(f.evidence, { eventId: p.eventId, weight: p.score, timeMs: p.timeMs }, maxEvidence);
    const times = (f.authors.get(p.authorId) ?? []).filter((ms) => judgedMs - ms < cfg.textWindowMs);
    if (times.length >= cfg.floodTextsPerAuthor) continue;
    times.push(judgedMs);
    setMostRecent(f.authors, p.authorId, times, cfg.maxAuthorsPerRoom);
    swAdd(f.standing, judgedMs, 1);
  }
}

export function detectRoomFlood(label: AbuseLabel, f: FloodState, timeMs: number, cfg: Readonly<ContentConfig>): ContentFinding | null {
  const standing = swSum(f.standing, timeMs);
  if (standing < cfg.floodTexts) return null;
  let authors = 0;
  for (const times of f.authors.values()) if (times.some((ms) => timeMs - ms < cfg.textWindowMs)) authors++;
  if (authors < cfg.floodAuthors) return null;
  const removed = swSum(f.removed, timeMs);
  const removedShare = removed / (removed + standing);
  if (removedShare >= cfg.floodMaxRemovedShare) return null;
  const { score, signals } = combine([
    { name: `standing_${label.toLowerCase()}_texts`, value: standing, strength: ramp(standing, cfg.floodTexts - 1, 3 * cfg.floodTexts), weight: 0.8 },
    { name: `${label.toLowerCase()}_authors`, value: authors, strength: ramp(authors, cfg.floodAuthors - 1, 3 * cfg.floodAuthors), weight: 0.6 },
    { name: "operator_removed_share", value: removedShare, strength: 1 - removedShare / cfg.floodMaxRemovedShare, weight: 0.4 },
  ]);
  return {
    category: CATEGORY_OF_LABEL[label],
    subcategory: ROOM_FLOOD,
    subjectUserId: "",
    severity: severityOf(score),
    score,
    summary: `${standing} ${WORDS[label]} texts from ${authors} accounts left standing in ${Math.round(cfg.textWindowMs / 60_000)} min; the operator removed ${removed} within ${Math.round(cfg.floodGraceMs / 1000)} s`,
    signals,
    evidence: f.evidence,
  };
}
