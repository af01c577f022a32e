import { RoomEventKind } from "@redline/proto";
import { household, Networks, organicPerson } from "./identity";
import { Rng } from "./random";
import { Person, RoomBuilder } from "./room";
import { interact, ORDINARY, Purchase, Session, Sku, tapBurst, visit } from "./viewer";

const MIN = 60_000;

/** The ordinary audience of a room, kept so episodes can act on the people already present. */
export interface Audience {
  sessions: Session[];
  purchases: Purchase[];
  skus: Sku[];
  nets: Networks;
  /** Host cues ("点赞走一波"): times at which fans tapped together. */
  cues: number[];
}

export function skusFor(rng: Rng): Sku[] {
  return Array.from({ length: rng.int(3, 8) }, () => ({
    id: `sku_${rng.hex(8)}`,
    priceCents: rng.pick([990, 1990, 2990, 3990, 5990, 9900, 12900, 19900, 39900]),
  }));
}

/** When an ordinary viewer arrives: a crowd in the first minutes, then a stream thinning out. */
function arrival(rng: Rng, b: RoomBuilder): number {
  const { startMs, endMs } = b.meta;
  if (rng.chance(0.2)) return startMs + rng.uniform(0, 5 * MIN);
  return startMs + (endMs - startMs) * Math.pow(rng.next(), 1.3);
}

/** Swipe-throughs of 1–5 s, ordinary stays (log-normal, median ~4 min) and people who stay to the end. */
function dwell(rng: Rng, b: RoomBuilder): number {
  const kind = rng.weighted({ swipe: 0.3, stay: 0.62, loyal: 0.08 });
  if (kind === "swipe") return rng.uniform(1_000, 5_000);
  if (kind === "loyal") return b.meta.endMs - b.meta.startMs;
  return rng.logNormal(4 * MIN, 1.1);
}

/**
 * An organic room: STARTED, `size` distinct viewers (households of 2–3 on one phone among them),
 * reconnects, host cues that make present fans tap together, ENDED.
 */
export function organicRoom(b: RoomBuilder, rng: Rng, size: number): Audience {
  const { startMs, endMs } = b.meta;
  const nets = new Networks(rng, size, rng.uniform(0.1, 0.4));
  const skus = skusFor(rng);
  const streamer = `s_${rng.hex(12)}`;
  b.room(startMs, RoomEventKind.ROOM_EVENT_KIND_STARTED, streamer, Math.round(size * rng.uniform(5, 60)), "直播间");
  const people: Person[] = [];
  while (people.length < size) {
    if (rng.chance(0.03)) people.push(...household(rng, startMs, rng.int(2, 3)));
    else people.push(organicPerson(rng, startMs, nets));
  }
  const sessions: Session[] = [];
  const purchases: Purchase[] = [];
  for (const person of people.slice(0, size)) {
    const fromMs = arrival(rng, b);
    const toMs = visit(b, rng, person, fromMs, dwell(rng, b), "organic");
    sessions.push({ person, fromMs, toMs });
    interact(b, rng, person, fromMs, toMs, ORDINARY, skus, "organic", purchases);
    // Some come back later in the stream.
    if (rng.chance(0.05) && toMs + 2 * MIN < endMs) {
      const again = toMs + rng.uniform(2 * MIN, 20 * MIN);
      if (again < endMs) sessions.push({ person, fromMs: again, toMs: visit(b, rng, person, again, dwell(rng, b), "organic") });
    }
  }
  const cues = hostCues(b, rng, sessions);
  b.room(endMs, RoomEventKind.ROOM_EVENT_KIND_ENDED, streamer, 0, "直播间");
  return { sessions, purchases, skus, nets, cues };
}

/** The host asks for likes a few times; a share of whoever is watching taps for a few seconds, together. */
function hostCues(b: RoomBuilder, rng: Rng, sessions: readonly Session[]): number[] {
  const cues: number[] = [];
  const { startMs, endMs } = b.meta;
  for (let i = rng.int(1, 6); i > 0; i--) {
    const at = rng.uniform(startMs + 2 * MIN, endMs - MIN);
    const join = rng.uniform(0.2, 0.6);
    for (const s of present(sessions, at)) {
      if (rng.chance(join)) tapBurst(b, rng, s.person, at + rng.logNormal(2500, 0.6), rng.uniform(5, 25), rng.uniform(3, 8), "organic");
    }
    cues.push(at);
  }
  return cues;
}

export function present(sessions: readonly Session[], atMs: number): Session[] {
  return sessions.filter((s) => s.fromMs <= atMs && s.toMs > atMs + 10_000);
}
