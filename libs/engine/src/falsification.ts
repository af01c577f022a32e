/**
 * Applies one event to its room's falsification features and evaluates the
 * detector it concerns. Decisions happen only here, while applying events in
 * (eventTimeMs, eventId) order, never on timers: a room's alerts depend on
 * that room's events alone, whatever other rooms share the engine.
 */
import { RoomEventKind, TransactionKind, ViewKind } from "@redline/proto";
import type { Actor, FollowEvent, LikeEvent, LiveEvent, TransactionEvent, ViewEvent } from "@redline/proto";
import { isFreshAccount } from "./primitives/account-age";
import { accountSlot, accountsOnDevice } from "./room-state";
import type { RoomState } from "./room-state";
import type { EngineConfig } from "./config";
import { detectFakeLikes, observeLike } from "./detectors/fake-likes";
import { detectFakeViews, observeJoin, observeLeave } from "./detectors/fake-views";
import { detectFakeFollows, observeFollow } from "./detectors/fake-follows";
import { detectFakeOrders, observeOrder, observeRefund } from "./detectors/fake-orders";
import { FAKE_FOLLOWS, FAKE_LIKES, FAKE_ORDERS, FAKE_VIEWS } from "./detectors/finding";
import type { Finding } from "./detectors/finding";

const ORDER_RATE_WINDOW_MS = 600_000;

function markInteracted(room: RoomState, actor: Actor | undefined, cfg: Readonly<EngineConfig>): void {
  if (actor !== undefined && actor.userId !== "") accountSlot(room, actor.userId, cfg).interacted = true;
}

function onLike(room: RoomState, event: LiveEvent, like: LikeEvent, cfg: Readonly<EngineConfig>): string | null {
  const user = like.user;
  if (user === undefined || user.userId === "") return null;
  const t = event.eventTimeMs;
  const slot = accountSlot(room, user.userId, cfg);
  slot.interacted = true;
  const second = Math.floor(t / 1000);
  const newAccountSecond = slot.lastLikeSecond !== second;
  slot.lastLikeSecond = second;
  observeLike(room.likes, {
    eventId: event.eventId,
    timeMs: t,
    userId: user.userId,
    taps: Math.max(1, like.count),
    fresh: isFreshAccount(user.accountCreatedMs, t, cfg.falsification.freshAccountAgeMs),
    accountsOnDevice: accountsOnDevice(room, user, cfg),
    ipPrefix: user.ipPrefix,
    deviceId: user.deviceId,
    newAccountSecond,
  }, cfg.falsification, cfg.maxEvidenceIds);
  return FAKE_LIKES;
}

function onView(room: RoomState, event: LiveEvent, view: ViewEvent, cfg: Readonly<EngineConfig>): string | null {
  const user = view.user;
  if (user === undefined || user.userId === "") return null;
  const t = event.eventTimeMs;
  const slot = accountSlot(room, user.userId, cfg);
  const onDevice = accountsOnDevice(room, user, cfg);
  if (view.kind === ViewKind.VIEW_KIND_JOIN) {
    slot.joinMs = t;
    slot.interacted = false;
    observeJoin(room.views, t, user.userId);
    return null;
  }
  if (view.kind !== ViewKind.VIEW_KIND_LEAVE) return null;
  observeLeave(room.views, {
    eventId: event.eventId,
    timeMs: t,
    dwellMs: slot.joinMs >= 0 ? t - slot.joinMs : -1,
    interacted: slot.interacted,
    fresh: isFreshAccount(user.accountCreatedMs, t, cfg.falsification.freshAccountAgeMs),
    accountsOnDevice: onDevice,
  }, cfg.falsification, cfg.maxEvidenceIds);
  slot.joinMs = -1;
  return FAKE_VIEWS;
}

function onFollow(room: RoomState, event: LiveEvent, follow: FollowEvent, cfg: Readonly<EngineConfig>): string | null {
  const user = follow.user;
  if (user === undefined || user.userId === "") return null;
  accountSlot(room, user.userId, cfg).interacted = true;
  observeFollow(room.follows, {
    eventId: event.eventId,
    timeMs: event.eventTimeMs,
    fresh: isFreshAccount(user.accountCreatedMs, event.eventTimeMs, cfg.falsification.freshAccountAgeMs),
    accountsOnDevice: accountsOnDevice(room, user, cfg),
  }, cfg.falsification, cfg.maxEvidenceIds);
  return FAKE_FOLLOWS;
}

