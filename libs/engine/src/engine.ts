/**
 * The risk engine: buffers events up to the watermark, applies them in
 * (eventTimeMs, eventId) order to bounded per-room state, and queues the
 * alerts its detectors raise. Pure and deterministic: no I/O, no wall time
 * in any output, so the Kafka service (one engine per partition) and
 * `redline replay` produce the same alerts for the same input.
 */
import { LiveEvent } from "@redline/proto";
import type { Alert } from "@redline/proto";
import { resolveEngineConfig } from "./config";
import type { EngineConfig } from "./config";
import { EventHeap } from "./event-heap";
import { evictOldest } from "@redline/common";
import { SeenEvents } from "./seen-events";
import { createRoomState, noteRoomFacts } from "./room-state";
import type { RoomState } from "./room-state";
import { applyFalsification, type FalsificationReads } from "./falsification";
import { COHORT_KINDS } from "./detectors/cohort-state";
import { operatorThresholdsTag } from "./detectors/content-config";
import { roomSignalsOf, type RoomSignals } from "./detectors/room-signals";
import { BaselineProducer, type BaselinePartial, type BaselineProducerSnapshot } from "./peer-baselines";
import { alertFromFinding } from "./alert";
import { encodeState } from "./state-codec";
import { encodeRoom } from "./room-codec";
import { notThisRelease, readSlicedState, SnapshotCapture } from "./snapshot-capture";
import { loadDefaultClassifier } from "@redline/text-classifier";
import { applyContent } from "./detectors/content";
import { alertFromContentFinding } from "./detectors/content-alert";
import { EarlyFirings, isOrderFree, orderFreeFinding } from "./early-firing";
import type { TextScorer } from "./detectors/text-scorer";
import type { EngineCounters, EngineDeps, RoomStateSize } from "./engine-types";

export type { EngineCounters, EngineDeps, RoomStateSize } from "./engine-types";

/** One engine output. A later policy stage adds `{ action }` outputs alongside. */
export interface EngineOutput {
  alert: Alert;
}

/**
 * What one call to `ingest`, `flush` or `applyHeld` did, handed to the caller
 * once (#13: the engine keeps no outputs between calls and calls nobody back).
 * `applied[i]` was applied once `outputs[0 .. outputsThrough[i])` had been
 * raised (its own alerts included), so a pipeline can put each stage's view
 * of an event right after the outputs that preceded it.
 */
export interface EngineStep {
  /** Events applied by the call, in application order (late events included). */
  readonly applied: readonly LiveEvent[];
  /** Outputs raised by the call, in the order raised. */
  readonly outputs: readonly EngineOutput[];
  /** Per applied event, how many of `outputs` had been raised when it was applied. */
  readonly outputsThrough: readonly number[];
}

interface OpenStep {
  applied: LiveEvent[];
  outputs: EngineOutput[];
  outputsThrough: number[];
}

/** Shared by every call that applies and raises nothing (most `ingest` calls between watermark moves). */
const NOTHING: EngineStep = Object.freeze({ applied: Object.freeze([]), outputs: Object.freeze([]), outputsThrough: Object.freeze([]) });
/**
 * A step's outputs and counts while it has applied one event and raised nothing, which is most steps: shared and
 * frozen, replaced by the step's own arrays on its first output or second event (#15: two arrays per event).
 */
const NO_OUTPUTS = Object.freeze([]) as unknown as EngineOutput[];
const ONE_APPLIED_NONE_RAISED = Object.freeze([0]) as unknown as number[];


/** How often (event time) rooms are checked for release. */
const SWEEP_EVERY_MS = 10_000;

interface Progress {
  maxSeenMs: number;
  watermarkMs: number;
  nextSweepMs: number;
  counters: Omit<EngineCounters, "roomsTracked" | "bufferedEvents" | "watermarkMs" | "stateEntries">;
}

/** The engine's small parts of a snapshot (`SlicedEngineState.head`), encoded at the capture. */
interface EngineHead {
  progress: Progress;
  early: Map<string, number[]>;
  baselines: BaselineProducerSnapshot | null;
}

