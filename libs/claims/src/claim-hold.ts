/**
 * Holds a room's findings for a short window before they become alerts, so a
 * claim corrected a sentence later (说错了，是0.014%) or owned up to as a
 * joke raises nothing. Plain data throughout, so it snapshots as it is.
 */
import type { ClaimCheck } from "./check";
import type { Claim, SegmentReading } from "./claim";

/** A segment whose claims raised a finding, waiting out the hold. */
export interface HeldSegment {
  eventId: string;
  segmentId: string;
  skuId: string;
  text: string;
  /** Event time of the segment (its end). */
  timeMs: number;
  /** When the hold ends: findings still held then are released. */
  dueMs: number;
  findings: ClaimCheck[];
}

export interface RoomClaimHold {
  held: HeldSegment[];
}

export function createRoomClaimHold(): RoomClaimHold {
  return { held: [] };
}

/** Claims about the same thing: a later consistent one replaces an earlier wrong one. */
function subjectOf(claim: Claim): string {
  switch (claim.kind) {
    case "COMPOSITION_SHARE":
    case "COMPOSITION_PURE":
    case "COMPOSITION_RICH":
      return `composition:${claim.ingredient}`;
    case "ORIGIN":
    case "IMPORTED":
      return "origin";
    case "CERTIFICATION":
      return `certification:${claim.certification}`;
    default:
      return claim.kind;
  }
}

/**
 * Takes one segment into the room's hold: a retraction drops what is held, a
 * consistent claim drops held findings on the same subject, and the
 * segment's own findings (contradictions, LOW superlatives) are held until
 * `timeMs + holdMs`. `maxHeld` bounds the hold; beyond it the oldest goes at once.
 */
export function holdSegment(
  hold: RoomClaimHold,
  segment: Omit<HeldSegment, "dueMs" | "findings">,
  reading: SegmentReading,
  checks: readonly ClaimCheck[],
  holdMs: number,
  maxHeld: number,
): HeldSegment[] {
  if (reading.retractsEarlier) hold.held = hold.held.filter((h) => h.dueMs < segment.timeMs);
  const settled = new Set(checks.filter((c) => c.outcome === "CONSISTENT").map((c) => subjectOf(c.claim)));
  if (settled.size > 0) {
    for (const h of hold.held) h.findings = h.findings.filter((f) => !settled.has(subjectOf(f.claim)));
    hold.held = hold.held.filter((h) => h.findings.length > 0);
  }
  const findings = checks.filter((c) => c.gravity !== "NONE");
  if (findings.length > 0) hold.held.push({ ...segment, dueMs: segment.timeMs + holdMs, findings });
  return hold.held.length > maxHeld ? hold.held.splice(0, hold.held.length - maxHeld) : [];
}

/** Releases the held segments whose hold ended at or before `nowMs`, oldest first. */
export function releaseDue(hold: RoomClaimHold, nowMs: number): HeldSegment[] {
  const due = hold.held.filter((h) => h.dueMs <= nowMs);
  if (due.length > 0) hold.held = hold.held.filter((h) => h.dueMs > nowMs);
  return due;
}
