/**
 * The idempotency key of a ControlAction. It hashes what makes two actions
 * the same effect — who it acts on, what it does, for which offence, at
 * which rung, in which event-time episode — and never wall time or the
 * alert id, so a replay, a Kafka redelivery or a restore from checkpoint
 * names the same effect the same way and the platform applies it once.
 */
import { createHash } from "node:crypto";
import type { ActionKind, RiskCategory } from "@redline/proto";

export interface ActionIdentity {
  roomId: string;
  /** Empty when the action is on the room. */
  targetUserId: string;
  kind: ActionKind;
  category: RiskCategory;
  subcategory: string;
  /** Actions issued for this offence before this one in the episode (0 = first rung). */
  step: number;
  /** Event time at which the episode (offence streak, or key-room episode) opened. */
  episodeStartMs: number;
  /** Shadow actions get their own ids so they can never dedupe a live action away. */
  shadow: boolean;
}

export function actionIdOf(id: ActionIdentity): string {
  const key = [id.shadow ? "shadow" : "live", id.roomId, id.targetUserId, id.kind, id.category, id.subcategory, id.step, id.episodeStartMs].join("\u0000");
  return `ac_${createHash("sha256").update(key).digest("hex").slice(0, 32)}`;
}
