/**
 * Applies one event to what its room knows of the acting account and to the
 * cohort of its kind, and evaluates that kind's detector. Decisions happen
 * only here, while applying events in (eventTimeMs, eventId) order, never on
 * timers: a room's alerts depend on that room's events alone, whatever other
 * rooms share the engine.
 */
import { RoomEventKind, TransactionKind, ViewKind } from "@redline/proto";
import type { Actor, LikeEvent, LiveEvent, TransactionEvent, ViewEvent } from "@redline/proto";
import { actingAccount } from "./acting-account";
import { isFreshAccount } from "./primitives/account-age";
import { accountSlot, accountsOnDevice } from "./room-state";
import { deviceAccountsOf, subnetOf } from "./account-refs";
import type { AccountSlot, RoomState } from "./room-state";
import type { EngineConfig } from "./config";
import type { WindowJudgedHook } from "./engine-types";
import { addToKey, cadenceAdd, cadenceOf, keyAccountList, keyCount, COHORT_KINDS, halfLifeMsOf, newCadence, noteFreshCreation, touchWindow, windowToTouch, type CohortKind } from "./detectors/cohort-state";
import { ARRIVAL_BIT } from "./detectors/tells";
import { createBuyerRings, linkBuyers } from "./detectors/buyer-rings";
import { judgeCohort, minCohort, SUBCATEGORY_OF } from "./detectors/cohort";
import { combinedFinding } from "./detectors/combiner";
import { COMBINER_MODEL } from "./detectors/combiner-model";
import { WindowFeatureSums } from "./detectors/window-features";
import { noteKnownCrewAccount, withKnownCrews, type AccountRiskAt } from "./detectors/known-crews";
import { batchedLikersFinding, noteBatchedLike } from "./detectors/batched-likers";
import { keptRefundsFinding, noteOrderForRefunds, noteRefund } from "./detectors/kept-refunds";
import { SilentTally, silentViewersFinding } from "./detectors/silent-viewers";
import { severityOf } from "./detectors/scoring";
import { judgePeerSignals, peerExplanation, type PeerBaselineAt } from "./detectors/peer-compare";
import { countLike, newLikeBeat } from "./detectors/like-waves";
import type { FalsificationConfig } from "./detectors/falsification-config";
import type { Finding } from "./detectors/finding";

/** The acting account's slot, registering it with the room's device and /24 maps on first sight. */
function slotOf(room: RoomState, actor: Actor, t: number, cfg: Readonly<EngineConfig>): AccountSlot {
  const slot = accountSlot(room, actor, cfg);
  if (!slot.registered) {
    slot.registered = true;
    accountsOnDevice(room, actor, cfg);
    const fresh = isFreshAccount(slot.createdMs, t, cfg.falsification.freshAccountAgeMs);
    addToKey(room.cohort.subnets, slot.ipPrefix, actor.userId, fresh, cfg.maxDevicesPerRoom);
    if (fresh) noteFreshCreation(room.cohort, slot.createdMs);
  }
  return slot;
}

/** A /24 keeps its own join cadence from this many accounts: below it there is no fleet to hide. */
const SUBNET_CADENCE_ACCOUNTS = 3;

/**
 * Notes an arrival in a kind's cadences — the room's, its fresh accounts' and (joins) its /24's — and marks
 * the account when one of them is on a schedule: a fleet diluted by a busy room's organic arrivals still
 * keeps its schedule among the fresh accounts or on its own /24 (a tell of its own, see `tells.ts`).
 */
function arrive(room: RoomState, slot: AccountSlot, kind: "views" | "follows" | "orders", timeMs: number, fresh: boolean): void {
  const cohort = room.cohort;
  let scheduled = cadenceAdd(cadenceOf(cohort, kind, false), timeMs);
  if (fresh && cadenceAdd(cadenceOf(cohort, kind, true), timeMs)) scheduled = true;
  if (scheduled) slot.scheduledArrivals |= ARRIVAL_BIT[kind];
  const subnet = kind === "views" ? subnetOf(room, slot) : undefined;
  if (subnet !== undefined && keyCount(subnet) >= SUBNET_CADENCE_ACCOUNTS && cadenceAdd((subnet.cadence ??= newCadence()), timeMs)) {
    slot.scheduledArrivals |= ARRIVAL_BIT.subnetViews;
  }
}

/** A LEAVE or a comment shows the account was in the room; without a JOIN of its own, its JOIN was lost. */
function notePresence(room: RoomState, slot: AccountSlot): void {
  if (slot.joins > 0 || slot.presentUnjoined === true) return;
  slot.presentUnjoined = true;
  room.unjoinedPresences = (room.unjoinedPresences ?? 0) + 1;
}

