/**
 * One policy applied to the stream: room facts from events, key-room
 * qualification, and ladder decisions for alerts, over its own state. The
 * stage runs one for the live policy and, in shadow mode, one for the
 * candidate, so the two never share ladder positions or cooldowns.
 */
import { RiskCategory, Severity } from "@redline/proto";
import type { Alert, ControlAction, LiveEvent } from "@redline/proto";
import { alertIdOf } from "@redline/engine";
import { actionIdOf } from "./action-id";
import { ACTION_KIND_NAMES, shortName } from "./enum-names";
import { climbLadder, severityAllows } from "./ladder";
import { observeRoom, roomForgetAfterMs } from "./room-facts";
import type { KeyRoomQualification } from "./room-facts";
import { PolicyState } from "./policy-state";
import type { StateLimits } from "./policy-state";
import type { Policy, PolicyAction, RoomTier } from "./policy-types";

export const KEY_ROOM_SUBCATEGORY = "KEY_ROOM";

/** Where a runner reads the policy for each decision; `PolicyStore` is one. */
export interface PolicySource {
  current(): Policy;
}

export interface RunnerCounters {
  alertsSeen: number;
  actionsIssued: number;
  skippedNoRule: number;
  skippedCooldown: number;
  /** Subject-targeted rungs on alerts without a subject account, or severe rungs refused at run time. */
  skippedUnactionable: number;
  keyRoomsQualified: number;
}

export interface KeyRoomOutput {
  /** Absent for a shadow runner: the candidate's qualification is compared through its actions only. */
  alert?: Alert;
  actions: ControlAction[];
}

interface ActionContext {
  alertId: string;
  roomId: string;
  subjectUserId: string;
  category: RiskCategory;
  subcategory: string;
  timeMs: number;
  stepOrdinal: number;
  episodeStartMs: number;
  reason: string;
  policyVersion: string;
  platform: string;
}

function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

export class PolicyRunner {
  readonly counters: RunnerCounters = { alertsSeen: 0, actionsIssued: 0, skippedNoRule: 0, skippedCooldown: 0, skippedUnactionable: 0, keyRoomsQualified: 0 };

  constructor(
    readonly source: PolicySource,
    readonly shadow: boolean,
    private readonly limits: StateLimits,
    private state: PolicyState = new PolicyState(limits),
  ) {}

  tierOf(roomId: string): RoomTier {
    return (this.state.rooms.get(roomId)?.keySinceMs ?? -1) >= 0 ? "key" : "normal";
  }

  observe(event: LiveEvent): KeyRoomOutput | null {
    const policy = this.source.current();
    this.state.advance(event.eventTimeMs, roomForgetAfterMs(policy.keyRooms));
    const q = observeRoom(this.state, event, policy.keyRooms);
    if (q === null || policy.keyRooms === null) return null;
    this.counters.keyRoomsQualified++;
    const alert = this.keyRoomAlert(q, policy);
    const actions = policy.keyRooms.actions.map((a) =>
      this.action(a, { alertId: alert.alertId, roomId: q.roomId, subjectUserId: "", category: alert.category, subcategory: KEY_ROOM_SUBCATEGORY, timeMs: q.timeMs, stepOrdinal: 0, episodeStartMs: q.facts.episodeStartMs, reason: alert.explanation!.summary, policyVersion: policy.policyVersion, platform: q.facts.platform }),
    );
    this.counters.actionsIssued += actions.length;
    return this.shadow ? { actions } : { alert, actions };
  }

