import { Actor, AgeBand, LiveEvent, RoomEventKind, TransactionKind, ViewKind } from "@redline/proto";
import { Rng } from "./random";

/** Someone acting in a room: what the contract shows of them plus the keys they pay and ship with. */
export interface Person {
  actor: Actor;
  paymentAccountId: string;
  addressHash: string;
  /** Client clock offset: likes and comments are stamped by the phone, joins by the server. */
  skewMs: number;
}

/** Who produced an event: kept out of the events themselves so ids and fields carry no hint. */
export type Role = "organic" | "attack" | "episode";

export type Kind = "join" | "leave" | "like" | "follow" | "comment" | "order" | "payment" | "refund" | "tip" | "room";

interface Tagged {
  event: LiveEvent;
  role: Role;
  kind: Kind;
  /** Taps for likes, 1 for everything else: what a share is measured in. */
  amount: number;
}

export interface RoomMeta {
  roomId: string;
  platform: string;
  startMs: number;
  endMs: number;
  category: string;
}

/** Platform-side imperfections applied to every event, attack or not. */
export interface FieldNoise {
  lostJoin: number;
  lostLeave: number;
}

const MAX_SKEW_MS = 4000;

/** Collects one room's events with their roles, then delivers them the way a platform would. */
export class RoomBuilder {
  private readonly tagged: Tagged[] = [];

  constructor(
    readonly meta: RoomMeta,
    private readonly rng: Rng,
  ) {}

  private push(t: number, role: Role, kind: Kind, amount: number, body: LiveEvent["body"]): void {
    const eventTimeMs = Math.round(Math.min(Math.max(t, this.meta.startMs), this.meta.endMs));
    const event: LiveEvent = { eventId: "", roomId: this.meta.roomId, eventTimeMs, platform: this.meta.platform, body };
    this.tagged.push({ event, role, kind, amount });
  }

  inRoom(t: number): boolean {
    return t >= this.meta.startMs && t <= this.meta.endMs;
  }

  room(t: number, kind: RoomEventKind, streamerId: string, followerCount: number, title: string): void {
    const streamer = { userId: streamerId, realNameVerified: true, virtualAvatar: false };
    this.push(t, "organic", "room", 0, { $case: "room", value: { kind, streamer, followerCount, category: this.meta.category, title } });
  }

  join(p: Person, t: number, role: Role): void {
    this.push(t, role, "join", 1, { $case: "view", value: { user: p.actor, kind: ViewKind.VIEW_KIND_JOIN } });
  }

  leave(p: Person, t: number, role: Role): void {
    this.push(t, role, "leave", 0, { $case: "view", value: { user: p.actor, kind: ViewKind.VIEW_KIND_LEAVE } });
  }

  like(p: Person, t: number, count: number, role: Role): void {
    const taps = Math.max(1, Math.round(count));
    this.push(t + p.skewMs, role, "like", taps, { $case: "like", value: { user: p.actor, count: taps } });
  }

  follow(p: Person, t: number, role: Role): void {
    this.push(t, role, "follow", 1, { $case: "follow", value: { user: p.actor } });
  }

  comment(p: Person, t: number, text: string, role: Role): void {
    const value = { commentId: `c_${this.rng.hex(12)}`, author: p.actor, text };
    this.push(t + p.skewMs, role, "comment", 1, { $case: "comment", value });
  }

  /** An ORDER; returns its id so the caller can pay or refund it. */
  order(p: Person, t: number, skuId: string, amountCents: number, role: Role): string {
    const orderId = `o_${this.rng.hex(14)}`;
    this.transaction(p, t, orderId, TransactionKind.TRANSACTION_KIND_ORDER, skuId, amountCents, role, "order");
    return orderId;
  }

  pay(p: Person, t: number, orderId: string, skuId: string, amountCents: number, role: Role): void {
    this.transaction(p, t, orderId, TransactionKind.TRANSACTION_KIND_PAYMENT, skuId, amountCents, role, "payment");
  }

  refund(p: Person, t: number, orderId: string, skuId: string, amountCents: number, role: Role): void {
    this.transaction(p, t, orderId, TransactionKind.TRANSACTION_KIND_REFUND, skuId, amountCents, role, "refund");
  }

  tip(p: Person, t: number, amountCents: number, role: Role): void {
    this.transaction(p, t, `o_${this.rng.hex(14)}`, TransactionKind.TRANSACTION_KIND_TIP, "", amountCents, role, "tip");
  }

  private transaction(
    p: Person,
    t: number,
    orderId: string,
    kind: TransactionKind,
    skuId: string,
    amountCents: number,
    role: Role,
    tag: Kind,
  ): void {
    const value = {
      orderId,
      buyer: p.actor,
      kind,
      skuId,
      amountCents: Math.round(amountCents),
      currency: "CNY",
      paymentAccountId: p.paymentAccountId,
      shippingAddressHash: p.addressHash,
    };
    this.push(t, role, tag, 1, { $case: "transaction", value });
  }

  /** Activity of one kind by one role inside [fromMs, toMs): joins, taps, follows or orders. */
  volume(kind: Kind, role: Role | "innocent", fromMs: number, toMs: number): number {
    let total = 0;
    for (const x of this.tagged) {
      if (x.kind !== kind || x.event.eventTimeMs < fromMs || x.event.eventTimeMs >= toMs) continue;
      if (role === "innocent" ? x.role !== "attack" : x.role === role) total += x.amount;
    }
    return total;
  }

  /** Event times of one role's events, for truth checks. */
  times(role: Role): number[] {
    return this.tagged.filter((x) => x.role === role).map((x) => x.event.eventTimeMs);
  }

  /**
   * What the platform delivers: some JOINs and LEAVEs lost (so a LEAVE may arrive without its
   * JOIN), sorted by event time, ids assigned after sorting so their order says nothing of roles.
   */
  finish(noise: FieldNoise): LiveEvent[] {
    const kept = this.tagged.filter((x) => {
      if (x.kind === "join") return !this.rng.chance(noise.lostJoin);
      if (x.kind === "leave") return !this.rng.chance(noise.lostLeave);
      return true;
    });
    kept.sort((a, b) => a.event.eventTimeMs - b.event.eventTimeMs);
    return kept.map((x, i) => ({ ...x.event, eventId: `${this.meta.roomId}-${i.toString(36)}-${this.rng.hex(4)}` }));
  }
}

export function skew(rng: Rng): number {
  // Most phones keep good time; a few are seconds off, which makes their taps look early or late.
  return rng.chance(0.08) ? Math.round(rng.uniform(-MAX_SKEW_MS, MAX_SKEW_MS)) : 0;
}

export const ADULT = AgeBand.AGE_BAND_ADULT;
