/**
 * A snapshot of an engine as it stood at one instant, its rooms encoded a
 * slice at a time (#15). Encoding a partition's whole state in one go held
 * the event loop 0.3-0.8 s per 2,500 rooms, and every event of every
 * partition waited behind it: the processing-latency tail.
 *
 * At the capture the engine's small parts (progress, early firings,
 * baselines) are encoded, and the seen ids and the held events are copied:
 * held events are never changed once ingested, so copying the references is
 * enough. The rest is encoded later, a piece per `step()` (the seen ids, then
 * the held events a chunk at a time, then the rooms a slice at a time), so a
 * caller can yield between steps and the engine can go on applying events
 * meanwhile. A room the engine is about to change that is still waiting is
 * encoded on its own first (`beforeChange`, called by the engine before it
 * touches a room), so every room is encoded as it stood at the capture.
 * Rooms the engine drops or replaces after the capture are not changed (a
 * room starts fresh as a new object), so the capture's reference to them
 * keeps what they were.
 */
import { LiveEvent } from "@redline/proto";
import { SnapshotFormatError } from "./errors";
import type { RoomState } from "./room-state";
import type { EngineConfig } from "./config";
import { decodeState, encodeState } from "./state-codec";
import { encodeRoom, roomFromPlain, roomToPlain } from "./room-codec";

/** Rooms per slice when the caller does not say: about 5-10 ms of encoding on the shared 2-core machine. */
export const DEFAULT_ROOMS_PER_SLICE = 32;
/** Held events encoded per step: a few ms of protobuf encoding. */
const EVENTS_PER_STEP = 2_000;

/** What a finished capture holds. */
export interface SlicedEngineState {
  /** The engine's small parts, encoded at the capture. */
  head: Uint8Array;
  /** The seen ids as `[second, ids][]`. */
  seen: Uint8Array;
  /** The held events in heap order, each an encoded array of protobuf records. */
  buffered: Uint8Array[];
  /** The rooms in map order, each slice an encoded array of `[roomId, room]` pairs; a room encoded on its own is bytes. */
  rooms: Uint8Array[];
}

/** What the engine hands a capture: parts already encoded or copied, and its rooms (read at once, in their order). */
export interface CapturedEngine {
  head: Uint8Array;
  seen: Array<[number, number[]]>;
  buffered: readonly LiveEvent[];
  rooms: ReadonlyMap<string, RoomState>;
}

export class SnapshotCapture {
  private readonly slices: Array<Array<[string, RoomState | Uint8Array]>> = [];
  private readonly encodedSlices: Uint8Array[] = [];
  /** Rooms not encoded yet: their slice and place in it. */
  private readonly waiting = new Map<string, [number, number]>();
  private seen: Uint8Array | undefined;
  private readonly buffered: Uint8Array[] = [];
  private eventsEncoded = 0;

  /** The order of `engine.rooms` is state (the cap evicts the oldest): slices keep it. */
  constructor(
    private readonly engine: Omit<CapturedEngine, "rooms">,
    rooms: ReadonlyMap<string, RoomState>,
    roomsPerSlice: number,
    private readonly onDone: (capture: SnapshotCapture) => void,
    private readonly cfg: Readonly<EngineConfig>,
  ) {
    const size = Math.max(1, Math.floor(roomsPerSlice));
    for (const [roomId, room] of rooms) {
      if (this.slices.length === 0 || this.slices[this.slices.length - 1]!.length === size) this.slices.push([]);
      const slice = this.slices[this.slices.length - 1]!;
      this.waiting.set(roomId, [this.slices.length - 1, slice.length]);
      slice.push([roomId, room]);
    }
  }

  /** Everything is encoded: `finish()` only assembles. */
  get done(): boolean {
    return this.seen !== undefined && this.eventsEncoded === this.engine.buffered.length && this.encodedSlices.length === this.slices.length;
  }

  /** The engine is about to change this room: encode it first if it still waits. */
  beforeChange(roomId: string): void {
    const at = this.waiting.get(roomId);
    if (at === undefined) return;
    const pair = this.slices[at[0]]![at[1]]!;
    pair[1] = isBytes(pair[1]) ? pair[1] : encodeRoom(pair[1], this.cfg);
    this.waiting.delete(roomId);
  }

  /** Encodes the next piece (seen ids, a chunk of held events or a slice of rooms); returns whether any is left. */
  step(): boolean {
    const { buffered } = this.engine;
    if (this.seen === undefined) this.seen = encodeState(this.engine.seen);
    else if (this.eventsEncoded < buffered.length) {
      const chunk = buffered.slice(this.eventsEncoded, this.eventsEncoded + EVENTS_PER_STEP);
      this.buffered.push(encodeState(chunk.map((e) => LiveEvent.encode(e).finish())));
      this.eventsEncoded += chunk.length;
    } else if (this.encodedSlices.length < this.slices.length) {
      const slice = this.slices[this.encodedSlices.length]!;
      this.encodedSlices.push(encodeState(slice.map(([roomId, room]) => [roomId, isBytes(room) ? room : roomToPlain(room, this.cfg)])));
      for (const [roomId] of slice) this.waiting.delete(roomId);
    }
    if (!this.done) return true;
    this.onDone(this);
    return false;
  }

  /** Encodes whatever still waits and returns the snapshot's bytes (`RiskEngine.restore` reads them). */
  finish(): Uint8Array {
    while (this.step());
    const state: SlicedEngineState = { head: this.engine.head, seen: this.seen!, buffered: this.buffered, rooms: this.encodedSlices };
    return encodeState(state);
  }
}

/** Reads what `finish()` wrote: the engine's small parts still to decode, the seen ids, held events and rooms. */
export function readSlicedState(bytes: Uint8Array): { head: unknown; seen: unknown; buffered: LiveEvent[]; rooms: Map<string, RoomState> } {
  const { head, seen, buffered, rooms: slices } = decodeState(bytes) as Partial<SlicedEngineState>;
  if (!isBytes(head) || !isBytes(seen) || !isBytesArray(buffered) || !isBytesArray(slices)) throw notThisRelease();
  const events: LiveEvent[] = [];
  for (const chunk of buffered) for (const record of decodeArray(chunk)) events.push(LiveEvent.decode(record as Uint8Array));
  const rooms = new Map<string, RoomState>();
  for (const slice of slices) {
    for (const [roomId, room] of decodeArray(slice) as Array<[string, RoomState | Uint8Array]>) rooms.set(roomId, roomFromPlain(isBytes(room) ? decodeState(room) : room));
  }
  return { head: decodeState(head), seen: decodeArray(seen), buffered: events, rooms };
}

export function notThisRelease(): SnapshotFormatError {
  return new SnapshotFormatError("snapshot bytes are not an engine state of this release; rebuild from the last committed offsets instead");
}

function decodeArray(bytes: Uint8Array): unknown[] {
  const v = decodeState(bytes);
  if (!Array.isArray(v)) throw notThisRelease();
  return v;
}

function isBytesArray(v: unknown): v is Uint8Array[] {
  return Array.isArray(v) && v.every(isBytes);
}

/** Bytes as MessagePack decodes them: a Buffer, which under jest's sandbox is not an instance of its Uint8Array. */
function isBytes(v: unknown): v is Uint8Array {
  return Buffer.isBuffer(v) || v instanceof Uint8Array;
}