/** Event-time gap after which a room's next event moves it to the recently-active end of the room map. */
const TOUCH_EVERY_MS = 1_000;

export class RiskEngine {
  private readonly cfg: Readonly<EngineConfig>;
  private readonly clock: () => number;
  private readonly applyLimit: () => number;
  private readonly reads: FalsificationReads;
  /** Makes this partition's baseline partials; only when the engine reads baselines back. */
  private baselines: BaselineProducer | undefined;
  private readonly scorer: TextScorer;
  /** Rules version plus the classifier version the content alerts relied on. */
  readonly modelVersion: string;
  private heap = new EventHeap();
  private seen: SeenEvents;
  private rooms = new Map<string, RoomState>();
  /** Snapshots captured and not yet encoded in full: each must see a room before it changes. */
  private readonly captures = new Set<SnapshotCapture>();
  /** What the public call in progress has applied and raised; created on the first of either. */
  private step: OpenStep | undefined;
  private early: EarlyFirings;
  private progress: Progress = {
    maxSeenMs: -1,
    watermarkMs: -1,
    nextSweepMs: -1,
    counters: { eventsIngested: 0, eventsApplied: 0, lateEvents: 0, duplicateEvents: 0, eventsWithoutRoom: 0, alertsRaised: 0, roomsReleased: 0, roomsEvicted: 0, idleAdvances: 0 },
  };

  constructor(config: Partial<EngineConfig> = {}, deps: EngineDeps = {}) {
    this.cfg = resolveEngineConfig(config);
    this.seen = new SeenEvents(this.cfg.dedupeWindowMs);
    this.early = new EarlyFirings(new Map(), this.cfg.alertCooldownMs, this.cfg.maxRooms);
    this.clock = deps.clock ?? Date.now;
    this.applyLimit = deps.applyLimitMs ?? (() => Number.POSITIVE_INFINITY);
    this.reads = { accountRiskAt: deps.accountRiskAt, peerBaselineAt: deps.peerBaselineAt, onWindowJudged: deps.onWindowJudged };
    this.baselines = deps.peerBaselineAt === undefined ? undefined : new BaselineProducer(this.cfg.falsification);
    this.scorer = deps.textScorer ?? loadDefaultClassifier();
    // An operator's choices that change outputs are named in the version, so an alert says what judged it.
    const acting = this.cfg.falsification.combinerActs ? "+combiner-acts" : "";
    this.modelVersion = `${this.cfg.modelVersion}${acting}+text-${this.scorer.version}${operatorThresholdsTag(this.cfg.content)}`;
  }

  get config(): Readonly<EngineConfig> {
    return this.cfg;
  }

  /**
   * Buffers the event and applies every buffered event the watermark has
   * passed; returns what that applied and raised.
   */
  ingest(event: LiveEvent): EngineStep {
    this.buffer(event);
    return this.closeStep();
  }

  /**
   * End of input, or input gone quiet (issue 16): applies everything still
   * buffered and moves the watermark to the newest event time seen, so an
   * event arriving later at or before that time counts as late. The service
   * calls it after its idle timeout and replay at the end of its input: the
   * same step, so both produce the same outputs.
   */
  flush(): EngineStep {
    const p = this.progress;
    if (this.heap.size === 0 && p.watermarkMs >= p.maxSeenMs) return NOTHING;
    p.counters.idleAdvances++;
    this.advanceTo(Math.max(p.watermarkMs, p.maxSeenMs));
    return this.closeStep();
  }

  /** Applies the buffered events a risen apply limit now allows (`EngineDeps.applyLimitMs`). */
  applyHeld(): EngineStep {
    if (this.progress.watermarkMs >= 0) this.advanceTo(this.progress.watermarkMs);
    return this.closeStep();
  }

  /**
   * Event time through which the engine is done: every event at or below it
   * has been applied, and one that arrives later is late. The watermark, or
   * just below the earliest event the apply limit still holds.
   */
  get appliedThroughMs(): number {
    const held = this.heap.peek();
    return held === undefined ? this.progress.watermarkMs : Math.min(this.progress.watermarkMs, held.eventTimeMs - 1);
  }

