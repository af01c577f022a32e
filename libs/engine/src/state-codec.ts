/**
 * Serialises engine state (plain objects, arrays, Maps and typed arrays) to
 * bytes and back. JSON keeps it inspectable and exact for finite numbers;
 * typed arrays travel as base64 of their bytes. Maps keep insertion order,
 * which is part of the state (bounded maps evict the oldest entry).
 */
import { SnapshotFormatError } from "./errors";

type Tagged = { $u8: string } | { $f64: string } | { $map: Array<[string, unknown]> };

function toPlain(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $u8: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  if (value instanceof Float64Array) return { $f64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  if (value instanceof Map) return { $map: [...value.entries()].map(([k, v]) => [k, toPlain(v)]) };
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new SnapshotFormatError(`state holds a non-finite number (${value}); it would not survive a snapshot`);
  }
  return value;
}

function fromPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromPlain);
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
    if ("$map" in tagged) return new Map(tagged.$map.map(([k, v]) => [k, fromPlain(v)]));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromPlain(v);
    return out;
  }
  return value;
}

export function encodeState(state: unknown): Uint8Array {
  return new Uint8Array(Buffer.from(JSON.stringify(toPlain(state)), "utf8"));
}

export function decodeState(bytes: Uint8Array): unknown {
  try {
    return fromPlain(JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8")));
  } catch (err) {
    throw new SnapshotFormatError("snapshot bytes are not a valid engine state", { cause: err });
  }
}
