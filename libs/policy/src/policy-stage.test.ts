import { ActionKind, AgeBand, LiveEvent, RoomEventKind, Severity, ViewKind } from "@redline/proto";
import type { Actor, ControlAction } from "@redline/proto";
import { encodeState, outputToJsonLine, RiskEngine, RiskPipeline } from "@redline/engine";
import type { OutputStage, PipelineOutput } from "@redline/engine";
import { PolicyError, PolicySnapshotError } from "./errors";
import { PolicyStage } from "./policy-stage";
import { fixedPolicy } from "./policy-store";
import { parsePolicy } from "./validate-policy";
import { alertAt, HOUR, MIN, roomStarted, sale, smallPolicyDoc, T0 } from "./testing/fixtures";

const live = () => fixedPolicy(parsePolicy(smallPolicyDoc("live.1")));
const actionsIn = (outs: PipelineOutput[]): ControlAction[] => outs.flatMap((o) => ("action" in o ? [o.action] : []));

/** A mixed, deterministic stream of events and alerts for several rooms, as (kind, item) steps. */
function script(): Array<{ event: LiveEvent } | { alert: ReturnType<typeof alertAt> }> {
  const steps: Array<{ event: LiveEvent } | { alert: ReturnType<typeof alertAt> }> = [];
  for (let r = 0; r < 6; r++) {
    const roomId = `room-${r}`;
    steps.push({ event: roomStarted(roomId, T0 + r * MIN, r === 0 ? 5_000 : 100) });
  }
  for (let i = 0; i < 60; i++) {
    const roomId = `room-${i % 6}`;
    const t = T0 + HOUR + i * 7 * MIN;
    steps.push({ event: sale(roomId, t, 300 * (i % 5)) });
    steps.push({ alert: alertAt(t + 1, { roomId, severity: i % 3 === 0 ? Severity.SEVERITY_MEDIUM : Severity.SEVERITY_HIGH }) });
  }
  return steps;
}

function runSteps(stage: PolicyStage, steps: ReturnType<typeof script>): string[] {
  return steps.flatMap((s) => ("event" in s ? stage.observe(s.event) : stage.process([{ alert: s.alert }]))).map(outputToJsonLine);
}

describe("PolicyStage determinism", () => {
  it("names every action the same on a replay of the same input", () => {
    const steps = script();
    const a = runSteps(new PolicyStage({ live: live() }), steps);
    const b = runSteps(new PolicyStage({ live: live() }), steps);
    expect(a.filter((l) => l.startsWith('{"action"')).length).toBeGreaterThan(30);
    expect(b).toEqual(a);
  });

  it("continues exactly as the original after snapshot and restore (same action ids, cooldowns and rungs)", () => {
    const steps = script();
    const whole = runSteps(new PolicyStage({ live: live(), shadow: live() }), steps);
    for (const cut of [1, 37, 90]) {
      const first = new PolicyStage({ live: live(), shadow: live() });
      const before = runSteps(first, steps.slice(0, cut));
      const restored = new PolicyStage({ live: live(), shadow: live() });
      restored.restore(first.snapshot());
      expect([...before, ...runSteps(restored, steps.slice(cut))]).toEqual(whole);
    }
  });

  it("refuses bytes that are not its snapshot", () => {
    expect(() => new PolicyStage({ live: live() }).restore(Buffer.from("nope"))).toThrow(PolicySnapshotError);
    // The JSON of earlier releases (base64 states), and a record without the runner's state.
    expect(() => new PolicyStage({ live: live() }).restore(Buffer.from('{"live":"e30="}'))).toThrow(PolicySnapshotError);
    expect(() => new PolicyStage({ live: live() }).restore(encodeState({ live: encodeState({ version: 1 }) }))).toThrow(/no offences, rooms or clock/);
  });

  it("refuses nonsensical state limits at construction", () => {
    expect(() => new PolicyStage({ live: live(), limits: { maxRooms: 0 } })).toThrow(PolicyError);
    expect(() => new PolicyStage({ live: live(), limits: { evictionSlackMs: 1.5 } })).toThrow(/evictionSlackMs must be an integer >= 0/);
  });

  it("bounds its state: idle streaks are dropped once they cannot matter, and a cap drops the least recent", () => {
    const s = new PolicyStage({ live: live(), limits: { maxOffenceTracks: 50, maxRooms: 1_000, evictionSlackMs: 0 } });
    for (let i = 0; i < 200; i++) s.process([{ alert: alertAt(T0 + i * 1_000, { roomId: `r${i}` }) }]);
    expect(s.stateSize().offenceTracks).toBe(50);
    // Past every streak's escalation window (2 h), a sweep forgets them all but the newest.
    s.process([{ alert: alertAt(T0 + 5 * HOUR, { roomId: "late" }) }]);
    expect(s.stateSize().offenceTracks).toBe(1);
    // Forgetting changed nothing: an old room's next offence starts at the bottom, as it would anyway.
    expect(actionsIn(s.process([{ alert: alertAt(T0 + 5 * HOUR + 1, { roomId: "r199" }) }]))[0]!.kind).toBe(ActionKind.ACTION_KIND_POPUP_PROMPT);
  });
});

