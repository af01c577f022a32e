/**
 * The values of the account-risk table the room engine would read (issue
 * #21): per account, the crew it was last reported in, from which event-time
 * minute on. A version holds from the minute after the finding that produced
 * it, so a consumer that applies versions only once every input partition's
 * watermark has passed `validFromMs` sees the same table in service and
 * replay. Pure: findings in, versions out; publishing them is the service's.
 */
import { Severity } from "@redline/proto";
import type { CrewFinding } from "./findings";

const MINUTE_MS = 60_000;

export interface AccountRiskVersion {
  accountId: string;
  crewId: string;
  severity: Severity;
  score: number;
  /** Start of the event-time minute from which this version holds (the minute after the finding). */
  validFromMs: number;
  /** The crew's evidence stops counting after this (its last room plus the detector's window); a tombstone is due then. */
  expiresMs: number;
}

/**
 * One version per account named by a MEDIUM-or-above crew finding, in the
 * finding's account order. Findings below MEDIUM change nobody's risk: the
 * default policy does not act on them either.
 */
export function accountRiskVersions(finding: CrewFinding, windowMs: number): AccountRiskVersion[] {
  if (finding.severity < Severity.SEVERITY_MEDIUM) return [];
  const validFromMs = (Math.floor(finding.eventTimeMs / MINUTE_MS) + 1) * MINUTE_MS;
  const lastRoomMs = finding.evidence.rooms.reduce((latest, r) => Math.max(latest, r.lastMs), finding.eventTimeMs);
  return finding.accounts.map((accountId) => ({
    accountId,
    crewId: finding.crewId,
    severity: finding.severity,
    score: finding.score,
    validFromMs,
    expiresMs: lastRoomMs + windowMs,
  }));
}

/**
 * The version of an account's risk in force at `eventTimeMs`, from its
 * versions in any order: the latest whose minute has begun and that has not
 * expired. Ties (two findings in one minute) go to the higher severity, then
 * the crew id, so the answer does not depend on arrival order.
 */
export function riskAt(versions: readonly AccountRiskVersion[], eventTimeMs: number): AccountRiskVersion | undefined {
  let best: AccountRiskVersion | undefined;
  for (const v of versions) {
    if (v.validFromMs > eventTimeMs || v.expiresMs <= eventTimeMs) continue;
    if (best === undefined || v.validFromMs > best.validFromMs || (v.validFromMs === best.validFromMs && (v.severity > best.severity || (v.severity === best.severity && v.crewId < best.crewId)))) {
      best = v;
    }
  }
  return best;
}
