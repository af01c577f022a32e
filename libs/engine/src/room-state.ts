/**
 * Per-room state: the accounts and devices seen in the room (bounded maps)
 * and each detector's features. Plain data throughout, so a snapshot is a
 * straight serialisation and a restored room behaves exactly the same.
 */
import type { Actor } from "@redline/proto";
import { boundedUpsert } from "./primitives/bounded-map";
import { createLikeFeatures } from "./detectors/fake-likes";
import type { LikeFeatures } from "./detectors/fake-likes";
import { createViewFeatures } from "./detectors/fake-views";
import type { ViewFeatures } from "./detectors/fake-views";
import { createFollowFeatures } from "./detectors/fake-follows";
import type { FollowFeatures } from "./detectors/fake-follows";
import { createOrderFeatures } from "./detectors/fake-orders";
import type { OrderFeatures } from "./detectors/fake-orders";
import type { EngineConfig } from "./config";
import type { ContentFeatures } from "./detectors/content-state";

export interface AccountSlot {
  /** Event time of the account's open join; -1 when not in the room (or unknown). */
  joinMs: number;
  /** Whether the account liked, commented, followed or ordered since joining. */
  interacted: boolean;
  /** Last whole second in which the account liked (wave counting is per account-second). */
  lastLikeSecond: number;
  /** Event times of the account's latest orders here (at most as many as the rapid-order threshold). */
  recentOrdersMs: number[];
}

export interface RoomState {
  roomId: string;
  firstEventMs: number;
  lastEventMs: number;
  /** Event time the room last moved to the recently-active end of the engine's room map (absent in old snapshots). */
  movedToFrontMs?: number;
  /** Event time of ROOM_ENDED; -1 while live. */
  endedMs: number;
  accounts: Map<string, AccountSlot>;
  /** Accounts seen on each device in this room (capped). */
  devices: Map<string, string[]>;
  likes: LikeFeatures;
  views: ViewFeatures;
  follows: FollowFeatures;
  orders: OrderFeatures;
  /** Per subcategory: event time the current alert episode opened, and when it may next be evaluated. */
  episodeStartMs: Record<string, number>;
  nextEvaluationMs: Record<string, number>;
  /** Texts, moderation and minor-protection features; created on the room's first text, moderation or minor fact. */
  content?: ContentFeatures;
}

/** Accounts per device beyond this are not tracked individually: the device is a farm either way. */
const MAX_ACCOUNTS_TRACKED_PER_DEVICE = 32;

export function createRoomState(roomId: string, timeMs: number): RoomState {
  return {
    roomId,
    firstEventMs: timeMs,
    lastEventMs: timeMs,
    movedToFrontMs: timeMs,
    endedMs: -1,
    accounts: new Map(),
    devices: new Map(),
    likes: createLikeFeatures(),
    views: createViewFeatures(),
    follows: createFollowFeatures(),
    orders: createOrderFeatures(),
    episodeStartMs: {},
    nextEvaluationMs: {},
  };
}

export function accountSlot(room: RoomState, userId: string, cfg: Readonly<EngineConfig>): AccountSlot {
  return boundedUpsert(room.accounts, userId, cfg.maxAccountsPerRoom, () => ({
    joinMs: -1,
    interacted: false,
    lastLikeSecond: -1,
    recentOrdersMs: [],
  }));
}

/** Records that `actor` used its device here; returns how many accounts the device has carried in this room. */
export function accountsOnDevice(room: RoomState, actor: Actor, cfg: Readonly<EngineConfig>): number {
  if (actor.deviceId === "") return 1;
  const accounts = boundedUpsert(room.devices, actor.deviceId, cfg.maxDevicesPerRoom, () => [] as string[]);
  if (accounts.length < MAX_ACCOUNTS_TRACKED_PER_DEVICE && !accounts.includes(actor.userId)) accounts.push(actor.userId);
  return accounts.length;
}
