/**
 * Per-account tells of faked engagement, from docs/threat-model.md §2.5 and
 * "When a platform should catch it". Each tell has a weight: 1 for an
 * ordinary tell that some legitimate crowd also shows (fresh accounts in a
 * new-user campaign), 0.5 for a weak one that whole crowds show (a campus
 * behind one NAT, a family phone), 2 for a decisive one no person produces
 * (taps beyond a thumb, likes without ever joining, twenty ghost visits). An
 * account is suspicious at `suspiciousTellWeight` (2): two ordinary tells, or
 * one decisive — so no single crowd behaviour makes an account suspicious,
 * and weak tells together never count for more than one weak tell.
 */
import type { AccountSlot, RoomState } from "../room-state";
import { isBatchCreated, keyAccountList, keyCount, type CohortKind } from "./cohort-state";
import type { FalsificationConfig } from "./falsification-config";
import { ringSize } from "./buyer-rings";
import { keptRefunderShare } from "./kept-refunds";
import { onProxiedPhone } from "./proxied-phone";
import { deviceAccountsOf, deviceCount, subnetOf } from "../account-refs";

/** Tell names, in bit order of the masks `tellsOf` returns. */
export const TELLS = [
  "fresh_account",
  "farm_device",
  "shared_device",
  "fresh_subnet",
  "dense_subnet",
  "superhuman_taps",
  "acted_without_join",
  "scheduled_timing",
  "subnet_schedule",
  "ghost_visits",
  "quick_follow",
  "repeat_orders",
  "shared_payment_account",
  "buyer_ring",
  "shared_address",
  "refunded_in_stream",
  "unpaid_order",
  "low_value_order",
  "repeat_refunds",
  "batch_created",
  "stacked_identity",
  "lockstep_likes",
  "ghost_crowd",
  "proxied_phone",
] as const;

export type TellName = (typeof TELLS)[number];

const bit = (name: TellName): number => 1 << TELLS.indexOf(name);

export interface AccountTells {
  weight: number;
  /**
   * Weight of the tells neither a household nor a new-user campaign shows (threat model §4: families of 2–4
   * share a phone, a card, an address and a /24, and may order, refund or leave an order unpaid; a campaign
   * brings many fresh accounts, legitimately, but created over days): what is left without those. A fresh
   * account counts here only when it belongs to a registration batch (`batch_created`).
   */
  beyondHousehold: number;
  /** Bit per tell present, in `TELLS` order. */
  mask: number;
}

/** Tells a family or a shared network produces at the weights given to sharing within a household's size. */
const HOUSEHOLD_TELLS: ReadonlySet<TellName> = new Set<TellName>([
  "shared_device",
  "dense_subnet",
  "shared_payment_account",
  "shared_address",
  "refunded_in_stream",
  "unpaid_order",
  "low_value_order",
]);
/** A near-decisive tell; a shared key at this weight is beyond any household (five or more buyers on one card). */
const NEAR_DECISIVE = 1.5;

/** A stacked identity in a stacked crowd: with the capped weak tells (0.5) it reaches the suspicious weight. */
const STACKED_IDENTITY_WEIGHT = 1.5;

/** Weak tells (a shared /24, device or address, an unpaid or cheap order) add up to at most this much. */
const WEAK_TELL = 0.5;

/**
 * Sums tells; weak ones together count as one weak tell, because whole crowds show several at once (a
 * campus: one NAT and one parcel locker; a family: one phone, card and address).
 */
