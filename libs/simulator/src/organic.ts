/**
 * Organic traffic: arrivals as a Poisson process whose rate drifts over
 * the show, some families arriving together on one phone, and in bigger
 * rooms the host's "tap now!" prompts that make real viewers like in the
 * same few seconds.
 */
import type { Actor } from "@redline/proto";
import type { AccountFactory } from "./accounts";
import type { Rng } from "./rng";
import type { RoomEvents } from "./room-events";
import { ORDINARY, visit } from "./viewer";
import type { Behaviour, Session, Shop, Wallet } from "./viewer";

export interface OrganicSpec {
  viewersPerMinute: number;
  /** Share of arrivals that are a family (2-4 accounts on one phone). */
  familyShare: number;
  /** Mean gap between host prompts; 0 for none. */
  promptEveryMs: number;
  behaviour?: Behaviour;
}

/** A family: 2-4 accounts on one phone behind one network, one card, one home. */
export function family(rng: Rng, accounts: AccountFactory, size = rng.int(2, 4)): { members: Actor[]; wallet: Wallet } {
  const members: Actor[] = [];
  const first = accounts.next();
  for (let i = 0; i < size; i++) {
    const m = i === 0 ? first : accounts.next();
    members.push({ ...m, deviceId: first.deviceId, ipPrefix: first.ipPrefix });
  }
  return { members, wallet: { paymentAccountId: `pay-fam-${first.userId}`, shippingAddressHash: `addr-fam-${first.userId}` } };
}

export function arrivals(room: RoomEvents, rng: Rng, fromMs: number, toMs: number, perMinute: number, onArrive: (t: number) => void): void {
  if (perMinute <= 0) return;
  const phase = rng.uniform(0, 2 * Math.PI);
  let t = fromMs + rng.exp(60_000 / perMinute);
  while (t < toMs) {
    onArrive(t);
    const drift = 1 + 0.3 * Math.sin(phase + (t - room.startMs) / 300_000);
    t += rng.exp(60_000 / (perMinute * drift));
  }
}

export function organicTraffic(room: RoomEvents, rng: Rng, accounts: AccountFactory, spec: OrganicSpec, shop: Shop | null): Session[] {
  const b = spec.behaviour ?? ORDINARY;
  const sessions: Session[] = [];
  // The audience already there when the show starts.
  const initial = Math.round(spec.viewersPerMinute * 1.5);
  for (let i = 0; i < initial; i++) sessions.push(visit(room, rng, accounts.next(), room.startMs + rng.uniform(0, 20_000), b, shop));
  arrivals(room, rng, room.startMs, room.endMs - 30_000, spec.viewersPerMinute, (t) => {
    if (rng.chance(spec.familyShare)) {
      const fam = family(rng, accounts);
      for (const m of fam.members) sessions.push(visit(room, rng, m, t + rng.uniform(0, 5_000), b, shop, fam.wallet));
    } else {
      sessions.push(visit(room, rng, accounts.next(), t, b, shop));
    }
  });
  if (spec.promptEveryMs > 0) hostPrompts(room, rng, sessions, spec.promptEveryMs);
  return sessions;
}

/** "Everyone tap now!": a quarter of the likers present answer within a few seconds. */
function hostPrompts(room: RoomEvents, rng: Rng, sessions: readonly Session[], everyMs: number): void {
  for (let t = room.startMs + rng.exp(everyMs); t < room.endMs - 10_000; t += rng.exp(everyMs)) {
    for (const s of sessions) {
      if (s.liker && s.joinMs < t && s.leaveMs > t + 5_000 && rng.chance(0.25)) room.like(t + rng.uniform(300, 4_000), s.user, rng.int(3, 10));
    }
  }
}
