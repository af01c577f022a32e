/**
 * Serialises engine state (plain objects, arrays, Maps and typed arrays) to
 * bytes and back, with MessagePack (msgpackr). Records encode each shape of
 * object once per snapshot instead of repeating its field names for every
 * account, which made field names most of a JSON snapshot: on the seed-7
 * stream a room of 1,479 accounts took 1.23 MB as JSON and 0.34 MB here,
 * encoded 3x and decoded 9x faster (issue 13). Maps keep insertion order,
 * which is part of the state (bounded maps evict the oldest entry); typed
 * arrays keep their type; numbers are exact (infinities included, which
 * JSON turned into null).
 *
 * The JSON snapshots of rules-5 and earlier are no longer read (#13): they
 * decode to a number (`{` is a MessagePack fixint) and are refused, and the
 * pipeline's snapshot envelope refuses them before they get here.
 */
import { addExtension, Packr } from "msgpackr";
import { SnapshotFormatError } from "./errors";

/** MessagePack extension type of a Float64Array (the sliding windows' buckets). */
const FLOAT64_ARRAY_EXTENSION = 0x46;

// An explicit extension rather than msgpackr's `moreTypes`, which decoded Float64Arrays as empty arrays
// under jest's sandboxed globals, where the services' integration tests take snapshots.
addExtension({
  Class: Float64Array,
  type: FLOAT64_ARRAY_EXTENSION,
  pack: (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength),
  unpack: (bytes: Uint8Array) => {
    // Copied into an aligned buffer: Buffer pools are not 8-byte aligned.
    const out = new Float64Array(bytes.byteLength / 8);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  },
});

const packr = new Packr({ useRecords: true, mapsAsObjects: false });

export function encodeState(state: unknown): Uint8Array {
  return packr.pack(state);
}

export function decodeState(bytes: Uint8Array): unknown {
  try {
    const state: unknown = packr.unpack(bytes);
    if (state === null || typeof state !== "object") throw new Error(`decoded to ${state === null ? "null" : typeof state}, not a state object`);
    return state;
  } catch (err) {
    throw new SnapshotFormatError("snapshot bytes are not a valid engine state", { cause: err });
  }
}
