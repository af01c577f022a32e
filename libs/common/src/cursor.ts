import { InvalidCursorError } from "./errors";

/** Next offset to deliver, per partition of the topic a feed reads. */
export type CursorPositions = ReadonlyMap<number, bigint>;

const CURSOR_VERSION = 1;
/** Far above any real cursor (a few bytes per partition); bounds the parse work a caller can cause. */
const MAX_CURSOR_CHARS = 8192;
const MAX_PARTITIONS = 4096;

/**
 * The resumable cursor of Redline's feeds (the alert stream's Tail, the
 * ActionFeed's Subscribe): where a client is in one topic, as the next
 * offset per partition. Opaque to clients: base64url of
 * `{"v":1,"p":{"<partition>":<offset>}}`. The version lets a later release
 * change the layout and refuse old cursors with a clear error instead of
 * misreading them.
 */
export function encodeCursor(positions: CursorPositions): string {
  // Built by hand: one cursor is made per delivered alert per client, and
  // this is several times faster than sorting entries into an object for
  // JSON.stringify. Partitions and offsets are integers, so nothing needs escaping.
  const partitions = [...positions.keys()].sort((a, b) => a - b);
  let json = `{"v":${CURSOR_VERSION},"p":{`;
  for (let i = 0; i < partitions.length; i += 1) {
    const partition = partitions[i]!;
    json += `${i === 0 ? "" : ","}"${partition}":${positions.get(partition)!}`;
  }
  return Buffer.from(`${json}}}`, "utf8").toString("base64url");
}

/** Empty string means "no cursor" (the live end) and returns undefined; anything unreadable throws `InvalidCursorError`. */
export function decodeCursor(cursor: string): CursorPositions | undefined {
  if (cursor === "") return undefined;
  if (cursor.length > MAX_CURSOR_CHARS) throw new InvalidCursorError(`longer than ${MAX_CURSOR_CHARS} characters`);
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError("not base64url");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError("not a cursor issued by this service");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new InvalidCursorError("not a cursor issued by this service");
  }
  const { v, p } = parsed as { v?: unknown; p?: unknown };
  if (v !== CURSOR_VERSION) throw new InvalidCursorError(`unsupported version ${JSON.stringify(v)}`);
  if (typeof p !== "object" || p === null || Array.isArray(p)) throw new InvalidCursorError("missing positions");
  const entries = Object.entries(p as Record<string, unknown>);
  if (entries.length === 0 || entries.length > MAX_PARTITIONS) throw new InvalidCursorError("bad partition count");
  const positions = new Map<number, bigint>();
  for (const [key, offset] of entries) {
    if (!/^(0|[1-9]\d{0,8})$/.test(key)) throw new InvalidCursorError(`bad partition '${key.slice(0, 20)}'`);
    if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0) {
      throw new InvalidCursorError(`bad offset for partition ${key}`);
    }
    positions.set(Number(key), BigInt(offset));
  }
  return positions;
}