  /** Events held until the watermark (and the apply limit) passes them. */
  get bufferedEvents(): number {
    return this.heap.size;
  }

  /** Event time up to which every event has been applied (-1 before any). */
  get watermarkMs(): number {
    return this.progress.watermarkMs;
  }

  counters(): EngineCounters & { watermarkLagMs: number } {
    let stateEntries = 0;
    for (const room of this.rooms.values()) stateEntries += room.accounts.size + room.devices.size + (room.cohort.payments?.size ?? 0) + (room.cohort.addresses?.size ?? 0) + room.cohort.subnets.size;
    return {
      ...this.progress.counters,
      roomsTracked: this.rooms.size,
      bufferedEvents: this.heap.size,
      watermarkMs: this.progress.watermarkMs,
      stateEntries,
      watermarkLagMs: this.progress.watermarkMs >= 0 ? this.clock() - this.progress.watermarkMs : 0,
    };
  }

  /**
   * The counts of events and rooms handled so far, without `counters()`'s walk over every room's
   * maps: the service reports these after every batch, and with 50,000 rooms a partition that walk
   * cost more than a small live batch's scoring (#15).
   */
  eventCounts(): Readonly<Progress["counters"]> {
    return this.progress.counters;
  }

  private buffer(event: LiveEvent): void {
    const p = this.progress;
    p.counters.eventsIngested++;
    if (!this.seen.firstSighting(event.roomId, event.eventId, event.eventTimeMs)) {
      p.counters.duplicateEvents++;
      return;
    }
    this.fireEarly(event);
    if (event.eventTimeMs <= p.watermarkMs) {
      // Later than the lateness bound: counted, and still applied where it can be (once the hold allows).
      p.counters.lateEvents++;
      if (event.eventTimeMs <= this.applyLimit()) this.apply(event);
      else this.heap.push(event);
      return;
    }
    this.heap.push(event);
    if (event.eventTimeMs > p.maxSeenMs) {
      p.maxSeenMs = event.eventTimeMs;
      const watermark = p.maxSeenMs - this.cfg.allowedLatenessMs;
      if (watermark > p.watermarkMs) this.advanceTo(watermark);
    }
  }

  /** Hands the call's step to the caller and forgets it: outputs leave the engine exactly once. */
  private closeStep(): EngineStep {
    const step = this.step;
    this.step = undefined;
    return step ?? NOTHING;
  }

  private openStep(): OpenStep {
    return (this.step ??= { applied: [], outputs: [], outputsThrough: [] });
  }

  private raise(output: EngineOutput): void {
    const step = this.openStep();
    if (step.outputs === NO_OUTPUTS) step.outputs = [];
    step.outputs.push(output);
    this.progress.counters.alertsRaised++;
  }

  private advanceTo(watermarkMs: number): void {
    const p = this.progress;
    p.watermarkMs = watermarkMs;
    const limitMs = Math.min(watermarkMs, this.applyLimit());
    for (let next = this.heap.peek(); next !== undefined && next.eventTimeMs <= limitMs; next = this.heap.peek()) {
      this.apply(this.heap.pop()!);
    }
    // Rooms are swept by what was applied: a room whose events are held is not idle.
    const throughMs = this.appliedThroughMs;
    // Minutes close before the sweep: a room live at a minute's end adds its values even if the sweep then frees it.
    this.baselines?.closeThrough(throughMs, this.rooms.values(), this.isLive);
    if (throughMs >= p.nextSweepMs) {
      this.seen.forgetBefore(throughMs);
      this.sweep(throughMs);
      p.nextSweepMs = throughMs + SWEEP_EVERY_MS;
    }
  }

  private readonly isLive = (room: RoomState, timeMs: number): boolean => !this.isStale(room, timeMs);

  private isStale(room: RoomState, timeMs: number): boolean {
    return timeMs > room.lastEventMs + this.cfg.roomIdleMs || (room.endedMs >= 0 && timeMs > room.endedMs + this.cfg.roomGraceMs);
  }