function onTransaction(room: RoomState, event: LiveEvent, tx: TransactionEvent, cfg: Readonly<EngineConfig>): string | null {
  const t = event.eventTimeMs;
  const f = cfg.falsification;
  if (tx.kind === TransactionKind.TRANSACTION_KIND_REFUND) {
    observeRefund(room.orders, event.eventId, t, tx.paymentAccountId, tx.shippingAddressHash, cfg.maxEvidenceIds);
    return FAKE_ORDERS;
  }
  if (tx.kind !== TransactionKind.TRANSACTION_KIND_ORDER) return null;
  const buyer = tx.buyer;
  if (buyer === undefined || buyer.userId === "") return null;
  const slot = accountSlot(room, buyer.userId, cfg);
  slot.interacted = true;
  slot.recentOrdersMs.push(t);
  if (slot.recentOrdersMs.length > f.brushOrdersPerAccount10m) slot.recentOrdersMs.shift();
  let ordersIn10m = 0;
  for (const ms of slot.recentOrdersMs) if (t - ms < ORDER_RATE_WINDOW_MS) ordersIn10m++;
  accountsOnDevice(room, buyer, cfg);
  observeOrder(room.orders, {
    eventId: event.eventId,
    timeMs: t,
    buyerId: buyer.userId,
    paymentAccountId: tx.paymentAccountId,
    shippingAddressHash: tx.shippingAddressHash,
    amountCents: tx.amountCents,
    fresh: isFreshAccount(buyer.accountCreatedMs, t, f.freshAccountAgeMs),
    ordersByBuyerIn10m: ordersIn10m,
  }, f, cfg.maxOrderKeysPerRoom, cfg.maxEvidenceIds);
  return FAKE_ORDERS;
}

/** Updates the room with `event`; returns the subcategory to evaluate, if any. */
function observe(room: RoomState, event: LiveEvent, cfg: Readonly<EngineConfig>): string | null {
  const body = event.body;
  switch (body?.$case) {
    case "like": return onLike(room, event, body.value, cfg);
    case "view": return onView(room, event, body.value, cfg);
    case "follow": return onFollow(room, event, body.value, cfg);
    case "transaction": return onTransaction(room, event, body.value, cfg);
    case "comment":
    case "barrage":
      markInteracted(room, body.value.author, cfg);
      return null;
    case "room":
      if (body.value.kind === RoomEventKind.ROOM_EVENT_KIND_ENDED) room.endedMs = event.eventTimeMs;
      return null;
    default:
      return null;
  }
}

function detect(room: RoomState, subcategory: string, t: number, cfg: Readonly<EngineConfig>): Finding | null {
  const f = cfg.falsification;
  switch (subcategory) {
    case FAKE_LIKES: return detectFakeLikes(room.likes, t, f);
    case FAKE_VIEWS: return detectFakeViews(room.views, t, f);
    case FAKE_FOLLOWS: return detectFakeFollows(room.follows, t, f);
    case FAKE_ORDERS: return detectFakeOrders(room.orders, t, f);
    default: return null;
  }
}

/** Applies the event; returns a finding when one of the room's detectors fires outside an open episode. */
export function applyFalsification(room: RoomState, event: LiveEvent, cfg: Readonly<EngineConfig>): Finding | null {
  const subcategory = observe(room, event, cfg);
  if (subcategory === null) return null;
  const t = event.eventTimeMs;
  const episode = room.episodeStartMs[subcategory];
  if (episode !== undefined && t < episode + cfg.alertCooldownMs) return null;
  const next = room.nextEvaluationMs[subcategory];
  if (next !== undefined && t < next) return null;
  room.nextEvaluationMs[subcategory] = t + cfg.evaluateEveryMs;
  const finding = detect(room, subcategory, t, cfg);
  if (finding !== null) room.episodeStartMs[subcategory] = t;
  return finding;
}
