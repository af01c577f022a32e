import { ActionKind, ControlAction } from "@redline/proto";
import type { LiveEvent } from "@redline/proto";
import { RiskEngine } from "./engine";
import { outputToJsonLine, RiskPipeline } from "./pipeline";
import type { OutputStage, PipelineOutput } from "./pipeline";
import { actor, join, like, T0 } from "./testing/event-builders";

function farmAttack(): LiveEvent[] {
  const events: LiveEvent[] = [];
  for (let a = 0; a < 30; a++) {
    const bot = actor(`b${a}`, { device: `phone-${a % 3}`, createdMs: T0 - 86_400_000 });
    events.push(join("r", T0 + a, bot));
    for (let k = 0; k < 20; k++) events.push(like("r", T0 + 1_000 + k * 2_000 + a * 10, bot, 5));
  }
  return events.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
}

describe("RiskPipeline", () => {
  it("passes engine outputs through each stage in order; a stage can add actions", () => {
    const seen: string[] = [];
    const policy: OutputStage = {
      name: "test-policy",
      process(outputs: PipelineOutput[]): PipelineOutput[] {
        const out: PipelineOutput[] = [];
        for (const o of outputs) {
          out.push(o);
          if ("alert" in o) {
            seen.push(o.alert.alertId);
            out.push({ action: ControlAction.fromPartial({ actionId: `act-${o.alert.alertId}`, alertId: o.alert.alertId, roomId: o.alert.roomId, targetUserId: "", kind: ActionKind.ACTION_KIND_ASSIGN_INSPECTOR, category: o.alert.category, subcategory: o.alert.subcategory, params: {}, issuedAtMs: o.alert.eventTimeMs, expiresAtMs: 0, reason: "test", policyVersion: "p1", shadow: false }) });
          }
        }
        return out;
      },
    };
    const pipeline = new RiskPipeline(new RiskEngine(), [policy]);
    const outputs = [...farmAttack().flatMap((e) => pipeline.push(e)), ...pipeline.end()];
    expect(seen.length).toBe(1);
    const lines = outputs.map(outputToJsonLine);
    expect(lines.map((l) => Object.keys(JSON.parse(l))[0])).toEqual(["alert", "action"]);
    expect(JSON.parse(lines[1]!).action.kind).toBe("ACTION_KIND_ASSIGN_INSPECTOR");
  });

  it("lets stages observe events in application order; observed outputs pass only through later stages; stage state checkpoints", () => {
    const observed: string[] = [];
    const counter: OutputStage & { count: number } = {
      name: "counter",
      count: 0,
      observe(event: LiveEvent): PipelineOutput[] {
        observed.push(event.eventId);
        this.count++;
        return [];
      },
      process: (outputs) => outputs,
      snapshot() {
        return new TextEncoder().encode(String(this.count));
      },
      restore(bytes: Uint8Array) {
        this.count = Number(new TextDecoder().decode(bytes));
      },
    };
    const seenByLast: string[] = [];
    const last: OutputStage = { name: "last", process: (outputs) => (outputs.forEach((o) => seenByLast.push("alert" in o ? o.alert.subcategory : "action")), outputs) };
    const events = farmAttack();
    const reversed = [...events].reverse();
    const pipeline = new RiskPipeline(new RiskEngine({ allowedLatenessMs: 120_000 }), [counter, last]);
    for (const e of reversed) pipeline.push(e);
    pipeline.end();
    expect(observed).toEqual(events.map((e) => e.eventId));
    expect(seenByLast).toEqual(["FAKE_LIKES"]);
    const snap = pipeline.snapshotStages();
    const fresh = { ...counter, count: 0 };
    new RiskPipeline(new RiskEngine(), [fresh, last]).restoreStages(snap);
    expect(fresh.count).toBe(events.length);
  });
});
