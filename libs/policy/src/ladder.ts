/**
 * Turns one alert into the actions its rule's ladder prescribes. A repeat
 * offence (same room, subject account, category and subcategory) within the
 * rule's escalation window climbs one rung; a repeat within the cooldown of
 * the last action issues nothing; a longer quiet spell starts a new episode
 * at the bottom. Offences are tracked per room because the service is
 * partitioned by room: an account's offences in two rooms are two streaks.
 */
import { Severity } from "@redline/proto";
import type { Alert } from "@redline/proto";
import type { LadderStep, Policy, PolicyRule, RoomTier } from "./policy-types";
import type { OffenceTrack, PolicyState } from "./policy-state";
import { SEVERE_KINDS, UNDERAGE_SUBCATEGORY } from "./validate-policy";

export function matchRule(policy: Policy, alert: Alert, tier: RoomTier): PolicyRule | undefined {
  return policy.rules.find(
    (r) =>
      r.category === alert.category &&
      (r.subcategory === "*" || r.subcategory === alert.subcategory) &&
      alert.severity >= r.minSeverity &&
      (r.roomTier === "*" || r.roomTier === tier) &&
      (r.about === "*" || (r.about === "account") === (alert.subjectUserId !== "")),
  );
}

export interface LadderDecision {
  rule: PolicyRule;
  step: LadderStep;
  /** Rung ordinal within the episode (0 = first action); part of the action id. */
  stepOrdinal: number;
  episodeStartMs: number;
}

export type LadderOutcome = { decision: LadderDecision } | { skipped: "no-rule" | "cooldown" };

export function offenceKey(alert: Alert): string {
  return `${alert.roomId}\u0000${alert.subjectUserId}\u0000${alert.category}\u0000${alert.subcategory}`;
}

/** Applies the alert to its offence streak and says which rung (if any) to issue. */
export function climbLadder(state: PolicyState, policy: Policy, alert: Alert, tier: RoomTier): LadderOutcome {
  const rule = matchRule(policy, alert, tier);
  if (rule === undefined) return { skipped: "no-rule" };
  const t = alert.eventTimeMs;
  const key = offenceKey(alert);
  const forgetAfterMs = Math.max(rule.cooldownMs, rule.escalationWindowMs);
  let track: OffenceTrack | undefined = state.offences.get(key);
  if (track === undefined || t - track.lastOffenceMs > rule.escalationWindowMs) {
    track = { episodeStartMs: t, lastOffenceMs: t, lastActionMs: -1, actionsIssued: 0, forgetAfterMs };
  }
  if (t > track.lastOffenceMs) track.lastOffenceMs = t;
  track.forgetAfterMs = forgetAfterMs;
  const cooling = track.lastActionMs >= 0 && t - track.lastActionMs < rule.cooldownMs;
  if (cooling) {
    state.touchOffence(key, track);
    return { skipped: "cooldown" };
  }
  const stepOrdinal = track.actionsIssued;
  // A policy edit may have shortened the ladder: the top rung repeats.
  const step = rule.ladder[Math.min(stepOrdinal, rule.ladder.length - 1)]!;
  track.actionsIssued++;
  track.lastActionMs = t;
  state.touchOffence(key, track);
  return { decision: { rule, step, stepOrdinal, episodeStartMs: track.episodeStartMs } };
}

/** Defence in depth beside load-time validation: never a severe action on a low alert. */
export function severityAllows(kind: number, alert: Alert): boolean {
  if (!SEVERE_KINDS.has(kind)) return true;
  return alert.severity >= Severity.SEVERITY_HIGH || alert.subcategory === UNDERAGE_SUBCATEGORY;
}
