/**
 * A room as snapshots hold it: the plain state of `room-state.ts` with each account slot in its plain
 * form, and its cohort state with every part (made on first use in memory). Slots live as rows of per-room columns in memory (#15, `account-slot.ts`); snapshots keep the
 * plain layout, so their bytes and `SNAPSHOT_VERSION` do not change with the layout in memory.
 */
import { AccountColumns, AccountSlot, type PlainAccountSlot } from "./account-slot";
import { ACCOUNT_COLUMNS, type RoomState } from "./room-state";
import { decodeState, encodeState } from "./state-codec";
import { createFlood, createMinorContent, type ContentFeatures } from "./detectors/content-state";
import type { EngineConfig } from "./config";
import { keysFromPlain, plainCohortState } from "./detectors/cohort-state";

/** The room with plain slots, its other fields shared (not copied): encode it before the room changes. */
export function roomToPlain(room: RoomState, cfg: Readonly<EngineConfig>): unknown {
  const accounts = new Map<string, PlainAccountSlot>();
  room.accounts.forEach((slot, userId) => accounts.set(userId, slot.toPlain()));
  const devices = new Map<string, string[]>();
  room.devices.forEach((ids, deviceId) => devices.set(deviceId, typeof ids === "string" ? [ids] : ids));
  return { ...room, accounts, devices, cohort: plainCohortState(room.cohort), ...(room.content ? { content: plainContent(room.content, cfg.content.textWindowMs) } : {}) };
}

/** The content features as they were in memory before #15: floods and minor-risk texts made up front, every author's ids an array. */
function plainContent(f: ContentFeatures, textWindowMs: number): ContentFeatures {
  const { HARASSMENT, DIVERSION, PROHIBITED } = f.floods;
  const floods = {
    HARASSMENT: HARASSMENT ?? createFlood(textWindowMs),
    DIVERSION: DIVERSION ?? createFlood(textWindowMs),
    PROHIBITED: PROHIBITED ?? createFlood(textWindowMs),
  };
  const authorTexts = new Map<string, string[]>();
  f.authorTexts.forEach((ids, authorId) => authorTexts.set(authorId, typeof ids === "string" ? [ids] : ids));
  return { ...f, authorTexts, floods, minor: f.minor ?? createMinorContent(textWindowMs) };
}

export function encodeRoom(room: RoomState, cfg: Readonly<EngineConfig>): Uint8Array {
  return encodeState(roomToPlain(room, cfg));
}

/** A room decoded from a snapshot, its slots back in columns of their own. */
export function roomFromPlain(plain: unknown): RoomState {
  const room = plain as Omit<RoomState, "accounts"> & { accounts: Map<string, PlainAccountSlot> };
  const cohort = room.cohort as unknown as Record<"subnets" | "payments" | "addresses", Parameters<typeof keysFromPlain>[0]>;
  room.cohort.subnets = keysFromPlain(cohort.subnets);
  room.cohort.payments = keysFromPlain(cohort.payments);
  room.cohort.addresses = keysFromPlain(cohort.addresses);
  room.devices.forEach((ids, deviceId, devices) => {
    if (typeof ids !== "string" && ids.length === 1) devices.set(deviceId, ids[0]!);
  });
  const columns = new AccountColumns(Math.max(1, room.accounts.size));
  const accounts = new Map<string, AccountSlot>();
  room.accounts.forEach((slot, userId) => accounts.set(userId, AccountSlot.fromPlain(columns, slot)));
  return Object.assign(room, { accounts, [ACCOUNT_COLUMNS]: columns });
}

export function decodeRoom(bytes: Uint8Array): RoomState {
  return roomFromPlain(decodeState(bytes));
}
