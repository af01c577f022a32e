/**
 * Applies one event to its room's content features (texts, moderation,
 * tips, streamer facts) and returns what the content detectors conclude.
 * Each text is classified once, here, and its scores are kept with the
 * text, so a moderation event minutes later joins to the score the text
 * had, and a replay or restored engine decides exactly the same way.
 * Likes, views and follows never reach this code: no text, no cost.
 */
import { ModerationKind, OperatorRole, RoomEventKind, TransactionKind } from "@redline/proto";
import type { Actor, LiveEvent, ModerationEvent } from "@redline/proto";
import { boundedUpsert, setMostRecent } from "@redline/common";
import type { RoomState } from "../room-state";
import type { EngineConfig } from "../config";
import { labelThresholdOf, offenceThresholdOf } from "./content-config";
import type { ContentFinding } from "./content-finding";
import { authorTextIds, createContentFeatures, createFlood, createMinorContent, noteAuthorText, recordOffence } from "./content-state";
import type { ContentFeatures, TextRecord } from "./content-state";
import { ABUSE_LABELS } from "./text-scorer";

/** Labels that make a text abusive, so its removal is legitimate moderation, not review suppression. */
const RISK_LABELS = [...ABUSE_LABELS, "MINOR_RISK"] as const;
import type { AbuseLabel, TextScorer, TextScores } from "./text-scorer";
import { detectSelectiveDeletion, observeRemoval, observeText } from "./review-suppression";
import { detectMinorContentAuthor, detectMinorContentRoom, detectMinorStreamer, detectMinorTip, observeMinorText } from "./minor-protection";
import { detectRepeatOffender, detectRoomFlood, judgePending, queueFlagged } from "./text-risks";

function topAbuseLabel(s: TextScores): AbuseLabel {
  let top: AbuseLabel = ABUSE_LABELS[0];
  for (const label of ABUSE_LABELS) if (s[label] > s[top]) top = label;
  return top;
}

/** Latest text ids remembered per author, for mutes and blocks. */
const TEXTS_PER_AUTHOR = 8;

function contentOf(room: RoomState): ContentFeatures {
  room.content ??= createContentFeatures();
  return room.content;
}

/** Opens an episode for `key` unless one is open; the finding is raised only when this returns true. */
function openEpisode(f: ContentFeatures, finding: ContentFinding, label: string, timeMs: number, cfg: Readonly<EngineConfig>): boolean {
  const key = `${finding.subcategory}\u0000${label}\u0000${finding.subjectUserId}`;
  const start = f.episodes.get(key);
  if (start !== undefined && timeMs < start + cfg.alertCooldownMs) return false;
  setMostRecent(f.episodes, key, timeMs, cfg.content.maxAuthorsPerRoom);
  return true;
}

const NO_CONTENT: readonly ContentFinding[] = Object.freeze([]);

function raise(out: ContentFinding[], f: ContentFeatures, finding: ContentFinding | null, label: string, timeMs: number, cfg: Readonly<EngineConfig>): void {
  if (finding !== null && openEpisode(f, finding, label, timeMs, cfg)) out.push(finding);
}

function observeTextEvent(room: RoomState, event: LiveEvent, textId: string, author: Actor | undefined, text: string, cfg: Readonly<EngineConfig>, scorer: TextScorer, out: ContentFinding[]): void {
  const c = cfg.content;
  const f = contentOf(room);
  const t = event.eventTimeMs;
  const id = textId !== "" ? textId : event.eventId;
  const authorId = author?.userId ?? "";
  if (f.texts.has(id)) return; // a redelivered text counts once
  const s = scorer.classify(text);
  const abusive = RISK_LABELS.some((label) => s[label] >= labelThresholdOf(c, label, scorer.thresholds));
  const record: TextRecord = { eventId: event.eventId, authorId, timeMs: t, negativeScore: s.NEGATIVE_REVIEW, abusive, removed: false };
  boundedUpsert(f.texts, id, c.maxTextsPerRoom, () => record);
  observeText(f.suppression, record, c, scorer.thresholds);
  if (authorId !== "") noteAuthorText(f.authorTexts, authorId, id, c.maxAuthorsPerRoom, TEXTS_PER_AUTHOR);
  // A text counts towards its strongest risk label only: the model card notes the labels overlap
  // (an insult can score PROHIBITED 0.6), and one text must not make its author two kinds of offender.
  const top = topAbuseLabel(s);
  for (const label of ABUSE_LABELS) {
    const score = s[label];
    const threshold = offenceThresholdOf(c, label, scorer.thresholds);
    if (label !== top || score < threshold) continue;
    queueFlagged((f.floods[label] ??= createFlood(c.textWindowMs)), { textId: id, eventId: event.eventId, authorId, timeMs: t, score });
    if (authorId === "") continue;
    const slot = recordOffence(f.offences, `${label}\u0000${authorId}`, { eventId: event.eventId, timeMs: t, score }, c.maxAuthorsPerRoom, cfg.maxEvidenceIds);
    raise(out, f, detectRepeatOffender(label, slot, authorId, t, c, threshold), label, t, cfg);
  }
  if (s.MINOR_RISK >= c.minorRiskThreshold) {
    const minor = (f.minor ??= createMinorContent(c.textWindowMs));
    observeMinorText(minor, authorId, event.eventId, t, s.MINOR_RISK, c, cfg.maxEvidenceIds);
    if (authorId !== "") {
      const slot = recordOffence(f.offences, `MINOR_RISK\u0000${authorId}`, { eventId: event.eventId, timeMs: t, score: s.MINOR_RISK }, c.maxAuthorsPerRoom, cfg.maxEvidenceIds);
      raise(out, f, detectMinorContentAuthor(slot, authorId, t, c), "", t, cfg);
    }
    raise(out, f, detectMinorContentRoom(minor, t, c), "", t, cfg);
  }
}