  /** Releases rooms that ended (plus grace) or went idle. Only frees memory: see `roomFor`. */
  private sweep(watermarkMs: number): void {
    for (const [roomId, room] of this.rooms) {
      if (this.isStale(room, watermarkMs)) {
        this.rooms.delete(roomId);
        this.progress.counters.roomsReleased++;
      }
    }
  }

  private roomFor(roomId: string, timeMs: number): RoomState {
    let room = this.rooms.get(roomId);
    // A room past its end or idle period starts fresh whether or not a sweep
    // has freed it yet, so alerts never depend on when sweeps happen to run.
    if (room !== undefined && this.isStale(room, timeMs)) {
      this.rooms.delete(roomId);
      this.progress.counters.roomsReleased++;
      room = undefined;
    } else if (room !== undefined && timeMs - (room.movedToFrontMs ?? room.firstEventMs) >= TOUCH_EVERY_MS) {
      // Keeps the map in rough order of last activity, so the cap below drops the room quiet the
      // longest, not a busy room that merely arrived first. At most once a second per room: cheap.
      this.rooms.delete(roomId);
      this.rooms.set(roomId, room);
      room.movedToFrontMs = timeMs;
    }
    if (room === undefined) {
      room = createRoomState(roomId, timeMs);
      this.rooms.set(roomId, room);
      this.progress.counters.roomsEvicted += evictOldest(this.rooms, this.cfg.maxRooms);
    }
    return room;
  }

  private apply(event: LiveEvent): void {
    this.progress.counters.eventsApplied++;
    if (event.roomId === "") {
      this.progress.counters.eventsWithoutRoom++;
      return;
    }
    // A capture still waiting to encode this room encodes it as it stood (snapshot-capture.ts).
    if (this.captures.size > 0) for (const capture of this.captures) capture.beforeChange(event.roomId);
    if (this.baselines !== undefined) {
      // Minutes this event is past close on the rooms as the events before it left them.
      this.baselines.start(event.eventTimeMs);
      this.baselines.closeThrough(event.eventTimeMs - 1, this.rooms.values(), this.isLive);
    }
    const room = this.roomFor(event.roomId, event.eventTimeMs);
    if (event.eventTimeMs > room.lastEventMs) room.lastEventMs = event.eventTimeMs;
    noteRoomFacts(room, event);
    // Indexed loops: for-of here allocated an iterator result per event (#15).
    const findings = applyFalsification(room, event, this.cfg, this.reads);
    for (let i = 0; i < findings.length; i++) {
      this.raise({ alert: alertFromFinding(room.roomId, findings[i]!, event.eventTimeMs, this.modelVersion) });
    }
    const contents = applyContent(room, event, this.cfg, this.scorer);
    for (let i = 0; i < contents.length; i++) {
      const content = contents[i]!;
      if (isOrderFree(content.subcategory) && this.early.covers(room.roomId, content, event.eventTimeMs)) continue;
      this.raise({ alert: alertFromContentFinding(room.roomId, content, event.eventTimeMs, this.modelVersion) });
    }
    this.recordApplied(event);
  }

  private recordApplied(event: LiveEvent): void {
    const step = this.step;
    // Made holding the event: most steps apply one, and an array pushed to from empty is given room for 17 (#15: garbage per event).
    if (step === undefined) this.step = { applied: [event], outputs: NO_OUTPUTS, outputsThrough: ONE_APPLIED_NONE_RAISED };
    else {
      step.applied.push(event);
      if (step.outputsThrough === ONE_APPLIED_NONE_RAISED) step.outputsThrough = [0];
      step.outputsThrough.push(step.outputs.length);
    }
  }

  /** Raises, on receipt, the finding of a rule that needs no other event (see `early-firing.ts`). */
  private fireEarly(event: LiveEvent): void {
    if (event.roomId === "") return;
    const finding = orderFreeFinding(event);
    if (finding === null || !this.early.tryFire(event.roomId, finding, event.eventTimeMs)) return;
    this.raise({ alert: alertFromContentFinding(event.roomId, finding, event.eventTimeMs, this.modelVersion) });
  }