class TellSum implements AccountTells {
  private strong = 0;
  private weak = 0;
  private nonHousehold = 0;
  mask = 0;
  get weight(): number {
    return this.strong + Math.min(this.weak, WEAK_TELL);
  }
  get beyondHousehold(): number {
    return this.nonHousehold + ((this.mask & BATCHED_FRESH) === BATCHED_FRESH ? 1 : 0);
  }
  /** `byChance`: a tell the room's ordinary crowd also shows a few times, so it says nothing about how many accounts are one actor. */
  add(name: TellName, weight: number, byChance = false): void {
    if (weight <= WEAK_TELL) this.weak += weight;
    else this.strong += weight;
    if (!byChance && weight > WEAK_TELL && name !== "fresh_account" && (!HOUSEHOLD_TELLS.has(name) || weight >= NEAR_DECISIVE)) this.nonHousehold += weight;
    this.mask |= BITS[name];
  }
  reset(): this {
    this.strong = 0;
    this.weak = 0;
    this.nonHousehold = 0;
    this.mask = 0;
    return this;
  }
}

const BITS = Object.fromEntries(TELLS.map((name) => [name, bit(name)])) as Record<TellName, number>;
const BATCHED_FRESH = BITS.fresh_account | BITS.batch_created;

/**
 * Tells only the way an account likes can show (its taps, their timing, liking without a join). An account's
 * identity tells (fresh, farm device, a farm's /24) say it is fake, not what it was bought for.
 */
export const LIKE_SPECIFIC_TELLS = BITS.superhuman_taps | BITS.acted_without_join | BITS.scheduled_timing | BITS.lockstep_likes;
/**
 * Tells of refunds, which the fitted combiner does not read: a price drop's buyers refund and order again at the
 * new price, which these count the same as a boost taken back. The rules read refunds their own ways (kept
 * refunds after a grace, order-and-refund again and again); the combiner has no notion of the re-order.
 */
export const REFUND_TELLS = BITS.refunded_in_stream | BITS.repeat_refunds;
/** Reused across calls: `tellsOf` runs for every account in a window at every measure, and allocation showed in profiles. */
const SCRATCH = new TellSum();

function identityTells(out: TellSum, slot: AccountSlot, room: RoomState, timeMs: number, f: Readonly<FalsificationConfig>): void {
  if (slot.createdMs > 0 && timeMs - slot.createdMs < f.freshAccountAgeMs) out.add("fresh_account", 1);
  const onDevice = deviceCount(room, slot) ?? 1;
  if (onDevice >= f.decisiveAccountsPerDevice) out.add("farm_device", 2);
  else if (onDevice >= f.farmAccountsPerDevice) out.add("farm_device", 1.5);
  else if (onDevice >= f.sharedDeviceAccounts) out.add("shared_device", 0.5);
  const subnet = subnetOf(room, slot);
  const onSubnet = subnet === undefined ? 0 : keyCount(subnet);
  if (subnet !== undefined && onSubnet >= f.denseIpAccounts) {
    // A farm's own /24 carries (almost) only its fresh accounts; a campus or carrier NAT carries a mix of
    // everyone, even during a new-user campaign (30–60 % fresh).
    if (subnet.fresh >= f.freshSubnetShare * onSubnet) out.add("fresh_subnet", freshSubnetWeight(out, slot, room));
    else out.add("dense_subnet", 0.5);
  }
}

/**
 * A fresh account on a /24 of fresh accounts says its freshness twice: a new-user campaign on one carrier
 * NAT or campus shows both (threat model §4; on the second blind generator's development seeds such
 * campaigns drew FAKE_ORDERS and FAKE_VIEWS). The /24 adds evidence of its own for an aged account there,
 * for a fresh one sharing its phone with another account of the room (a farm's phones carry several), or
 * for one from a registration batch: what a farm's accounts are and a campaign's new users are not.
 */
function freshSubnetWeight(out: TellSum, slot: AccountSlot, room: RoomState): number {
  if ((out.mask & BITS.fresh_account) === 0) return 1;
  if ((deviceCount(room, slot) ?? 1) >= 2) return 1;
  return isBatchCreated(room.cohort, slot.createdMs) ? 1 : WEAK_TELL;
}

