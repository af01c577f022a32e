import { TransactionKind, ViewKind } from "@redline/proto";
import type { Crew } from "./crew-plan";
import { actorOf, type Account } from "./identity";
import type { Rng } from "./rng";
import { actorOfBody, type EventBody } from "./room-log";
import { emptyMeasures, measureEvents, addToMeasures, type RoomMeasures } from "./room-measures";
import { COMMENT_TEXTS } from "./texts";
import { MAX_CREWS_PER_ROOM, MIN_ACCOUNTS_PER_VISIT, ROOM_SHARE_CAPS, type CrewVisitTruth, type ShareMeasure } from "./types";
import type { Room, World } from "./world";

interface DraftEvent {
  atMs: number;
  body: EventBody;
}

/** Latest an account may run behind the script, so its whole visit stays inside the room. */
const MAX_LAG_SIGMAS = 2.5;

/**
 * The most the crew may add to a room of measure `others` and stay at or under
 * `cap` of the total: c <= cap * (others + c).
 */
export function budgetFor(cap: number, others: number): number {
  return Math.floor((cap * others) / (1 - cap) + 1e-9);
}

function budgets(room: Room): RoomMeasures {
  const others = measureEvents(room.log.events.map((e) => e.body));
  const b = emptyMeasures();
  for (const k of Object.keys(ROOM_SHARE_CAPS) as ShareMeasure[]) b[k] = budgetFor(ROOM_SHARE_CAPS[k], others[k]);
  return b;
}

function lag(rng: Rng, crew: Crew): number {
  const sd = crew.params.syncJitterMs;
  return Math.min(MAX_LAG_SIGMAS * sd, Math.abs(rng.normal()) * sd);
}

function visitIp(rng: Rng, world: World, crew: Crew, a: Account): string {
  if (crew.params.ipMode === "residential") return world.ids.ipPrefix();
  if (crew.params.ipMode === "proxy_pool") return rng.pick(crew.ipPrefixes);
  return a.homeIpPrefix;
}

/** Every account's part of the script in one room, before the room's budgets trim it. */
function draftVisit(rng: Rng, world: World, crew: Crew, room: Room, members: Account[], arriveMs: number): DraftEvent[] {
  const p = crew.params;
  const s = crew.script;
  const targetSku = rng.pick(room.skus);
  const draft: DraftEvent[] = [];
  for (const [i, a] of members.entries()) {
    const actor = actorOf(a, visitIp(rng, world, crew, a));
    const t0 = arriveMs + lag(rng, crew);
    const at = (offsetMs: number): number => t0 + offsetMs + rng.normal() * Math.min(2_000, p.syncJitterMs / 4);
    const joins = rng.chance(p.joinFirstShare);
    const firstOfMember = draft.length;
    if (joins) draft.push({ atMs: t0, body: { $case: "view", value: { user: actor, kind: ViewKind.VIEW_KIND_JOIN } } });
    if (rng.chance(p.likeShare)) {
      for (const offsetMs of s.likeOffsetsMs) {
        let t = at(offsetMs);
        for (let k = rng.int(3, 10); k > 0; k--) {
          const gapMs = rng.between(900, 1_150);
          const count = Math.max(1, Math.round((p.tapsPerSec * gapMs) / 1000 + rng.normal()));
          draft.push({ atMs: t, body: { $case: "like", value: { user: actor, count } } });
          t += gapMs;
        }
      }
    }
    if (rng.chance(p.followShare)) draft.push({ atMs: at(s.followOffsetMs), body: { $case: "follow", value: { user: actor } } });
    if (rng.chance(p.chatterShare)) {
      for (const offsetMs of s.commentOffsetsMs) {
        const text = rng.pick(COMMENT_TEXTS);
        draft.push({ atMs: at(offsetMs), body: { $case: "comment", value: { commentId: room.log.newCommentId(), author: actor, text } } });
      }
    }
    if (rng.chance(p.orderShare)) {
      const orderId = room.log.newOrderId();
      const payer = crew.paymentAccounts[i % crew.paymentAccounts.length] as string;
      const tx = (kind: TransactionKind) => ({
        $case: "transaction" as const,
        value: {
          orderId, buyer: actor, kind, skuId: targetSku.skuId, currency: "CNY",
          amountCents: p.amountMode === "low_value" ? rng.int(100, 990) : targetSku.priceCents,
          paymentAccountId: payer,
          shippingAddressHash: crew.shippingAddresses[i % crew.shippingAddresses.length] as string,
        },
      });
      const orderAtMs = at(s.orderOffsetMs);
      const paidAtMs = orderAtMs + rng.between(5_000, 40_000);
      draft.push({ atMs: orderAtMs, body: tx(TransactionKind.TRANSACTION_KIND_ORDER) });
      draft.push({ atMs: paidAtMs, body: tx(TransactionKind.TRANSACTION_KIND_PAYMENT) });
      if (rng.chance(p.refundShare)) {
        draft.push({ atMs: paidAtMs + rng.between(120_000, 600_000), body: tx(TransactionKind.TRANSACTION_KIND_REFUND) });
      }
    }
    if (joins) {
      // People in a task group leave when they like, a script at the package's end; nobody leaves before
      // their last action in the room (a payment or refund may come after leaving).
      const inRoom = draft.slice(firstOfMember).filter((e) => e.body.$case !== "transaction" || e.body.value.kind === TransactionKind.TRANSACTION_KIND_ORDER);
      const lastActionMs = Math.max(...inRoom.map((e) => e.atMs));
      const leaveMs = t0 + p.dwellMs - Math.abs(rng.normal()) * Math.min(p.syncJitterMs, p.dwellMs / 4);
      draft.push({ atMs: Math.max(leaveMs, lastActionMs + 1_000), body: { $case: "view", value: { user: actor, kind: ViewKind.VIEW_KIND_LEAVE } } });
    }
  }
  return draft.sort((x, y) => x.atMs - y.atMs);
}