  /**
   * Closes the baseline minutes through `throughMs` (at least what is
   * applied: a quiet partition promises further, libs/pipeline) and returns
   * the time they are complete through: the producer mark of the partials
   * `takeBaselinePartials` hands out. -1 before any event is applied.
   */
  sealBaselines(throughMs = Number.NEGATIVE_INFINITY): number {
    const sealedMs = Math.max(this.appliedThroughMs, throughMs);
    this.baselines?.closeThrough(sealedMs, this.rooms.values(), this.isLive);
    return sealedMs;
  }

  /** The baseline partials of the minutes closed since the last call (none without `peerBaselineAt`). */
  takeBaselinePartials(): BaselinePartial[] {
    return this.baselines?.take() ?? [];
  }

  /**
   * What each live room costs in a snapshot (its serialised bytes) and how many accounts it tracks: the
   * state bound the benchmarks report for ordinary and busy rooms. Serialises every room: for reports, not
   * for the hot path.
   */
  roomStateSizes(): RoomStateSize[] {
    return [...this.rooms.values()].map((room) => ({ roomId: room.roomId, bytes: encodeRoom(room, this.cfg).byteLength, accounts: room.accounts.size }));
  }

  /**
   * Each live room's composition signals per kind at `timeMs` (detectors/room-signals.ts), where its window
   * holds at least `minAccounts`: the values issue 12's peer baselines are to be built from. For reports
   * (`tools/eval` room-signals-main) until the engine reads them; reads the rooms, changes nothing.
   */
  roomSignals(timeMs: number, minAccounts: number): { roomId: string; signals: RoomSignals }[] {
    const out: { roomId: string; signals: RoomSignals }[] = [];
    for (const room of this.rooms.values()) {
      for (const kind of COHORT_KINDS) {
        const signals = roomSignalsOf(room, kind, timeMs, this.cfg.falsification, minAccounts);
        if (signals !== null) out.push({ roomId: room.roomId, signals });
      }
    }
    return out;
  }

  /**
   * Serialises the whole engine (buffer, seen ids, rooms) for checkpointing.
   * The layout carries no version of its own: the pipeline's snapshot
   * envelope versions it (`SNAPSHOT_VERSION` in libs/pipeline), so a change
   * to `EngineHead`, `SlicedEngineState` or to the room state bumps that one.
   */
  snapshot(): Uint8Array {
    return this.captureSnapshot(Number.MAX_SAFE_INTEGER).finish();
  }

  /**
   * Captures the engine as it stands now for a snapshot whose rooms are
   * encoded later, `roomsPerSlice` at a time (`SnapshotCapture.step`), while
   * the engine goes on: `finish()` gives the bytes `snapshot()` would have
   * given now. The small parts are encoded here, the seen ids and held events copied.
   */
  captureSnapshot(roomsPerSlice: number): SnapshotCapture {
    const head: EngineHead = { progress: this.progress, early: this.early.state, baselines: this.baselines?.snapshot() ?? null };
    const parts = { head: encodeState(head), seen: this.seen.toPlain(), buffered: [...this.heap.items] };
    const capture = new SnapshotCapture(parts, this.rooms, roomsPerSlice, (done) => this.captures.delete(done), this.cfg);
    this.captures.add(capture);
    return capture;
  }

  /** Rebuilds an engine from `snapshot()` bytes; it continues exactly as the original would. */
  static restore(bytes: Uint8Array, config: Partial<EngineConfig> = {}, deps: EngineDeps = {}): RiskEngine {
    const sliced = readSlicedState(bytes);
    const { progress, early, baselines } = sliced.head as Partial<EngineHead>;
    if (typeof progress?.counters !== "object" || !(early instanceof Map)) throw notThisRelease();
    const engine = new RiskEngine(config, deps);
    engine.progress = progress;
    engine.seen = SeenEvents.fromPlain(engine.cfg.dedupeWindowMs, sliced.seen as Array<[number, number[]]>);
    engine.heap = new EventHeap(sliced.buffered);
    engine.rooms = sliced.rooms;
    engine.early = new EarlyFirings(early, engine.cfg.alertCooldownMs, engine.cfg.maxRooms);
    if (engine.baselines !== undefined && baselines) engine.baselines = BaselineProducer.restore(baselines, engine.cfg.falsification);
    return engine;
  }
}