function freshAt(slot: AccountSlot, timeMs: number, cfg: Readonly<EngineConfig>): boolean {
  return isFreshAccount(slot.createdMs, timeMs, cfg.falsification.freshAccountAgeMs);
}

function touch(room: RoomState, slot: AccountSlot, kind: CohortKind, userId: string, event: LiveEvent, amount: number, cfg: Readonly<EngineConfig>): CohortKind {
  touchWindow(windowToTouch(room.cohort, kind), userId, slot, event.eventTimeMs, amount, event.eventId, halfLifeMsOf(kind, cfg.falsification), cfg.maxAccountsPerRoom);
  (room.maturingUntilMs ??= {})[kind] = event.eventTimeMs + maturityMs(kind, cfg.falsification);
  return kind;
}

/**
 * How long after an account's latest action in `kind` its tells can still change with nothing more from it:
 * acting without a join shows once the room's joins have moved on by the grace period, a viewer is judged
 * once settled, an order counts as unpaid after its deadline. Until then the kind is re-judged on the room's
 * other events too: a follow farm that fires its whole burst in twenty seconds shows no tell before the
 * burst ends, and would otherwise wait for the room's next follow, minutes later, to be judged at all.
 */
function maturityMs(kind: CohortKind, f: Readonly<EngineConfig["falsification"]>): number {
  const ripen = kind === "orders" ? Math.max(f.withoutJoinGraceMs, f.unpaidAfterMs, f.keptRefundGraceMs) : Math.max(f.withoutJoinGraceMs, f.viewerSettleMs);
  return ripen + f.evaluateEveryMs;
}

function onView(room: RoomState, event: LiveEvent, user: Actor, view: ViewEvent, cfg: Readonly<EngineConfig>): CohortKind | null {
  const t = event.eventTimeMs;
  const slot = slotOf(room, user, t, cfg);
  if (view.kind === ViewKind.VIEW_KIND_JOIN) {
    slot.joins++;
    slot.addJoinGap(t);
    slot.joinMs = t;
    slot.interacted = false;
    arrive(room, slot, "views", t, freshAt(slot, t, cfg));
    return touch(room, slot, "views", user.userId, event, 1, cfg);
  }
  if (view.kind !== ViewKind.VIEW_KIND_LEAVE) return null;
  notePresence(room, slot);
  if (slot.joinMs >= 0 && t - slot.joinMs < cfg.falsification.ghostDwellMs && !slot.interacted && ++slot.shortVisits === cfg.falsification.ghostCrowdVisits) {
    room.repeatGhostAccounts = (room.repeatGhostAccounts ?? 0) + 1;
  }
  slot.joinMs = -1;
  return touch(room, slot, "views", user.userId, event, 0, cfg);
}

function onLike(room: RoomState, event: LiveEvent, user: Actor, like: LikeEvent, cfg: Readonly<EngineConfig>): CohortKind | null {
  const t = event.eventTimeMs;
  const slot = slotOf(room, user, t, cfg);
  const taps = Math.max(1, like.count);
  slot.interacted = true;
  slot.engaged = true;
  if (slot.firstEngagedMs < 0) slot.firstEngagedMs = t;
  slot.addLikeGap(t);
  slot.noteTaps(t, taps);
  noteBatchedLike(room, user.userId, event.eventId, t, taps, cfg.falsification);
  countLike((room.likeBeat ??= newLikeBeat(Math.floor(t / 1_000))), user.userId, slot, t, cfg.falsification, room.accounts);
  return touch(room, slot, "likes", user.userId, event, taps, cfg);
}

function onFollow(room: RoomState, event: LiveEvent, user: Actor, cfg: Readonly<EngineConfig>): CohortKind | null {
  const slot = slotOf(room, user, event.eventTimeMs, cfg);
  slot.interacted = true;
  slot.engaged = true;
  if (slot.firstEngagedMs < 0) slot.firstEngagedMs = event.eventTimeMs;
  slot.followAfterJoinMs = slot.joinMs >= 0 ? event.eventTimeMs - slot.joinMs : -1;
  arrive(room, slot, "follows", event.eventTimeMs, freshAt(slot, event.eventTimeMs, cfg));
  return touch(room, slot, "follows", user.userId, event, 1, cfg);
}

function onOrder(room: RoomState, slot: AccountSlot, userId: string, tx: TransactionEvent, t: number, cfg: Readonly<EngineConfig>): void {
  const f = cfg.falsification;
  if (slot.firstEngagedMs < 0) slot.firstEngagedMs = t;
  slot.orders++;
  slot.lastOrderMs = t;
  const fresh = freshAt(slot, t, cfg);
  arrive(room, slot, "orders", t, fresh);
  if (tx.amountCents < f.lowValueCents) slot.lowValueOrders++;
  if (tx.paymentAccountId !== "") {
    slot.paymentAccountId = tx.paymentAccountId;
    addToKey((room.cohort.payments ??= new Map()), tx.paymentAccountId, userId, fresh, cfg.maxOrderKeysPerRoom);
  }
  linkToRing(room, slot, userId, cfg);
  if (tx.shippingAddressHash !== "") {
    slot.shippingAddressHash = tx.shippingAddressHash;
    addToKey((room.cohort.addresses ??= new Map()), tx.shippingAddressHash, userId, fresh, cfg.maxOrderKeysPerRoom);
  }
}