/** Keeps the earliest events of each measure up to the room's budget; an order's payment and refund go with it. */
function trimToBudget(draft: DraftEvent[], budget: RoomMeasures): DraftEvent[] {
  const used = emptyMeasures();
  const droppedOrders = new Set<string>();
  const unjoined = new Set<string>();
  const kept: DraftEvent[] = [];
  for (const e of draft) {
    const b = e.body;
    if (b.$case === "transaction" && droppedOrders.has(b.value.orderId)) continue;
    if (b.$case === "view" && b.value.kind === ViewKind.VIEW_KIND_LEAVE && unjoined.has(b.value.user?.userId ?? "")) continue;
    const delta = emptyMeasures();
    addToMeasures(delta, b);
    const over = (Object.keys(delta) as ShareMeasure[]).some((k) => delta[k] > 0 && used[k] + delta[k] > budget[k]);
    if (over) {
      if (b.$case === "transaction") droppedOrders.add(b.value.orderId);
      if (b.$case === "view") unjoined.add(b.value.user?.userId ?? "");
      continue;
    }
    addToMeasures(used, b);
    kept.push(e);
  }
  return kept;
}

/** Adds a visit to the room; returns its truth, or null when nothing fitted. */
function emitVisit(rng: Rng, world: World, crew: Crew, room: Room, members: Account[], arriveMs: number): CrewVisitTruth | null {
  const draft = trimToBudget(draftVisit(rng, world, crew, room, members, arriveMs), budgets(room));
  const inside = draft.filter((e) => room.log.isOpen(e.atMs));
  const accounts = new Set(inside.map((e) => actorOfBody(e.body)?.userId as string));
  if (accounts.size < MIN_ACCOUNTS_PER_VISIT) return null;
  for (const e of inside) room.log.add(e.atMs, e.body);
  for (const a of members) {
    if (accounts.has(a.userId)) world.calendar.book(a.userId, arriveMs, arriveMs + crew.params.dwellMs + MAX_LAG_SIGMAS * crew.params.syncJitterMs);
  }
  return {
    roomId: room.roomId,
    accounts: members.filter((a) => accounts.has(a.userId)).map((a) => a.userId),
    firstMs: Math.round(inside[0]!.atMs),
    lastMs: Math.round(inside[inside.length - 1]!.atMs),
  };
}

/**
 * Rents the crew to up to `roomsTarget` of the candidate rooms: for each, a
 * fresh subset of its free accounts arrives a few minutes in and runs the
 * crew's script, as many accounts as the room's share caps allow.
 */
export function runCrew(rng: Rng, world: World, crew: Crew, candidates: Room[]): CrewVisitTruth[] {
  const p = crew.params;
  const visits: CrewVisitTruth[] = [];
  const stayMs = p.dwellMs + MAX_LAG_SIGMAS * p.syncJitterMs + 30_000;
  for (const room of rng.shuffle([...candidates])) {
    if (visits.length >= p.roomsTarget) break;
    if ((world.crewsIn.get(room.roomId) ?? 0) >= MAX_CREWS_PER_ROOM) continue;
    const latestMs = room.endMs - stayMs;
    const arriveMs = Math.min(room.startMs + rng.between(...p.arriveAfterMin) * 60_000, latestMs);
    if (arriveMs < room.startMs + 30_000) continue;
    const free = crew.accounts.filter((a) => world.calendar.isFree(a.userId, arriveMs - 60_000, arriveMs + stayMs));
    const wanted = Math.max(MIN_ACCOUNTS_PER_VISIT, Math.round(p.poolSize * p.subsetShare * rng.between(0.7, 1.3)));
    const allowed = Math.min(wanted, free.length, budgets(room).accounts);
    if (allowed < MIN_ACCOUNTS_PER_VISIT) continue;
    const members = rng.shuffle(free).slice(0, allowed);
    const visit = emitVisit(rng, world, crew, room, members, arriveMs);
    if (visit === null) continue;
    visits.push(visit);
    world.crewsIn.set(room.roomId, (world.crewsIn.get(room.roomId) ?? 0) + 1);
  }
  return visits.sort((a, b) => a.firstMs - b.firstMs);
}
