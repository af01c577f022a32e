/**
 * What a policy runner remembers between alerts: offence streaks (ladder
 * position, cooldown, episode) and room facts (platform, key-room episode,
 * followers, recent sales). Bounded: entries idle past the point where they
 * could still change a decision are dropped, and a hard cap drops the least
 * recently touched. Serialised as JSON with Map order kept, so a restored
 * runner evicts, and so decides, exactly as the original would.
 */
import { evictOldest } from "@redline/common";
import { decodeState, encodeState } from "@redline/engine";
import { PolicySnapshotError } from "./errors";

export interface OffenceTrack {
  episodeStartMs: number;
  lastOffenceMs: number;
  /** -1 before the first action of the episode. */
  lastActionMs: number;
  actionsIssued: number;
  /** After `lastOffenceMs + forgetAfterMs` the track resets anyway, so it can be dropped. */
  forgetAfterMs: number;
}

export interface RoomFacts {
  platform: string;
  episodeStartMs: number;
  lastEventMs: number;
  ended: boolean;
  followerCount: number;
  /** Event time at which the room became key in this episode; -1 while normal. */
  keySinceMs: number;
  /** [bucketStartMs, netCents] in ascending bucket order. */
  sales: Array<[number, number]>;
}

export interface StateLimits {
  maxOffenceTracks: number;
  maxRooms: number;
  /** Extra event time before an idle entry is dropped, covering alerts that trail the events (engine lateness). */
  evictionSlackMs: number;
}

export const DEFAULT_STATE_LIMITS: StateLimits = { maxOffenceTracks: 200_000, maxRooms: 100_000, evictionSlackMs: 600_000 };

const SWEEP_EVERY_MS = 60_000;
/** Room idle time used for episodes when the policy has no key-room section. */
export const DEFAULT_ROOM_IDLE_MS = 6 * 3_600_000;

export class PolicyState {
  offences = new Map<string, OffenceTrack>();
  rooms = new Map<string, RoomFacts>();
  /** Latest event or alert time seen; drives eviction only. */
  nowMs = -1;
  nextSweepMs = -1;
  evicted = 0;

  constructor(private readonly limits: StateLimits) {}

  touchOffence(key: string, track: OffenceTrack): void {
    this.offences.delete(key);
    this.offences.set(key, track);
    this.capOldest(this.offences, this.limits.maxOffenceTracks);
  }

  touchRoom(roomId: string, facts: RoomFacts): void {
    this.rooms.delete(roomId);
    this.rooms.set(roomId, facts);
    this.capOldest(this.rooms, this.limits.maxRooms);
  }

  /** Advances event time and, every minute of it, drops entries that can no longer matter. */
  advance(timeMs: number, roomForgetAfterMs: number): void {
    if (timeMs <= this.nowMs) return;
    this.nowMs = timeMs;
    if (timeMs < this.nextSweepMs) return;
    this.nextSweepMs = timeMs + SWEEP_EVERY_MS;
    const horizon = timeMs - this.limits.evictionSlackMs;
    for (const [key, t] of this.offences) {
      if (t.lastOffenceMs + t.forgetAfterMs < horizon) {
        this.offences.delete(key);
        this.evicted++;
      }
    }
    for (const [roomId, r] of this.rooms) {
      if (r.lastEventMs + roomForgetAfterMs < horizon) {
        this.rooms.delete(roomId);
        this.evicted++;
      }
    }
  }

  private capOldest<V>(map: Map<string, V>, max: number): void {
    this.evicted += evictOldest(map, max);
  }

  encode(): Uint8Array {
    // No version of its own: the pipeline's snapshot envelope versions every stage's state (#13).
    return encodeState({ nowMs: this.nowMs, nextSweepMs: this.nextSweepMs, evicted: this.evicted, offences: [...this.offences], rooms: [...this.rooms] });
  }

  static decode(bytes: Uint8Array, limits: StateLimits): PolicyState {
    let doc: { nowMs: number; nextSweepMs: number; evicted: number; offences: Array<[string, OffenceTrack]>; rooms: Array<[string, RoomFacts]> };
    try {
      doc = decodeState(bytes) as typeof doc;
    } catch (err) {
      throw new PolicySnapshotError("policy snapshot is not MessagePack state", { cause: err });
    }
    if (!Array.isArray(doc.offences) || !Array.isArray(doc.rooms) || typeof doc.nowMs !== "number") {
      throw new PolicySnapshotError("policy snapshot has no offences, rooms or clock");
    }
    const state = new PolicyState(limits);
    state.nowMs = doc.nowMs;
    state.nextSweepMs = doc.nextSweepMs;
    state.evicted = doc.evicted;
    state.offences = new Map(doc.offences);
    state.rooms = new Map(doc.rooms);
    return state;
  }
}
