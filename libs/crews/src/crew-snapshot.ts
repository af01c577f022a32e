/**
 * The crew detector's state as bytes, so the service can checkpoint it with
 * its input offsets at an event-time minute boundary and resume on the same
 * minute a replay passes through (#21). MessagePack (msgpackr, as the
 * engine's snapshots, libs/engine/src/state-codec.ts): records encode each
 * shape once instead of every visit's field names, and Maps keep their
 * insertion order, which is state here (the least recently active entry is
 * evicted first). Sets are written as arrays and rebuilt.
 */
import { Packr } from "msgpackr";
import type { AccountState, CoVisit } from "./account-state";
import type { CrewConfig } from "./config";
import { CrewSnapshotError } from "./errors";
import type { Group } from "./groups";
import type { KeyUsers } from "./key-index";
import type { RoomActivitySnapshot } from "./room-activity";
import type { DispatchInstance } from "./dispatch-links";

export const CREW_SNAPSHOT_FORMAT = 1;

export interface CrewDetectorSnapshot {
  format: typeof CREW_SNAPSHOT_FORMAT;
  /** The config the state was built under: restoring under another would mix two detectors. */
  config: CrewConfig;
  /** Event time of the last record applied; 0 before any. */
  lastEventTimeMs: number;
  accounts: AccountState[];
  rooms: RoomActivitySnapshot[];
  keys: Array<[string, KeyUsers]>;
  groups: Array<Omit<Group, "reportedRooms"> & { reportedRooms: string[] }>;
  groupPairs: Array<[string, CoVisit[]]>;
  /** Absent in snapshots taken before dispatches (dispatch-links.ts). */
  dispatches?: DispatchInstance[];
}

const packr = new Packr({ useRecords: true, mapsAsObjects: false });

export function encodeCrewSnapshot(snapshot: CrewDetectorSnapshot): Uint8Array {
  return packr.pack(snapshot);
}

export function decodeCrewSnapshot(bytes: Uint8Array): CrewDetectorSnapshot {
  let decoded: unknown;
  try {
    decoded = packr.unpack(bytes);
  } catch (err) {
    throw new CrewSnapshotError("bytes are not MessagePack", { cause: err });
  }
  const snapshot = decoded as Partial<CrewDetectorSnapshot> | null;
  if (snapshot === null || typeof snapshot !== "object" || snapshot.format !== CREW_SNAPSHOT_FORMAT) {
    throw new CrewSnapshotError(`not a crew detector snapshot of format ${CREW_SNAPSHOT_FORMAT}`, { context: { format: snapshot?.format } });
  }
  for (const field of ["accounts", "rooms", "keys", "groups", "groupPairs"] as const) {
    if (!Array.isArray(snapshot[field])) throw new CrewSnapshotError(`snapshot field '${field}' is missing`, { context: { field } });
  }
  return snapshot as CrewDetectorSnapshot;
}
