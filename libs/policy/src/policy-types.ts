/**
 * The policy after validation: enums resolved, params flattened to the
 * string map a ControlAction carries. See docs/policy.md for the file format.
 */
import type { ActionKind, RiskCategory, Severity } from "@redline/proto";

export const POLICY_SCHEMA_VERSION = 1;

/** `room` acts on the room (its streamer); `subject` on the alert's subject account. */
export type ActionTarget = "room" | "subject";
export type RoomTier = "normal" | "key";
export type RuleTier = RoomTier | "*";
/** Whether a rule is for alerts about an account (`subjectUserId` set), about the room as a whole, or both. */
export type RuleAbout = "account" | "room" | "*";

export interface PolicyAction {
  readonly kind: ActionKind;
  readonly target: ActionTarget;
  /** Already in ControlAction form: `text`, `function`, `throttle_factor`, `retention_days`. */
  readonly params: Readonly<Record<string, string>>;
  /** 0 means the action does not expire. */
  readonly expiresAfterMs: number;
}

/** One rung of a ladder: its action plus any issued together with it (e.g. a pop-up beside a restriction). */
export interface LadderStep extends PolicyAction {
  readonly with: readonly PolicyAction[];
}

export interface PolicyRule {
  readonly id: string;
  readonly category: RiskCategory;
  /** Exact subcategory, or `*` for any. */
  readonly subcategory: string;
  readonly minSeverity: Severity;
  readonly roomTier: RuleTier;
  readonly about: RuleAbout;
  /** After an action, repeat alerts within this long issue nothing. */
  readonly cooldownMs: number;
  /** A repeat offence within this long of the previous one climbs the ladder; later ones start over. */
  readonly escalationWindowMs: number;
  readonly ladder: readonly LadderStep[];
}

export interface KeyRoomPolicy {
  readonly minFollowers: number;
  /** Net sales (orders and payments minus refunds) over `salesWindowMs` of event time. */
  readonly minSalesCents: number;
  readonly salesWindowMs: number;
  /** A room silent this long (or ended) starts a new episode and may qualify again. */
  readonly episodeIdleMs: number;
  readonly actions: readonly PolicyAction[];
}

export interface Policy {
  readonly schemaVersion: number;
  readonly policyVersion: string;
  readonly description: string;
  /** Absent: no room is ever key. */
  readonly keyRooms: KeyRoomPolicy | null;
  /** First match wins, so specific rules go before broad ones. */
  readonly rules: readonly PolicyRule[];
}