/** Links a buyer to the buyers it shares a payment account or a device with (see `detectors/buyer-rings.ts`). */
function linkToRing(room: RoomState, slot: AccountSlot, userId: string, cfg: Readonly<EngineConfig>): void {
  const cohort = room.cohort;
  const payers = slot.paymentAccountId === "" ? undefined : cohort.payments?.get(slot.paymentAccountId);
  const firstPayer = payers === undefined ? undefined : keyAccountList(payers)[0];
  if (firstPayer !== undefined) linkBuyers((cohort.rings ??= createBuyerRings()), userId, firstPayer, cfg.maxOrderKeysPerRoom);
  for (const other of deviceAccountsOf(room, slot) ?? []) {
    if (other !== userId && (room.accounts.get(other)?.orders ?? 0) > 0) linkBuyers((cohort.rings ??= createBuyerRings()), userId, other, cfg.maxOrderKeysPerRoom);
  }
}

function onTransaction(room: RoomState, event: LiveEvent, buyer: Actor, tx: TransactionEvent, cfg: Readonly<EngineConfig>): CohortKind | null {
  if (tx.kind === TransactionKind.TRANSACTION_KIND_TIP) return null;
  const t = event.eventTimeMs;
  const slot = slotOf(room, buyer, t, cfg);
  slot.interacted = true;
  slot.engaged = true;
  if (tx.kind === TransactionKind.TRANSACTION_KIND_ORDER) {
    onOrder(room, slot, buyer.userId, tx, t, cfg);
    noteOrderForRefunds(room, buyer.userId);
    return touch(room, slot, "orders", buyer.userId, event, 1, cfg);
  }
  if (tx.kind === TransactionKind.TRANSACTION_KIND_PAYMENT) slot.paid++;
  else if (tx.kind === TransactionKind.TRANSACTION_KIND_REFUND) {
    slot.refunds++;
    noteRefund(room, buyer.userId, event.eventId, t);
  }
  else return null;
  return touch(room, slot, "orders", buyer.userId, event, 0, cfg);
}

/** Updates the room with `event`; returns the cohort kind to evaluate, if any. */
function observe(room: RoomState, event: LiveEvent, cfg: Readonly<EngineConfig>): CohortKind | null {
  const body = event.body;
  if (body?.$case === "room") {
    if (body.value.kind === RoomEventKind.ROOM_EVENT_KIND_ENDED) room.endedMs = event.eventTimeMs;
    return null;
  }
  const actor = actingAccount(event);
  if (actor === undefined) return null;
  switch (body?.$case) {
    case "like": return onLike(room, event, actor, body.value, cfg);
    case "view": return onView(room, event, actor, body.value, cfg);
    case "follow": return onFollow(room, event, actor, cfg);
    case "transaction": return onTransaction(room, event, actor, body.value, cfg);
    case "comment":
    case "barrage": {
      const slot = slotOf(room, actor, event.eventTimeMs, cfg);
      slot.interacted = true;
      notePresence(room, slot);
      return null;
    }
    default:
      return null;
  }
}

/** The minute tables the detectors read (libs/pipeline's hold keeps both ready): absent ones read nothing. */
export interface FalsificationReads {
  /** The crew an account was named in (#21 account-risk table). */
  accountRiskAt?: AccountRiskAt;
  /** The peer group's sketch of a signal (#12 baselines table). */
  peerBaselineAt?: PeerBaselineAt;
  /** Fitting only: each judged window's combiner features (`EngineDeps.onWindowJudged`). */
  onWindowJudged?: WindowJudgedHook;
}

/**
 * Applies the event and judges the kinds it concerns: its own, and every kind whose accounts' tells are
 * still ripening (`maturityMs`), each at most once per `evaluateEveryMs`. Returns a finding per kind whose
 * detector fires outside an open episode, or inside one at a higher severity than the episode has reached
 * (an attack first seen at its start must not be held at MEDIUM for the whole cooldown while it grows).
 */
