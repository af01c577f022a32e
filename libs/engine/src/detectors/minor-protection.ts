/**
 * Minor protection. Streamer age and consent are facts the platform states
 * on room events, so those alerts fire on the very event that states them:
 * under 16 is CRITICAL (the law leaves no ladder), 16-17 without guardian
 * consent is HIGH; a consented 17-year-old, an adult and an unknown age are
 * fine. Tips by accounts the platform bands as minors alert per account.
 * MINOR_RISK text needs several texts (from several authors for the room,
 * or repeated by one author) so one ambiguous comment never fires.
 */
import { AgeBand, RiskCategory, Severity } from "@redline/proto";
import type { Streamer } from "@redline/proto";
import { swAdd, swSum } from "../primitives/sliding-window";
import { addEvidence } from "../evidence";
import { combine, ramp, severityOf } from "./scoring";
import { MINOR_HARMFUL_CONTENT, MINOR_TIPPING, STREAMER_MINOR_NO_CONSENT, STREAMER_UNDERAGE } from "./content-finding";
import type { ContentFinding } from "./content-finding";
import type { ContentConfig } from "./content-config";
import { activeCount, recentOffences, touchLastSeen } from "./content-state";
import type { MinorContentState, OffenceSlot } from "./content-state";

const UNDERAGE_BELOW = 16;
const ADULT_FROM = 18;

function minorFinding(subcategory: string, subjectUserId: string, severity: Severity, score: number, summary: string, signals: ContentFinding["signals"], evidence: ContentFinding["evidence"]): ContentFinding {
  return { category: RiskCategory.RISK_CATEGORY_MINOR_PROTECTION, subcategory, subjectUserId, severity, score, summary, signals, evidence };
}

/** The streamer finding a room event's stated age and consent call for, if any. */
export function detectMinorStreamer(streamer: Streamer | undefined, eventId: string, timeMs: number): ContentFinding | null {
  const age = streamer?.age;
  if (streamer === undefined || age === undefined) return null;
  const evidence = [{ eventId, weight: 1, timeMs }];
  if (age < UNDERAGE_BELOW) {
    return minorFinding(STREAMER_UNDERAGE, "", Severity.SEVERITY_CRITICAL, 1, `streamer's stated age is ${age}, under ${UNDERAGE_BELOW}: minors under ${UNDERAGE_BELOW} may not stream`,
      [{ name: "streamer_age", value: age, contribution: 1 }], evidence);
  }
  if (age < ADULT_FROM && streamer.guardianConsent !== true) {
    const consent = streamer.guardianConsent === false ? "refused or withdrawn" : "not on record";
    return minorFinding(STREAMER_MINOR_NO_CONSENT, "", Severity.SEVERITY_HIGH, 0.9, `streamer's stated age is ${age} and guardian consent is ${consent}`,
      [{ name: "streamer_age", value: age, contribution: 0.6 }, { name: "guardian_consent_known", value: streamer.guardianConsent === false ? 1 : 0, contribution: 0.3 }], evidence);
  }
  return null;
}

/** A tip by an account banded as a minor. Under 16 is HIGH, 16-17 MEDIUM. */
export function detectMinorTip(userId: string, ageBand: AgeBand, amountCents: number, eventId: string, timeMs: number): ContentFinding | null {
  if (ageBand !== AgeBand.AGE_BAND_MINOR_16_17 && ageBand !== AgeBand.AGE_BAND_MINOR_UNDER_16) return null;
  const under16 = ageBand === AgeBand.AGE_BAND_MINOR_UNDER_16;
  const score = under16 ? 0.9 : 0.75;
  return minorFinding(MINOR_TIPPING, userId, severityOf(score), score, `an account the platform bands as ${under16 ? "under 16" : "16-17"} tipped ${amountCents} cents`,
    [{ name: "minor_age_band", value: under16 ? 15 : 16, contribution: score * 0.8 }, { name: "tip_amount_cents", value: amountCents, contribution: score * 0.2 }],
    [{ eventId, weight: 1, timeMs }]);
}

export function observeMinorText(m: MinorContentState, authorId: string, eventId: string, timeMs: number, score: number, cfg: Readonly<ContentConfig>, maxEvidence: number): void {
  swAdd(m.texts, timeMs, 1);
  touchLastSeen(m.authors, authorId, timeMs, cfg.maxAuthorsPerRoom);
  addEvidence(m.evidence, { eventId, weight: score, timeMs }, maxEvidence);
}

export function detectMinorContentRoom(m: MinorContentState, timeMs: number, cfg: Readonly<ContentConfig>): ContentFinding | null {
  const texts = swSum(m.texts, timeMs);
  if (texts < cfg.minorRoomTexts) return null;
  const authors = activeCount(m.authors, timeMs, cfg.textWindowMs);
  if (authors < cfg.minorRoomAuthors) return null;
  const { score, signals } = combine([
    { name: "minor_risk_texts", value: texts, strength: ramp(texts, cfg.minorRoomTexts - 1, 3 * cfg.minorRoomTexts), weight: 0.9 },
    { name: "minor_risk_authors", value: authors, strength: ramp(authors, cfg.minorRoomAuthors - 1, 3 * cfg.minorRoomAuthors), weight: 0.6 },
  ]);
  return minorFinding(MINOR_HARMFUL_CONTENT, "", severityOf(score), score,
    `${texts} texts scored as minor risk (soliciting minors, sexual content involving minors, self-harm) in ${Math.round(cfg.textWindowMs / 60_000)} min from ${authors} accounts`,
    signals, m.evidence);
}

export function detectMinorContentAuthor(slot: OffenceSlot, authorId: string, timeMs: number, cfg: Readonly<ContentConfig>): ContentFinding | null {
  const { count: recent, meanScore } = recentOffences(slot, timeMs, cfg.textWindowMs);
  if (recent < cfg.minorAuthorTexts) return null;
  const { score, signals } = combine([
    { name: "minor_risk_texts_by_account", value: recent, strength: ramp(recent, cfg.minorAuthorTexts - 1, cfg.minorAuthorTexts + 3), weight: 0.8 },
    { name: "mean_minor_risk_score", value: meanScore, strength: ramp(meanScore, cfg.minorRiskThreshold - 0.1, 0.99), weight: 0.5 },
  ]);
  return minorFinding(MINOR_HARMFUL_CONTENT, authorId, severityOf(score), score,
    `one account posted ${recent} texts scored as minor risk within ${Math.round(cfg.textWindowMs / 60_000)} min`, signals, slot.evidence);
}