function observeModeration(room: RoomState, event: LiveEvent, m: ModerationEvent, cfg: Readonly<EngineConfig>, scorer: TextScorer, out: ContentFinding[]): void {
  // The platform's own removals say nothing about the room's operators.
  if (m.operatorRole === OperatorRole.OPERATOR_ROLE_PLATFORM) return;
  const c = cfg.content;
  const f = contentOf(room);
  const t = event.eventTimeMs;
  const before = f.suppression.negativeRemoved;
  const remove = (textId: string): void => {
    const record = f.texts.get(textId);
    if (record !== undefined) observeRemoval(f.suppression, record, event.eventId, t, c, cfg.maxEvidenceIds, scorer.thresholds);
  };
  if (m.kind === ModerationKind.MODERATION_KIND_DELETE_COMMENT || m.kind === ModerationKind.MODERATION_KIND_HIDE_COMMENT) {
    remove(m.targetCommentId);
  } else if (m.kind === ModerationKind.MODERATION_KIND_MUTE_USER || m.kind === ModerationKind.MODERATION_KIND_BLOCK_USER) {
    // A mute is one decision about one person, prompted by what they said last: only that text
    // enters the deletion test. Counting each of their recent texts would weigh one decision
    // several times and put an outspoken critic's praise and questions among "other comments
    // removed", hiding the bias the test looks for. All of them still leave the room's view.
    const recent = authorTextIds(f.authorTexts, m.targetUserId).filter((id) => {
      const record = f.texts.get(id);
      return record !== undefined && record.timeMs <= t && t - record.timeMs <= c.muteLookbackMs;
    });
    const trigger = recent[recent.length - 1];
    if (trigger !== undefined) remove(trigger);
    for (const id of recent) f.texts.get(id)!.removed = true;
  }
  // Only a newly removed negative review can tip the test; anything else can only weaken it.
  if (f.suppression.negativeRemoved > before) raise(out, f, detectSelectiveDeletion(f.suppression, c), "", t, cfg);
}

function judgeFloods(room: RoomState, t: number, cfg: Readonly<EngineConfig>, out: ContentFinding[]): void {
  const f = room.content;
  if (f === undefined) return;
  for (const label of ABUSE_LABELS) {
    const flood = f.floods[label];
    if (flood === undefined || flood.pending.length === 0 || flood.pending[0]!.timeMs + cfg.content.floodGraceMs > t) continue;
    judgePending(flood, f.texts, t, cfg.content, cfg.maxEvidenceIds);
    raise(out, f, detectRoomFlood(label, flood, t, cfg.content), label, t, cfg);
  }
}

/** Applies the event to the room's content features; returns the findings to raise (usually none). */
export function applyContent(room: RoomState, event: LiveEvent, cfg: Readonly<EngineConfig>, scorer: TextScorer): readonly ContentFinding[] {
  const body = event.body;
  // Likes, views and follows (most events) carry nothing for these detectors: no array made for them (#15: garbage per event).
  if (body === undefined || body.$case === "like" || body.$case === "view" || body.$case === "follow") return NO_CONTENT;
  const out: ContentFinding[] = [];
  const t = event.eventTimeMs;
  switch (body.$case) {
    case "comment":
      observeTextEvent(room, event, body.value.commentId, body.value.author, body.value.text, cfg, scorer, out);
      break;
    case "barrage":
      observeTextEvent(room, event, body.value.barrageId, body.value.author, body.value.text, cfg, scorer, out);
      break;
    case "moderation":
      observeModeration(room, event, body.value, cfg, scorer, out);
      break;
    case "transaction": {
      const tx = body.value;
      if (tx.kind !== TransactionKind.TRANSACTION_KIND_TIP || tx.buyer === undefined || tx.buyer.userId === "") break;
      const finding = detectMinorTip(tx.buyer.userId, tx.buyer.ageBand, tx.amountCents, event.eventId, t);
      if (finding !== null) raise(out, contentOf(room), finding, "", t, cfg);
      break;
    }
    case "room": {
      const kind = body.value.kind;
      if (kind !== RoomEventKind.ROOM_EVENT_KIND_STARTED && kind !== RoomEventKind.ROOM_EVENT_KIND_UPDATED) break;
      const finding = detectMinorStreamer(body.value.streamer, event.eventId, t);
      if (finding !== null) raise(out, contentOf(room), finding, "", t, cfg);
      break;
    }
    default:
      return out;
  }
  judgeFloods(room, t, cfg, out);
  return out;
}