/**
 * Engaged here and no JOIN of its own, although the room's joins have been applied past its first
 * engagement by the grace period. Judged when measured, and against the join stream's own progress: joins
 * travel on another topic, and one lagging by minutes (a backlog, a slow producer) would otherwise make
 * every liker look like a script.
 */
function actedWithoutJoin(slot: AccountSlot, room: RoomState, f: Readonly<FalsificationConfig>): boolean {
  return slot.joins === 0 && slot.presentUnjoined !== true && slot.firstEngagedMs >= 0 && (room.cohort.cadence.views?.lastMs ?? -1) - slot.firstEngagedMs >= f.withoutJoinGraceMs;
}

/**
 * What a like without a JOIN weighs: decisive (2) where the platform delivers every JOIN, an ordinary
 * tell (1) in a room where it has been seen losing some (accounts that left or commented without ever joining):
 * there a real viewer whose JOIN was lost likes before its LEAVE or a comment shows it was watching, and a busy
 * room holds a few by chance — as many as the floor of four likers.
 */
function withoutJoinWeight(room: RoomState, f: Readonly<FalsificationConfig>): number {
  return lostJoinsSeen(room, f) ? 1 : 2;
}

/** The room has been seen losing JOINs: accounts that left or commented without ever joining. */
function lostJoinsSeen(room: RoomState, f: Readonly<FalsificationConfig>): boolean {
  return (room.unjoinedPresences ?? 0) >= f.lostJoinSightings;
}

function likeTells(out: TellSum, slot: AccountSlot, room: RoomState, f: Readonly<FalsificationConfig>): void {
  // Past a thumb's limit decisive; at a thumb's peak held for ten seconds an ordinary tell (two thumbs in a
  // giveaway do that: the second blind generator's fans, rules-12), which a script just below the limit still shows.
  if (slot.maxTapsPerEvent > f.humanMaxTapsPerEvent || slot.maxTaps10s > f.humanMaxTapsPer10s || slot.maxTaps60s > f.humanMaxTapsPerMinute) {
    out.add("superhuman_taps", 2);
  } else if (slot.maxTaps10s > f.briskTapsPer10s) out.add("superhuman_taps", 1);
  if (actedWithoutJoin(slot, room, f)) out.add("acted_without_join", withoutJoinWeight(room, f));
  if (slot.likeGapsN >= f.regularMinGaps && slot.likeGapsCv() < f.regularGapCv) out.add("scheduled_timing", 1.5);
  // Liking, second after second, with a crowd that comes out of a lull together: a fleet's waves, whatever
  // its identities look like. A person in a like storm fills the seconds around them instead.
  const seconds = slot.likeSeconds ?? 0;
  if (seconds >= f.lockstepMinSeconds && (slot.waveLikes ?? 0) >= f.lockstepShare * seconds) out.add("lockstep_likes", 2);
}

/** Bit of `kind` in `AccountSlot.scheduledArrivals`; `subnetViews`: joined while its own /24's joins were on a schedule. */
export const ARRIVAL_BIT: Readonly<Record<"views" | "follows" | "orders" | "subnetViews", number>> = { views: 1, follows: 2, orders: 4, subnetViews: 8 };

/**
 * What a kind's crowd shows as a whole, judged once per measure (falsification.ts, `crowdOf`):
 * `stackedIdentity`, most of the room's settled viewers each carry two identity tells at once; `ghostCrowd`, most
 * of them came back for a few seconds again and again.
 */
export interface CrowdContext {
  stackedIdentity: boolean;
  ghostCrowd: boolean;
}

export const NO_CROWD: Readonly<CrowdContext> = Object.freeze({ stackedIdentity: false, ghostCrowd: false });

/**
 * An account on a shared phone that is also fresh or on a crowded /24: the stack a phone farm shows. Not
 * fresh on a crowded /24 alone, which a campus shows during a new-user campaign (threat model §4).
 */
function stacksIdentity(mask: number): boolean {
  return (mask & (BITS.shared_device | BITS.farm_device)) !== 0 && (mask & (BITS.fresh_account | BITS.dense_subnet | BITS.fresh_subnet)) !== 0;
}

