/**
 * Runs the default action policy beside the detectors, the way `redline
 * replay --policy` does, and records what the policy scoring needs: live
 * actions, underage age statements and the room events after them.
 */
import { join } from "node:path";
import type { Alert, ControlAction, LiveEvent } from "@redline/proto";
import type { PipelineOutput } from "@redline/engine";
import { InProcessTables, SettledPipeline, type InProcessTablesOptions } from "@redline/pipeline";
import { fixedPolicy, loadPolicyFile } from "@redline/policy";
import type { Policy } from "@redline/policy";
import { KEY_ROOM_SUBCATEGORY } from "./policy-scoring";
import type { AgeStatement } from "./policy-scoring";

/** The same path from src/ (tests) and dist/ (`npm run eval`). */
export const DEFAULT_POLICY_PATH = join(__dirname, "..", "..", "..", "deploy", "policy", "default-policy.json");
/** Mirrors the minor-protection rule (issue 5): a stated age under 16 may not stream. */
const UNDERAGE_BELOW_YEARS = 16;

let defaultPolicy: Policy | undefined;
/** Loaded once per process: every seed runs the same policy. */
export function loadDefaultPolicy(): Policy {
  return (defaultPolicy ??= loadPolicyFile(DEFAULT_POLICY_PATH));
}

/** Collects a pipeline's outputs and the age statements among its input events. */
export class PolicyRecorder {
  readonly alerts: Alert[] = [];
  readonly actions: ControlAction[] = [];
  /** Key-room synthetic alerts come from the policy, not a detector; kept out of detector scoring. */
  keyRoomAlerts = 0;
  private readonly statements = new Map<string, AgeStatement>();

  /** Call with every event fed to the pipeline, before its outputs are collected. */
  observe(event: LiveEvent): void {
    const stated = this.statements.get(event.roomId);
    if (stated !== undefined) {
      stated.laterEventTimesMs.push(event.eventTimeMs);
      return;
    }
    if (event.body?.$case !== "room") return;
    const age = event.body.value.streamer?.age;
    if (age !== undefined && age < UNDERAGE_BELOW_YEARS) this.statements.set(event.roomId, { roomId: event.roomId, statedAtMs: event.eventTimeMs, laterEventTimesMs: [] });
  }

  collect(outputs: readonly PipelineOutput[]): void {
    for (const o of outputs) {
      if ("action" in o) this.actions.push(o.action);
      else if (o.alert.subcategory === KEY_ROOM_SUBCATEGORY) this.keyRoomAlerts++;
      else this.alerts.push(o.alert);
    }
  }

  ageStatements(): AgeStatement[] {
    return [...this.statements.values()];
  }
}

/**
 * The service's pipeline with the default policy, fresh per seed: no state
 * crosses seeds. `tables`: the in-process minute tables it holds on and
 * reads (`redline replay --crews --baselines`), none by default as in the
 * service.
 */
export function pipelineWithPolicy(policy: Policy = loadDefaultPolicy(), tables: InProcessTablesOptions = {}): SettledPipeline {
  return new SettledPipeline({ policy: fixedPolicy(policy) }, new InProcessTables(tables));
}