describe("shadow mode", () => {
  it("runs a candidate beside the live policy with its own state, marking its actions shadow", () => {
    const candidateDoc = smallPolicyDoc("cand.7") as { rules: Array<Record<string, unknown>>; keyRooms: Record<string, unknown> };
    candidateDoc.keyRooms["minFollowers"] = 50;
    (candidateDoc.rules[3]!["ladder"] as unknown[]).shift();
    const stage = new PolicyStage({ live: live(), shadow: fixedPolicy(parsePolicy(candidateDoc)) });
    // 100 followers: key for the candidate only, so only shadow key-room actions and no second alert.
    const observed = stage.observe(roomStarted("room-1", T0, 100));
    expect(observed.every((o) => "action" in o && o.action.shadow && o.action.policyVersion === "cand.7")).toBe(true);
    expect(observed).toHaveLength(2);
    const out = stage.process([{ alert: alertAt(T0 + MIN) }, { alert: alertAt(T0 + 20 * MIN) }]);
    const summary = out.map((o) => ("alert" in o ? `alert ${o.alert.policyVersion}` : `${o.action.shadow ? "shadow" : "live"} ${o.action.policyVersion} ${ActionKind[o.action.kind]}`));
    expect(summary).toEqual([
      "alert live.1",
      "live live.1 ACTION_KIND_POPUP_PROMPT",
      // The candidate sees room-1 as key: its key-room rule starts at the label, and its next rung blocks.
      "shadow cand.7 ACTION_KIND_PROMINENT_LABEL",
      "alert live.1",
      "live live.1 ACTION_KIND_PROMINENT_LABEL",
      "shadow cand.7 ACTION_KIND_BLOCK_STREAM",
    ]);
    const acts = actionsIn(out);
    // Shadow ids are salted apart, so a shadow action can never dedupe a live one at the platform.
    expect(new Set(acts.map((a) => a.actionId)).size).toBe(acts.length);
    expect(stage.counters().shadow).toMatchObject({ alertsSeen: 2, actionsIssued: 4, keyRoomsQualified: 1 });
  });
});

function actor(userId: string, device: string): Actor {
  return { userId, accountCreatedMs: T0 - 86_400_000, deviceId: device, ipPrefix: "198.51.100.0/24", ageBand: AgeBand.AGE_BAND_ADULT, realNameVerified: true };
}

/** The engine's own farm-attack shape (30 bots on 3 devices liking in lockstep) in a room that is key by followers. */
function farmAttack(): LiveEvent[] {
  const events: LiveEvent[] = [LiveEvent.fromPartial({ eventId: "start", roomId: "r", eventTimeMs: T0 - 1, platform: "shop-a", body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, followerCount: 2_000 } } })];
  let n = 0;
  for (let a = 0; a < 30; a++) {
    const bot = actor(`b${a}`, `phone-${a % 3}`);
    events.push(LiveEvent.fromPartial({ eventId: `j${a}`, roomId: "r", eventTimeMs: T0 + a, platform: "shop-a", body: { $case: "view", value: { user: bot, kind: ViewKind.VIEW_KIND_JOIN } } }));
    for (let k = 0; k < 20; k++) events.push(LiveEvent.fromPartial({ eventId: `l${++n}`, roomId: "r", eventTimeMs: T0 + 1_000 + k * 2_000 + a * 10, platform: "shop-a", body: { $case: "like", value: { user: bot, count: 5 } } }));
  }
  return events.sort((x, y) => x.eventTimeMs - y.eventTimeMs || (x.eventId < y.eventId ? -1 : 1));
}

describe("PolicyStage in the RiskPipeline", () => {
  const run = (events: LiveEvent[], cut: number): string[] => {
    const first = new RiskPipeline(new RiskEngine(), [new PolicyStage({ live: live() })]);
    const lines = events.slice(0, cut).flatMap((e) => first.push(e)).map(outputToJsonLine);
    const second = new RiskPipeline(RiskEngine.restore(first.engine.snapshot()), [new PolicyStage({ live: live() })]);
    second.restoreStages(first.snapshotStages());
    return [...lines, ...[...events.slice(cut).flatMap((e) => second.push(e)), ...second.end()].map(outputToJsonLine)];
  };

  it("sees events through observe, acts on engine alerts, and replays or restores to the same bytes", () => {
    const events = farmAttack();
    const whole = run(events, events.length);
    const kinds = whole.map((l) => JSON.parse(l) as { alert?: { subcategory: string; policyVersion: string }; action?: { kind: string; platform: string } });
    expect(kinds.map((k) => (k.alert ? `alert ${k.alert.subcategory}` : k.action!.kind))).toEqual([
      "alert KEY_ROOM",
      "ACTION_KIND_ASSIGN_INSPECTOR",
      "ACTION_KIND_EXTEND_RETENTION",
      "alert FAKE_LIKES",
      // A key room: the key-tier rule starts at the label.
      "ACTION_KIND_PROMINENT_LABEL",
    ]);
    expect(kinds[3]!.alert!.policyVersion).toBe("live.1");
    expect(kinds[4]!.action!.platform).toBe("shop-a");
    expect(run(events, 250)).toEqual(whole);
    expect(run(events, events.length)).toEqual(whole);
  });

  it("passes what the policy adds while observing through the stages after it", () => {
    const seen: string[] = [];
    const recorder: OutputStage = {
      name: "recorder",
      process(outputs) {
        for (const o of outputs) seen.push("alert" in o ? `alert ${o.alert.subcategory}` : `action ${ActionKind[o.action.kind]}`);
        return outputs;
      },
    };
    const pipeline = new RiskPipeline(new RiskEngine(), [new PolicyStage({ live: live() }), recorder]);
    const out = [...farmAttack().flatMap((e) => pipeline.push(e)), ...pipeline.end()];
    expect(seen).toEqual(["alert KEY_ROOM", "action ACTION_KIND_ASSIGN_INSPECTOR", "action ACTION_KIND_EXTEND_RETENTION", "alert FAKE_LIKES", "action ACTION_KIND_PROMINENT_LABEL"]);
    expect(out).toHaveLength(5);
  });
});
