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
 * Snapshots written as JSON by earlier releases still decode: their first
 * byte is `{`, which no MessagePack encoding of the engine's state (a map
 * or a record) starts with.
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

const JSON_OPEN_BRACE = 0x7b;

export function encodeState(state: unknown): Uint8Array {
  return packr.pack(state);
}

export function decodeState(bytes: Uint8Array): unknown {
  try {
    if (bytes.byteLength > 0 && bytes[0] === JSON_OPEN_BRACE) return decodeLegacyJson(bytes);
    const state: unknown = packr.unpack(bytes);
    if (state === null || typeof state !== "object") throw new Error(`decoded to ${state === null ? "null" : typeof state}, not a state object`);
    return state;
  } catch (err) {
    throw new SnapshotFormatError("snapshot bytes are not a valid engine state", { cause: err });
  }
}

type Tagged = { $u8: string } | { $f64: string } | { $map: Array<[string, unknown]> };

/** The JSON snapshots of rules-5 and earlier: typed arrays as base64, Maps as tagged entry lists. */
function decodeLegacyJson(bytes: Uint8Array): unknown {
  return fromTaggedJson(JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8")));
}

function fromTaggedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromTaggedJson);
  if (value !== null && typeof value === "object") {
    const tagged = value as Tagged;
    if ("$u8" in tagged) return new Uint8Array(Buffer.from(tagged.$u8, "base64"));
    if ("$f64" in tagged) {
      const bytes = Buffer.from(tagged.$f64, "base64");
      // Copy into an aligned buffer: Buffer pools are not 8-byte aligned.
      const out = new Float64Array(bytes.byteLength / 8);
      new Uint8Array(out.buffer).set(bytes);
      return out;
    }
    if ("$map" in tagged) return new Map(tagged.$map.map(([k, v]) => [k, fromTaggedJson(v)]));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromTaggedJson(v);
    return out;
  }
  return value;
}
