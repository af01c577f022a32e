import type { Account } from "./identity";
import { pickWeighted, type Rng } from "./rng";
import { emitSession, organicDwellMs } from "./viewer-activity";
import type { Room, World } from "./world";

/** Share of a room's audience slots offered to the seed's regular viewers first. */
const REGULAR_SLOT_SHARE = 0.25;
/** Regular viewers per planned organic viewer of the whole seed. */
const REGULARS_PER_VIEWER = 0.05;

/**
 * Viewers who watch several unrelated rooms in an afternoon, some much more
 * than others (log-normal appetite). They give every seed organic accounts
 * seen in many rooms with no coordination at all.
 */
export class RegularViewers {
  private readonly accounts: Account[] = [];
  private readonly cumulative: number[] = [];

  constructor(rng: Rng, world: World, count: number) {
    let total = 0;
    for (let i = 0; i < count; i++) {
      this.accounts.push(world.ids.account(world.windowStartMs));
      total += rng.logNormal(1, 1);
      this.cumulative.push(total);
    }
  }

  get size(): number {
    return this.accounts.length;
  }

  /** A regular free over [fromMs, toMs], or undefined after a few tries. */
  pickFree(rng: Rng, world: World, fromMs: number, toMs: number): Account | undefined {
    if (this.accounts.length === 0) return undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const a = pickWeighted(rng, this.accounts, this.cumulative);
      if (world.calendar.isFree(a.userId, fromMs, toMs)) return a;
    }
    return undefined;
  }
}

export function regularsFor(rng: Rng, world: World): RegularViewers {
  const planned = world.rooms.reduce((n, r) => n + r.organicViewers, 0);
  return new RegularViewers(rng, world, Math.round(planned * REGULARS_PER_VIEWER));
}

/**
 * A room's own audience: arrivals front-loaded (u^1.4 over the stream), a
 * quarter of the slots taken by free regulars, 8 % come back once after a
 * network drop or a look elsewhere.
 */
export function generateOrganicAudience(rng: Rng, world: World, room: Room, regulars: RegularViewers): void {
  const durationMs = room.endMs - room.startMs;
  for (let i = 0; i < room.organicViewers; i++) {
    const joinMs = room.startMs + 1_000 + (durationMs - 30_000) * Math.pow(rng.float(), 1.4);
    const dwellMs = organicDwellMs(rng, room.endMs - 1 - joinMs);
    const regular = rng.chance(REGULAR_SLOT_SHARE) ? regulars.pickFree(rng, world, joinMs, joinMs + dwellMs) : undefined;
    const account = regular ?? world.ids.account(room.startMs);
    const first = emitSession(rng, room, account, joinMs, { dwellMs });
    world.calendar.book(account.userId, first.joinMs, first.leaveMs);
    if (!rng.chance(0.08)) continue;
    const backMs = first.leaveMs + rng.between(5_000, 300_000);
    if (backMs >= room.endMs - 5_000) continue;
    const backDwellMs = organicDwellMs(rng, room.endMs - 1 - backMs);
    if (!world.calendar.isFree(account.userId, backMs, backMs + backDwellMs)) continue;
    const back = emitSession(rng, room, account, backMs, { dwellMs: backDwellMs });
    world.calendar.book(account.userId, back.joinMs, back.leaveMs);
  }
}
