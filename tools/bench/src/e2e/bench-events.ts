import { mulberry32 } from "@redline/common";
import type { LiveEvent } from "@redline/proto";
import { murmur2 } from "@redline/kafka";
import { simulate } from "@redline/simulator";
import { ZipfSampler } from "./zipf";

export interface BenchEventOptions {
  seed: number;
  /** Distinct room keys; room k is drawn with weight 1/(k+1)^zipfS. */
  rooms: number;
  zipfS: number;
  /** false empties comment and barrage texts: the same load with nothing for the text classifier. */
  withText: boolean;
  /** Rooms per simulated hour, as a multiple of the simulator's mix (default 1). */
  scale?: number;
}

/**
 * The simulator's traffic (organic rooms, hard negatives, attacks: its mix of
 * event kinds, accounts, texts and amounts) with each event's room key redrawn
 * from a Zipf law and a fresh event id. Endless (hours follow hours); the
 * event times are the simulator's, for the caller to shift.
 */
export function benchEvents(opts: BenchEventOptions): Generator<LiveEvent> {
  return rekeyed(simulatorEvents(opts.seed, opts.scale ?? 1), opts);
}

function* simulatorEvents(seed: number, scale: number): Generator<LiveEvent> {
  for (const hour of simulate({ seed, hours: Number.MAX_SAFE_INTEGER, scale })) yield* hour.events;
}

/**
 * `source` with room keys drawn from Zipf(rooms, zipfS) and ids `b<seed>-<n>`, texts kept or emptied.
 * The draw is a hash of (simulated room, account), not of the event: an account stays in one room
 * for all it does in its simulated room, as a viewer does, instead of spreading each like over
 * every room (which would give every big room every account of the simulation).
 */
export function* rekeyed(source: Iterable<LiveEvent>, opts: Omit<BenchEventOptions, "scale">): Generator<LiveEvent> {
  const zipf = new ZipfSampler(opts.rooms, opts.zipfS, mulberry32(opts.seed));
  const rankOf = new Map<string, number>();
  let n = 0;
  for (const e of source) {
    const who = `${opts.seed}|${e.roomId}|${actorOf(e)}`;
    let rank = rankOf.get(who);
    if (rank === undefined) {
      rank = zipf.rankAt((murmur2(Buffer.from(who, "utf8")) >>> 0) / 2 ** 32);
      if (rankOf.size >= MAX_REMEMBERED_RANKS) rankOf.clear();
      rankOf.set(who, rank);
    }
    const event = { ...e, eventId: `b${opts.seed}-${n++}`, roomId: `room-${rank}` };
    yield opts.withText ? event : withoutTexts(event);
  }
}

/** Memo of hashed ranks; past it the memo starts again (a re-hash gives the same rank). */
const MAX_REMEMBERED_RANKS = 1_000_000;

/** The account behind an event ("" for room and moderation events, which then follow their simulated room). */
function actorOf(e: LiveEvent): string {
  const b = e.body;
  switch (b?.$case) {
    case "comment":
    case "barrage":
      return b.value.author?.userId ?? "";
    case "transaction":
      return b.value.buyer?.userId ?? "";
    case "like":
    case "follow":
    case "view":
      return b.value.user?.userId ?? "";
    default:
      return "";
  }
}

/** The same event with its comment or barrage text emptied: nothing for the text classifier. */
export function withoutTexts(event: LiveEvent): LiveEvent {
  const body = event.body;
  if (body?.$case === "comment") return { ...event, body: { $case: "comment", value: { ...body.value, text: "" } } };
  if (body?.$case === "barrage") return { ...event, body: { $case: "barrage", value: { ...body.value, text: "" } } };
  return event;
}

/** Counts of each event kind (the body's case) in `events`. */
export class KindCounter {
  readonly counts = new Map<string, number>();
  total = 0;

  add(event: LiveEvent): void {
    const kind = event.body?.$case ?? "none";
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    this.total++;
  }

  shares(): Array<{ kind: string; count: number; share: number }> {
    return [...this.counts]
      .sort((a, b) => b[1] - a[1])
      .map(([kind, count]) => ({ kind, count, share: count / this.total }));
  }
}