/**
 * Every visit the account made here was short and silent, `ghostOnlyVisits` of them, and it never liked,
 * followed or bought: what a ghost does and a dropped connection does not (`ghostOnlyVisits`). A visit still
 * open counts as long once it has lasted `ghostDwellMs` (the viewer who reconnected and stayed), and as nothing
 * before that; a lost LEAVE leaves a JOIN unmatched, which only makes the test stricter.
 */
function onlyGhostVisits(slot: AccountSlot, timeMs: number, f: Readonly<FalsificationConfig>): boolean {
  if (f.ghostOnlyVisits <= 0 || slot.shortVisits < f.ghostOnlyVisits || slot.engaged) return false;
  if (slot.joinMs >= 0 && timeMs - slot.joinMs >= f.ghostDwellMs) return false;
  return slot.shortVisits >= slot.joins - (slot.joinMs >= 0 ? 1 : 0);
}

function viewTells(out: TellSum, slot: AccountSlot, timeMs: number, f: Readonly<FalsificationConfig>, crowd: Readonly<CrowdContext>): void {
  // Weak identity tells are capped because a crowd shows several at once (a campus NAT and a family phone),
  // but no legitimate crowd has most of its viewers stacking two: there the stack is the farm (issue 12).
  if (slot.shortVisits >= f.ghostVisits || onlyGhostVisits(slot, timeMs, f)) out.add("ghost_visits", 2);
  else if (crowd.ghostCrowd && slot.shortVisits >= f.ghostCrowdVisits) out.add("ghost_crowd", 2);
  else if (slot.shortVisits >= f.ghostVisits - 1) out.add("ghost_visits", 1);
  if (crowd.stackedIdentity && stacksIdentity(out.mask)) out.add("stacked_identity", STACKED_IDENTITY_WEIGHT);
  if ((slot.joinGapsN >= 3 && slot.joinGapsCv() < f.regularGapCv) || (slot.scheduledArrivals & ARRIVAL_BIT.views) !== 0) out.add("scheduled_timing", 1);
  // One /24's accounts arriving like a metronome: a schedule and a concentration at once. A campus or
  // office NAT carries people who arrive at random; one weak tell beside it (a dense /24, a shared phone) suffices.
  if ((slot.scheduledArrivals & ARRIVAL_BIT.subnetViews) !== 0) out.add("subnet_schedule", 1.5);
}

function followTells(out: TellSum, slot: AccountSlot, room: RoomState, f: Readonly<FalsificationConfig>): void {
  // Kept decisive: a follow is bought through an API without a visit (threat model §2.3), and on traffic whose
  // platform loses JOINs the downgrade cost four of 24 catchable follow attacks for one innocent room. But where
  // the room has been seen losing JOINs, a few real followers show it by chance, so it does not let three
  // accounts make a cohort the way tells no household shows do: the floor of five applies (rules-22).
  if (actedWithoutJoin(slot, room, f)) out.add("acted_without_join", 2, lostJoinsSeen(room, f));
  if (slot.followAfterJoinMs >= 0 && slot.followAfterJoinMs < f.quickFollowMs) out.add("quick_follow", 1);
  if ((slot.scheduledArrivals & ARRIVAL_BIT.follows) !== 0) out.add("scheduled_timing", 1);
}