export function applyFalsification(room: RoomState, event: LiveEvent, cfg: Readonly<EngineConfig>, reads: Readonly<FalsificationReads> = {}): readonly Finding[] {
  const observed = observe(room, event, cfg);
  const { accountRiskAt } = reads;
  // Accounts the crew detector named (#21): their actions here count towards the kind's finding (known-crews.ts).
  if (observed !== null && accountRiskAt !== undefined) noteKnownCrewAccount(room, observed, event, accountRiskAt);
  const t = event.eventTimeMs;
  // Made on the first finding: nearly every event has none, and an array each showed as garbage (#15).
  let findings: Finding[] | undefined;
  for (let k = 0; k < COHORT_KINDS.length; k++) {
    const kind = COHORT_KINDS[k]!;
    if (kind !== observed && (room.maturingUntilMs?.[kind] ?? -1) < t) continue;
    const finding = evaluate(room, kind, t, cfg, reads);
    if (finding !== null) (findings ??= []).push(finding);
  }
  return findings ?? NO_FINDINGS;
}

function evaluate(room: RoomState, kind: CohortKind, t: number, cfg: Readonly<EngineConfig>, reads: Readonly<FalsificationReads>): Finding | null {
  const subcategory = SUBCATEGORY_OF[kind]!;
  const next = room.nextEvaluationMs[subcategory];
  if (next !== undefined && t < next) return null;
  const episode = room.episodeStartMs[subcategory];
  const open = episode !== undefined && t < episode + cfg.alertCooldownMs;
  const reached = open ? room.episodeSeverity[subcategory] ?? 0 : 0;
  if (reached >= MAX_SEVERITY) return null;
  room.nextEvaluationMs[subcategory] = t + cfg.falsification.evaluateEveryMs;
  // Summed only when something reads them: the combiner has a model for few kinds, and the window pass is the engine's hottest (#15).
  const combines = cfg.falsification.useCombiner && COMBINER_MODEL.kinds[kind] !== undefined;
  const features = combines || reads.onWindowJudged !== undefined ? WINDOW_FEATURES_SCRATCH : undefined;
  const silent = kind === "views" ? SILENT_TALLY.begin(t, cfg.falsification, cfg.maxEvidenceIds) : undefined;
  const { finding: byCohort, crowd, judged } = judgeCohort(room, kind, t, cfg.falsification, cfg.maxEvidenceIds, features, silent);
  if (reads.onWindowJudged !== undefined && features!.accounts >= minCohort(kind, cfg.falsification)) reads.onWindowJudged(room.roomId, kind, t, features!.finish());
  const cohort = byCohort ?? roomFinding(room, kind, t, cfg, judged ? silent : undefined) ?? (combines ? combinedFinding(room, kind, t, cfg.falsification, cfg.maxEvidenceIds, crowd, features!) : null);
  const finding = withKnownCrews(cohort, room, kind, t, cfg);
  if (finding === null) return null;
  const severity = severityOf(finding.score);
  if (open && severity <= reached) return null;
  room.episodeStartMs[subcategory] = t;
  room.episodeSeverity[subcategory] = severity;
  const { peerBaselineAt } = reads;
  if (peerBaselineAt === undefined) return finding;
  // How the room sits among its peers, for the inspector: judged only for a finding that leaves (rare), as the peers' sketch costs a merge.
  const peers = peerExplanation(judgePeerSignals(room, kind, t, cfg.falsification, peerBaselineAt));
  return peers.length === 0 ? finding : { ...finding, signals: [...finding.signals, ...peers] };
}

/**
 * Per kind, the room-level finding judged when the cohort of suspicious accounts has none: what a room shows as
 * a whole that no single account does (likes past a thumb dripped in over half an hour, refunds nobody ordered
 * again after, silent viewers stacking weak identity signals).
 */
const ROOM_FINDINGS: Partial<Record<CohortKind, (room: RoomState, timeMs: number, f: Readonly<FalsificationConfig>, maxEvidence: number) => Finding | null>> = {
  likes: batchedLikersFinding,
  orders: keptRefundsFinding,
  views: silentViewersFinding,
};

/** The kind's room-level finding; the silent viewers from the cohort's pass when it counted them (`silent`), not a pass of their own. */
function roomFinding(room: RoomState, kind: CohortKind, t: number, cfg: Readonly<EngineConfig>, silent: SilentTally | undefined): Finding | null {
  if (silent !== undefined) return silent.finding(room, cfg.falsification);
  return ROOM_FINDINGS[kind]?.(room, t, cfg.falsification, cfg.maxEvidenceIds) ?? null;
}

/** Counts the views window's silent viewers in the cohort's pass (begun per views judgement; its findings keep their own lists). */
const SILENT_TALLY = new SilentTally();

const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** Filled by each judgement and read by the combiner right after it: one reused, not one a measure (#15). */
const WINDOW_FEATURES_SCRATCH = new WindowFeatureSums();

/** SEVERITY_CRITICAL: nothing can escalate past it. */
const MAX_SEVERITY = severityOf(1);