  /** The actions this policy takes on the alert (often none). */
  onAlert(alert: Alert): ControlAction[] {
    const policy = this.source.current();
    this.counters.alertsSeen++;
    this.state.advance(alert.eventTimeMs, roomForgetAfterMs(policy.keyRooms));
    const outcome = climbLadder(this.state, policy, alert, this.tierOf(alert.roomId));
    if ("skipped" in outcome) {
      if (outcome.skipped === "no-rule") this.counters.skippedNoRule++;
      else this.counters.skippedCooldown++;
      return [];
    }
    const { rule, step, stepOrdinal, episodeStartMs } = outcome.decision;
    const repeat = stepOrdinal === 0 ? "first offence" : `offence ${stepOrdinal + 1} within ${rule.escalationWindowMs} ms`;
    const summary = alert.explanation?.summary ?? "";
    const ctx: Omit<ActionContext, "reason"> = {
      alertId: alert.alertId,
      roomId: alert.roomId,
      subjectUserId: alert.subjectUserId,
      category: alert.category,
      subcategory: alert.subcategory,
      timeMs: alert.eventTimeMs,
      stepOrdinal,
      episodeStartMs,
      policyVersion: policy.policyVersion,
      platform: this.state.rooms.get(alert.roomId)?.platform ?? "",
    };
    const actions: ControlAction[] = [];
    for (const a of [step, ...step.with]) {
      if ((a.target === "subject" && alert.subjectUserId === "") || !severityAllows(a.kind, alert)) {
        this.counters.skippedUnactionable++;
        continue;
      }
      const reason = `rule ${rule.id}, ${repeat}: ${shortName(ACTION_KIND_NAMES, a.kind)}${summary === "" ? "" : ` for: ${summary}`}`;
      actions.push(this.action(a, { ...ctx, reason }));
    }
    this.counters.actionsIssued += actions.length;
    return actions;
  }

  snapshot(): Uint8Array {
    return this.state.encode();
  }

  restore(bytes: Uint8Array): void {
    this.state = PolicyState.decode(bytes, this.limits);
  }

  stateSize(): { offenceTracks: number; rooms: number; evicted: number } {
    return { offenceTracks: this.state.offences.size, rooms: this.state.rooms.size, evicted: this.state.evicted };
  }

  private keyRoomAlert(q: KeyRoomQualification, policy: Policy): Alert {
    const k = policy.keyRooms!;
    const why: string[] = [];
    if (q.byFollowers) why.push(`${formatCount(q.facts.followerCount)} followers >= ${formatCount(k.minFollowers)}`);
    if (q.bySales) why.push(`net sales ${formatCount(q.salesCents)} cents over ${k.salesWindowMs} ms >= ${formatCount(k.minSalesCents)}`);
    const category = RiskCategory.RISK_CATEGORY_UNSPECIFIED;
    return {
      alertId: alertIdOf(q.roomId, "", category, KEY_ROOM_SUBCATEGORY, q.facts.episodeStartMs),
      roomId: q.roomId,
      subjectUserId: "",
      category,
      subcategory: KEY_ROOM_SUBCATEGORY,
      severity: Severity.SEVERITY_LOW,
      // Not a risk finding: a key room is watched more closely, not suspected.
      score: 0,
      eventTimeMs: q.timeMs,
      explanation: {
        summary: `key room (not a violation): ${why.join("; ")}`,
        signals: [
          { name: "followers", value: q.facts.followerCount, contribution: q.byFollowers ? (q.bySales ? 0.5 : 1) : 0 },
          { name: "sales_cents", value: q.salesCents, contribution: q.bySales ? (q.byFollowers ? 0.5 : 1) : 0 },
        ],
      },
      evidenceEventIds: q.eventId === "" ? [] : [q.eventId],
      modelVersion: "",
      policyVersion: policy.policyVersion,
    };
  }

  private action(a: PolicyAction, c: ActionContext): ControlAction {
    const targetUserId = a.target === "subject" ? c.subjectUserId : "";
    return {
      actionId: actionIdOf({ roomId: c.roomId, targetUserId, kind: a.kind, category: c.category, subcategory: c.subcategory, step: c.stepOrdinal, episodeStartMs: c.episodeStartMs, shadow: this.shadow }),
      alertId: c.alertId,
      roomId: c.roomId,
      targetUserId,
      kind: a.kind,
      category: c.category,
      subcategory: c.subcategory,
      params: { ...a.params },
      issuedAtMs: c.timeMs,
      expiresAtMs: a.expiresAfterMs === 0 ? 0 : c.timeMs + a.expiresAfterMs,
      reason: c.reason,
      policyVersion: c.policyVersion,
      shadow: this.shadow,
      platform: c.platform,
    };
  }
}
