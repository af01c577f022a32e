import { ProductTable, type ProductFactsLookup } from "@redline/claims";
import type { AccountActivity } from "@redline/crews";
import { MisleadingClaimsStage, RiskEngine, RiskPipeline, type EngineConfig, type EngineDeps, type OutputStage } from "@redline/engine";
import { PolicyStage, type PolicySource, type RunnerCounters } from "@redline/policy";
import { AccountActivityStage } from "./account-activity-stage";
import { CrewRoomActionsStage, type CrewRoomAlertSource } from "./crew-room-actions-stage";
import type { MinuteTableHold } from "./minute-table-hold";
import { PIPELINE_DEFAULTS } from "./pipeline-defaults";

export interface PipelineSpec {
  /** Engine settings over `PIPELINE_DEFAULTS` (the service's); absent fields take those. */
  engine?: Partial<EngineConfig>;
  /** The live policy (a hot-reloaded store or a fixed file); absent → alerts only. */
  policy?: PolicySource;
  /** A candidate policy whose actions come out marked `shadow`. */
  shadowPolicy?: PolicySource;
  /** Engine dependencies (text scorer, clock for lag counters). */
  deps?: EngineDeps;
  /** The `live.products` table that transcript claims are checked against; absent → no facts (only superlatives, LOW). */
  products?: ProductFactsLookup;
  /** Keep account-activity records for the crew detector (issue 21); drained with `drainAccountActivity`. */
  accountActivity?: boolean;
  /**
   * Minute-versioned tables the engine reads (#21 account risk, #12 peer
   * baselines): an event is applied only once every one is ready for its
   * time; `pipeline.applyHeld()` applies what waited once they move.
   */
  hold?: MinuteTableHold;
  /**
   * The account-risk table's crew of an account at an event time (#21),
   * read behind `hold`: the engine's falsification detectors count known
   * crew accounts acting in a room (`accountRiskLookup`).
   */
  accountRiskAt?: EngineDeps["accountRiskAt"];
  /**
   * The baselines table's peer sketches (#12), read behind `hold`: the
   * engine makes its partials each minute (drained with
   * `takeBaselinePartials`) and judges rooms against the merged ones.
   */
  peerBaselineAt?: EngineDeps["peerBaselineAt"];
  /**
   * The crew detector's room alerts (#21), read from the account-risk
   * table: with a policy, the pipeline acts on those about its own rooms
   * (`CrewRoomActionsStage`).
   */
  crewRoomAlerts?: CrewRoomAlertSource;
}

/** The engine dependencies a spec resolves to: its own, and the hold's cap on what is applied. */
export function engineDeps(spec: PipelineSpec): EngineDeps {
  const { hold, accountRiskAt, peerBaselineAt } = spec;
  return {
    ...spec.deps,
    ...(hold === undefined ? {} : { applyLimitMs: () => hold.readyThroughMs() }),
    ...(accountRiskAt === undefined ? {} : { accountRiskAt }),
    ...(peerBaselineAt === undefined ? {} : { peerBaselineAt }),
  };
}

/** The engine settings a spec resolves to: the service's defaults, then the spec's overrides. */
export function engineSettings(spec: PipelineSpec): Partial<EngineConfig> {
  return { allowedLatenessMs: PIPELINE_DEFAULTS.allowedLatenessMs, ...(spec.engine ?? {}) };
}

/**
 * The pipeline per input partition: the engine, then the action policy. The
 * service, `redline replay` and the eval all build it here, so the same
 * input gives the same outputs in all three.
 */
export function createPipeline(spec: PipelineSpec = {}, engine = new RiskEngine(engineSettings(spec), engineDeps(spec))): RiskPipeline {
  // Claims first, so the policy stage sees their alerts like the engine's.
  const stages: OutputStage[] = [new MisleadingClaimsStage(spec.products ?? new ProductTable(), engine.modelVersion)];
  if (spec.policy !== undefined) {
    const policy = new PolicyStage({ live: spec.policy, shadow: spec.shadowPolicy });
    stages.push(policy);
    if (spec.crewRoomAlerts !== undefined) stages.push(new CrewRoomActionsStage(spec.crewRoomAlerts, policy));
  }
  if (spec.accountActivity === true) stages.push(new AccountActivityStage());
  return new RiskPipeline(engine, stages);
}

/** What the live (and shadow) policy of a pipeline did so far; undefined without a policy. */
export function policyCounters(pipeline: RiskPipeline): { live: RunnerCounters; shadow?: RunnerCounters } | undefined {
  const stage = pipeline.stageNamed(PolicyStage.STAGE_NAME);
  return stage instanceof PolicyStage ? stage.counters() : undefined;
}

/** How many crew room alerts the pipeline has acted on (#21); 0 without a policy or a source. */
export function crewRoomAlertsActedOn(pipeline: RiskPipeline): number {
  const stage = pipeline.stageNamed(CrewRoomActionsStage.STAGE_NAME);
  return stage instanceof CrewRoomActionsStage ? stage.alertsActedOn : 0;
}

/** The account-activity records of the events applied since the last call; empty when the pipeline keeps none. */
export function drainAccountActivity(pipeline: RiskPipeline): AccountActivity[] {
  const stage = pipeline.stageNamed(AccountActivityStage.STAGE_NAME);
  return stage instanceof AccountActivityStage ? stage.drain() : [];
}

/**
 * The engine's watermark, sealed: no account-activity record drained from now
 * on has an event time at or below it, so it can go out in a progress mark
 * (libs/minute-table) to the crew detector. -1 before any event. `throughMs`
 * seals further than the engine's watermark: a partition whose input is read
 * to its end and quiet promises up to a time its own events never reached, so
 * it does not hold the crew detector back (an event it later applies at or
 * below that time gets no record, counted in `lateDropped`). Returns the
 * time sealed through.
 */
export function sealAccountActivity(pipeline: RiskPipeline, throughMs = Number.NEGATIVE_INFINITY): number {
  // What was applied, not the watermark: events the hold keeps behind the watermark get their records later.
  const watermarkMs = Math.max(pipeline.engine.appliedThroughMs, throughMs);
  const stage = pipeline.stageNamed(AccountActivityStage.STAGE_NAME);
  if (stage instanceof AccountActivityStage) stage.seal(watermarkMs);
  return watermarkMs;
}
