/**
 * What one kind of randomised attack (views, likes, follows, orders) gets
 * and gives back: the room and its accounts, the drawn common parameters,
 * the window and the volume to fake; in return the crew it used and its
 * own parameters and tells.
 */
import type { AccountFactory } from "./accounts";
import type { CommonParams } from "./attack-draws";
import type { AttackWindow, Crew } from "./bot-crew";
import type { Rng } from "./rng";
import type { RoomEvents } from "./room-events";
import type { Shop } from "./viewer";

export interface RandomizedAttackContext {
  room: RoomEvents;
  rng: Rng;
  /** The room's own account factory, so bots and viewers share one id scheme. */
  accounts: AccountFactory;
  /** Needed by FAKE_ORDERS. */
  shop: Shop | null;
}

export interface KindInput {
  ctx: RandomizedAttackContext;
  common: CommonParams;
  window: AttackWindow;
  /** Actions of the kind (joins, taps, follows, orders) to fake in the window. */
  volume: number;
}

export type Params = Record<string, number | string>;

export interface KindOutcome {
  /** The crew's name, e.g. "ghost", "auto_clicker", "mule_ring". */
  style: string;
  /** The common parameters as used: human crews override the farm knobs. */
  common: CommonParams;
  crew: Crew;
  /** The ramp as run: a drawn bin, or "waves" for bought follows. */
  ramp: string;
  actions: number;
  params: Params;
  tells: string[];
}
