/**
 * The action policy as a pipeline output stage: stamps each alert with the
 * live policy's version and appends the actions the live policy takes, then
 * (in shadow mode) the candidate's, marked `shadow` so the dispatcher never
 * sends them. Learns room facts from events through `observe`, and
 * checkpoints both runners' state beside the engine's.
 */
import type { Alert, LiveEvent } from "@redline/proto";
import { decodeState, encodeState, type OutputStage, type PipelineOutput } from "@redline/engine";
import { PolicyError, PolicySnapshotError } from "./errors";
import { PolicyRunner } from "./policy-runner";
import type { PolicySource, RunnerCounters } from "./policy-runner";
import { DEFAULT_STATE_LIMITS } from "./policy-state";
import type { StateLimits } from "./policy-state";

export interface PolicyStageOptions {
  live: PolicySource;
  /** A candidate policy to compare: its actions come out with `shadow: true`. */
  shadow?: PolicySource;
  limits?: Partial<StateLimits>;
}

export class PolicyStage implements OutputStage {
  /** The name its state has in pipeline snapshots. */
  static readonly STAGE_NAME = "policy";
  readonly name = PolicyStage.STAGE_NAME;
  private readonly live: PolicyRunner;
  private readonly candidate: PolicyRunner | undefined;

  constructor(options: PolicyStageOptions) {
    const limits = { ...DEFAULT_STATE_LIMITS, ...options.limits };
    for (const [name, value] of Object.entries(limits)) {
      const min = name === "evictionSlackMs" ? 0 : 1;
      if (!Number.isSafeInteger(value) || value < min) throw new PolicyError(`policy stage limit ${name} must be an integer >= ${min}, got ${String(value)}`, { context: { limit: name } });
    }
    this.live = new PolicyRunner(options.live, false, limits);
    this.candidate = options.shadow === undefined ? undefined : new PolicyRunner(options.shadow, true, limits);
  }

  observe(event: LiveEvent): PipelineOutput[] {
    const out: PipelineOutput[] = [];
    const live = this.live.observe(event);
    if (live !== null) {
      if (live.alert !== undefined) out.push({ alert: live.alert });
      for (const action of live.actions) out.push({ action });
    }
    const shadow = this.candidate?.observe(event);
    if (shadow) for (const action of shadow.actions) out.push({ action });
    return out;
  }

  process(outputs: PipelineOutput[]): PipelineOutput[] {
    const out: PipelineOutput[] = [];
    for (const o of outputs) {
      if (!("alert" in o)) {
        out.push(o);
        continue;
      }
      const alert = { ...o.alert, policyVersion: this.live.source.current().policyVersion };
      out.push({ alert });
      for (const action of this.live.onAlert(alert)) out.push({ action });
      if (this.candidate !== undefined) for (const action of this.candidate.onAlert(alert)) out.push({ action });
    }
    return out;
  }

  /**
   * The actions the live (and shadow) policy takes on an alert another
   * service raised and published itself (#21: the crew detector's room
   * alerts, acted on in the room's own partition): the alert is not passed
   * on again, so consumers keep the one copy its producer wrote.
   */
  actionsFor(alert: Alert): PipelineOutput[] {
    const out: PipelineOutput[] = this.live.onAlert(alert).map((action) => ({ action }));
    if (this.candidate !== undefined) for (const action of this.candidate.onAlert(alert)) out.push({ action });
    return out;
  }

  counters(): { live: RunnerCounters; shadow?: RunnerCounters } {
    return this.candidate === undefined ? { live: { ...this.live.counters } } : { live: { ...this.live.counters }, shadow: { ...this.candidate.counters } };
  }

  stateSize(): { offenceTracks: number; rooms: number; evicted: number } {
    return this.live.stateSize();
  }

  /** Live and shadow runner states as bytes in one MessagePack record (base64 inside JSON before #13). */
  snapshot(): Uint8Array {
    return encodeState({ live: this.live.snapshot(), shadow: this.candidate === undefined ? null : this.candidate.snapshot() });
  }

  restore(bytes: Uint8Array): void {
    let parts: { live?: unknown; shadow?: unknown };
    try {
      parts = decodeState(bytes) as typeof parts;
    } catch (err) {
      throw new PolicySnapshotError("policy stage snapshot is not MessagePack state", { cause: err });
    }
    if (!isBytes(parts.live)) throw new PolicySnapshotError("policy stage snapshot has no live state");
    this.live.restore(parts.live);
    // A checkpoint taken without a candidate leaves a new candidate starting fresh.
    if (this.candidate !== undefined && isBytes(parts.shadow)) this.candidate.restore(parts.shadow);
  }
}

/** Bytes as MessagePack decodes them: a Buffer, which under jest's sandbox is not an instance of its Uint8Array. */
function isBytes(v: unknown): v is Uint8Array {
  return Buffer.isBuffer(v) || v instanceof Uint8Array;
}
