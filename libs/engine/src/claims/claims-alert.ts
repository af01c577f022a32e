/**
 * A MISLEADING_CLAIMS alert for one segment's findings: the claims as said,
 * the facts they were held against and the segment (its event id, first in
 * the evidence), so an inspector sees what was said and why it is wrong.
 */
import { RiskCategory, Severity, type Alert } from "@redline/proto";
import type { ClaimCheck, Gravity, HeldSegment } from "@redline/claims";
import { alertIdOf } from "../alert";

const SCORE_BY_GRAVITY: Readonly<Record<Gravity, number>> = { NONE: 0, LOW: 0.4, MEDIUM: 0.75, HIGH: 0.9 };
const SEVERITY_BY_GRAVITY: Readonly<Record<Gravity, Severity>> = {
  NONE: Severity.SEVERITY_UNSPECIFIED,
  LOW: Severity.SEVERITY_LOW,
  MEDIUM: Severity.SEVERITY_MEDIUM,
  HIGH: Severity.SEVERITY_HIGH,
};
/** Long enough for a sentence or two; a segment is evidence, not an archive. */
const MAX_QUOTED_CHARS = 240;

function describe(check: ClaimCheck): string {
  const said = `"${check.claim.phrase}"`;
  return check.outcome === "CONTRADICTION" ? `${said} contradicts ${check.fact}` : `${said}: ${check.fact}`;
}

function claimedValue(check: ClaimCheck): number {
  return check.claim.percent ?? (check.claim.priceCents !== undefined ? check.claim.priceCents / 100 : 1);
}

export function alertFromHeldSegment(roomId: string, held: HeldSegment, modelVersion: string): Alert {
  const findings = [...held.findings].sort((a, b) => SCORE_BY_GRAVITY[b.gravity] - SCORE_BY_GRAVITY[a.gravity]);
  const gravest = findings[0]!;
  const score = SCORE_BY_GRAVITY[gravest.gravity];
  const subcategory = gravest.claim.kind;
  const category = RiskCategory.RISK_CATEGORY_MISLEADING_CLAIMS;
  const quoted = held.text.length > MAX_QUOTED_CHARS ? `${held.text.slice(0, MAX_QUOTED_CHARS)}…` : held.text;
  const product = held.skuId === "" ? "no product known" : `product ${held.skuId}`;
  const mass = findings.reduce((sum, f) => sum + SCORE_BY_GRAVITY[f.gravity], 0);
  return {
    alertId: alertIdOf(roomId, "", category, `${subcategory}\u0000${held.eventId}`, held.timeMs),
    roomId,
    subjectUserId: "",
    category,
    subcategory,
    severity: SEVERITY_BY_GRAVITY[gravest.gravity],
    score,
    eventTimeMs: held.dueMs,
    explanation: {
      summary: `${findings.map(describe).join("; ")} (${product}; segment ${held.segmentId}: "${quoted}")`,
      signals: findings.map((f) => ({ name: `claim.${f.claim.kind}`, value: claimedValue(f), contribution: mass > 0 ? Math.round((SCORE_BY_GRAVITY[f.gravity] / mass) * score * 10_000) / 10_000 : 0 })),
    },
    evidenceEventIds: [held.eventId],
    modelVersion,
    policyVersion: "",
  };
}
