/**
 * The engine's half of the peer baselines (issue 12): each event-time minute
 * every live room adds its peer signals (`PEER_SIGNALS`, read with
 * `roomSignalsOf` at the minute's last millisecond) to its peer group's
 * rolling sketch, and when the minute closes the engine hands out its partial
 * of every group's window (`BaselinePartial`), which the pipeline writes to
 * the baselines table (libs/minute-table: `risk.baselines` in the service, an
 * in-process table in replay). A minute closes when the engine has applied
 * everything through its end (`appliedThroughMs`) or when the pipeline seals
 * through it: either way the rooms are in the state all events up to that
 * minute leave them in, so a partial depends on the partition's input alone.
 * Pure: the pipeline moves the partials, the engine only makes them.
 */
import { baselineKey, minuteOf, peerGroupOf, RollingSketches, type EncodedSketch, type RollingSnapshot, type SignalPrior } from "@redline/baselines";
import type { FalsificationConfig } from "./detectors/falsification-config";
import type { CohortKind } from "./detectors/cohort-state";
import { roomSignalsOf, type RoomSignalName } from "./detectors/room-signals";
import type { RoomState } from "./room-state";

const MINUTE_MS = 60_000;

/** A signal judged against peers: which kind's window, which share, and the prior that answers below the peer minimum. */
export interface PeerSignal {
  kind: CohortKind;
  signal: RoomSignalName;
  prior: Readonly<SignalPrior>;
}

/**
 * The signals rooms are compared on. Only those something reads: each adds a
 * sketch per peer group to every partition's partial, every minute. The
 * silent share of settled viewers is the one that separated the view farms
 * today's tells miss (docs/falsification.md: AUC 0.90 on the development
 * seeds); its prior is the lower quartile and median the merged peer
 * sketches showed on those seeds (0.87, 0.90: the simulator's viewers are
 * mostly silent). Only the explanation reads it (docs/falsification.md).
 */
export const PEER_SIGNALS: readonly PeerSignal[] = Object.freeze([{ kind: "views", signal: "silent_share", prior: Object.freeze({ lowerQuartile: 0.87, median: 0.9 }) }]);

/** The table key of a peer signal inside its group: `<group>/<kind>.<signal>`. */
export function peerSignalKey(group: string, s: Pick<PeerSignal, "kind" | "signal">): string {
  return baselineKey(group, `${s.kind}.${s.signal}`);
}

/** The room's peer group: its platform and category as its events told them, and its size by viewers present. */
export function peerGroupOfRoom(room: RoomState): string {
  let viewers = 0;
  for (const slot of room.accounts.values()) if (slot.joinMs >= 0) viewers++;
  return peerGroupOf({ platform: room.platform ?? "", category: room.category ?? "", viewers });
}

/** One partition's view of one group's signal over the window ending with `minuteMs`; null withdraws an earlier one. */
export interface BaselinePartial {
  key: string;
  /** Start of the event-time minute that closed. */
  minuteMs: number;
  sketch: EncodedSketch | null;
}

export interface BaselineProducerSnapshot {
  rolling: RollingSnapshot;
  nextMinuteMs: number;
  written: string[];
}

/** Rooms with at least this many accounts in a kind's window add a value: a share of three accounts says nothing. */
const MIN_ACCOUNTS = 10;

export class BaselineProducer {
  private rolling = new RollingSketches();
  /** The first minute not closed yet; -Infinity before the engine applies anything. */
  private nextMinuteMs = Number.NEGATIVE_INFINITY;
  /** Keys the last closed minute wrote: a key missing from the next one is withdrawn, not left in force. */
  private written = new Set<string>();
  private pending: BaselinePartial[] = [];

  constructor(private readonly f: Readonly<FalsificationConfig>) {}

  /** The engine applies its first event at `timeMs`: minutes start there. */
  start(timeMs: number): void {
    if (this.nextMinuteMs === Number.NEGATIVE_INFINITY) this.nextMinuteMs = minuteOf(timeMs);
  }

  /**
   * Closes every minute that ends at or before `throughMs`, reading the rooms as they stand. After a long
   * quiet gap only the last window's minutes are closed: older ones would leave the window unread.
   */
  closeThrough(throughMs: number, rooms: Iterable<RoomState>, isLive: (room: RoomState, timeMs: number) => boolean): void {
    if (this.nextMinuteMs === Number.NEGATIVE_INFINITY) return;
    const lastMinuteMs = minuteOf(throughMs + 1) - MINUTE_MS;
    if (lastMinuteMs < this.nextMinuteMs) return;
    const windowStart = lastMinuteMs - (this.rolling.options.windowMinutes - 1) * MINUTE_MS;
    const roomList = [...rooms];
    for (let m = Math.max(this.nextMinuteMs, windowStart); m <= lastMinuteMs; m += MINUTE_MS) this.close(m, roomList, isLive);
    this.nextMinuteMs = lastMinuteMs + MINUTE_MS;
  }

  /** The partials of the minutes closed since the last call, in minute order. */
  take(): BaselinePartial[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  snapshot(): BaselineProducerSnapshot {
    return { rolling: this.rolling.snapshot(), nextMinuteMs: this.nextMinuteMs, written: [...this.written] };
  }

  static restore(s: BaselineProducerSnapshot, f: Readonly<FalsificationConfig>): BaselineProducer {
    const producer = new BaselineProducer(f);
    producer.rolling = RollingSketches.restore(s.rolling);
    producer.nextMinuteMs = s.nextMinuteMs;
    producer.written = new Set(s.written);
    return producer;
  }

  private close(minuteMs: number, rooms: readonly RoomState[], isLive: (room: RoomState, timeMs: number) => boolean): void {
    const endMs = minuteMs + MINUTE_MS - 1;
    for (const room of rooms) {
      if (room.firstEventMs > endMs || !isLive(room, endMs)) continue;
      const group = peerGroupOfRoom(room);
      for (const s of PEER_SIGNALS) {
        const signals = roomSignalsOf(room, s.kind, endMs, this.f, MIN_ACCOUNTS);
        if (signals !== null) this.rolling.add(peerSignalKey(group, s), endMs, signals.values[s.signal]);
      }
    }
    const partials = this.rolling.closeMinute(minuteMs);
    for (const [key, sketch] of partials) this.pending.push({ key, minuteMs, sketch });
    for (const key of this.written) if (!partials.has(key)) this.pending.push({ key, minuteMs, sketch: null });
    this.written = new Set(partials.keys());
  }
}