function orderTells(out: TellSum, userId: string, slot: AccountSlot, room: RoomState, timeMs: number, f: Readonly<FalsificationConfig>): void {
  // Shoppers may buy from the product page without watching: an ordinary tell here, decisive for likes and follows.
  if (actedWithoutJoin(slot, room, f)) out.add("acted_without_join", 1);
  const payment = room.cohort.payments?.get(slot.paymentAccountId);
  const payers = payment === undefined ? NO_ACCOUNTS : keyAccountList(payment);
  if (payers.length >= f.sharedPaymentBuyers) out.add("shared_payment_account", 1.5);
  else {
    if (payers.length >= f.weakSharedPaymentBuyers) out.add("shared_payment_account", isHousehold(payers, slot, room) ? 0.5 : 0.75);
    // Cards and phones that each look like a household, chained into more buyers than any household has.
    if (room.cohort.rings !== undefined && ringSize(room.cohort.rings, userId) >= f.sharedPaymentBuyers) out.add("buyer_ring", 1.5);
  }
  const address = room.cohort.addresses?.get(slot.shippingAddressHash);
  if ((address === undefined ? 1 : keyCount(address)) >= f.sharedAddressBuyers) out.add("shared_address", 0.5);
  if (slot.refunds > 0 && keptRefunderShare(room) >= f.refundTellMinShare) out.add("refunded_in_stream", 0.75);
  // Ordering again and again and taking the money back in the same stream: a price-drop refunder refunds
  // once and re-orders once (threat model §4), a split cart is 2–3 orders; nobody shopping does this.
  if (slot.orders >= f.repeatOrders && slot.refunds >= f.repeatRefunds) out.add("repeat_refunds", 2);
  else if (slot.orders >= f.repeatOrders) out.add("repeat_orders", 1);
  if ((slot.scheduledArrivals & ARRIVAL_BIT.orders) !== 0) out.add("scheduled_timing", 1);
  if (slot.orders > slot.paid && slot.lastOrderMs >= 0 && timeMs - slot.lastOrderMs > f.unpaidAfterMs) out.add("unpaid_order", 0.5);
  if (slot.lowValueOrders > 0) out.add("low_value_order", 0.25);
}

const NO_ACCOUNTS: readonly string[] = Object.freeze([]);

/** A card shared by a few accounts that all use the same phone is a household (threat model §4: families of 2–4). */
function isHousehold(payers: readonly string[], slot: AccountSlot, room: RoomState): boolean {
  const onDevice = deviceAccountsOf(room, slot);
  return onDevice !== undefined && payers.every((id) => onDevice.includes(id));
}

/**
 * The tells an account shows for `kind` at `timeMs`; the result is valid until the next call. Whether a fresh
 * account belongs to a registration batch (weight 0: it only moves `beyondHousehold`) is looked up only for
 * accounts that are already suspicious, the only ones whose `beyondHousehold` is read: the lookup scans two
 * days of creation hours, and every fresh account of every window would pay it at every measure.
 */
export function tellsOf(kind: CohortKind, userId: string, slot: AccountSlot, room: RoomState, timeMs: number, f: Readonly<FalsificationConfig>, crowd: Readonly<CrowdContext> = NO_CROWD): AccountTells {
  const out = SCRATCH.reset();
  identityTells(out, slot, room, timeMs, f);
  // A household's accounts on one phone share its /24 (threat model §4); a phone whose accounts come from
  // different /24s sends each through a proxy, which is how a farm hides its handsets. Not for a viewer: a
  // like, follow or order farm's phones join before they act, so viewers on them are judged as the room's
  // silent viewers instead (silent-viewers.ts), once they have sat silent a while.
  if (kind !== "views" && onProxiedPhone(slot, room)) out.add("proxied_phone", 1);
  if (kind === "likes") likeTells(out, slot, room, f);
  else if (kind === "views") viewTells(out, slot, timeMs, f, crowd);
  else if (kind === "follows") followTells(out, slot, room, f);
  else orderTells(out, userId, slot, room, timeMs, f);
  if ((out.mask & BITS.fresh_account) !== 0 && out.weight >= f.suspiciousTellWeight && isBatchCreated(room.cohort, slot.createdMs)) out.add("batch_created", 0);
  return out;
}

/** Names of the tells in `mask`. */
export function tellNames(mask: number): TellName[] {
  return TELLS.filter((_, i) => (mask & (1 << i)) !== 0);
}
