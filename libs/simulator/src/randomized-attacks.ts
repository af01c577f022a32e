/**
 * Domain randomisation of data-falsification attacks (issue #12): each
 * attack draws every parameter of threat model §3, sizes its volume to the
 * drawn share of the organic activity of its kind in its window, and is
 * labelled with what it drew, what it realised and the §3 verdict.
 */
import { TransactionKind, ViewKind } from "@redline/proto";
import type { LiveEvent } from "@redline/proto";
import { END_MARGIN_MS, shareBinOf, VOLUME_FLOOR } from "./attack-ranges";
import { drawCommon, round } from "./attack-draws";
import type { CommonParams } from "./attack-draws";
import type { KindInput, KindOutcome, Params, RandomizedAttackContext } from "./attack-kind";
import type { AttackWindow } from "./bot-crew";
import { fakeFollows } from "./randomized-follows";
import { fakeLikes } from "./randomized-likes";
import { fakeOrders } from "./randomized-orders";
import { fakeViews } from "./randomized-views";
import { commonTells, shouldCatch } from "./should-catch";
import type { RandomizedTruthLabel, Subcategory } from "./truth";

const KINDS: Record<Subcategory, (input: KindInput) => KindOutcome> = {
  FAKE_VIEWS: fakeViews,
  FAKE_LIKES: fakeLikes,
  FAKE_FOLLOWS: fakeFollows,
  FAKE_ORDERS: fakeOrders,
};

export const SUBCATEGORIES: readonly Subcategory[] = ["FAKE_VIEWS", "FAKE_LIKES", "FAKE_FOLLOWS", "FAKE_ORDERS"];

/** The activity §3 measures share in: joins for views, taps for likes, follows, orders. */
function activityOf(e: LiveEvent, sub: Subcategory): number {
  const b = e.body;
  if (b === undefined) return 0;
  if (sub === "FAKE_VIEWS") return b.$case === "view" && b.value.kind === ViewKind.VIEW_KIND_JOIN ? 1 : 0;
  if (sub === "FAKE_LIKES") return b.$case === "like" ? b.value.count : 0;
  if (sub === "FAKE_FOLLOWS") return b.$case === "follow" ? 1 : 0;
  return b.$case === "transaction" && b.value.kind === TransactionKind.TRANSACTION_KIND_ORDER ? 1 : 0;
}

function actorOf(e: LiveEvent): string | undefined {
  const b = e.body;
  if (b === undefined || b.$case === "room" || b.$case === "moderation" || b.$case === "transcript") return undefined;
  if (b.$case === "transaction") return b.value.buyer?.userId;
  if (b.$case === "comment" || b.$case === "barrage") return b.value.author?.userId;
  return b.value.user?.userId;
}

/** Activity of the kind, and distinct accounts active, in the window among `events[from..]`. */
export function measure(events: readonly LiveEvent[], from: number, sub: Subcategory, w: AttackWindow): { volume: number; accounts: number } {
  let volume = 0;
  const accounts = new Set<string>();
  for (let i = from; i < events.length; i++) {
    const e = events[i]!;
    if (e.eventTimeMs < w.startMs || e.eventTimeMs > w.endMs) continue;
    volume += activityOf(e, sub);
    const who = actorOf(e);
    if (who !== undefined) accounts.add(who);
  }
  return { volume, accounts: accounts.size };
}

export function attackWindow(roomStartMs: number, roomEndMs: number, c: CommonParams): AttackWindow {
  const startMs = Math.round(roomStartMs + c.startMin * 60_000);
  return { startMs, endMs: Math.round(Math.min(startMs + c.durationMin * 60_000, roomEndMs - END_MARGIN_MS)) };
}

/** Volume that makes `share` of the window's activity, with §3's floor for quiet rooms. */
export function volumeFor(sub: Subcategory, share: number, organic: number): number {
  return Math.max(VOLUME_FLOOR[sub], Math.round((share / (1 - share)) * organic));
}

/** Draws, runs and labels one attack of `sub` on a room whose organic traffic is already in `ctx.room`. */
export function randomizedAttack(sub: Subcategory, ctx: RandomizedAttackContext): RandomizedTruthLabel {
  const { room } = ctx;
  const drawn = drawCommon(ctx.rng);
  const w = attackWindow(room.startMs, room.endMs, drawn);
  const organic = measure(room.events, 0, sub, w);
  const volume = volumeFor(sub, drawn.targetShare, organic.volume);
  const from = room.events.length;
  const out = KINDS[sub]({ ctx, common: drawn, window: w, volume });
  const attack = measure(room.events, from, sub, w);
  const realisedShare = round(attack.volume / Math.max(1, attack.volume + organic.volume));
  const tells = [...commonTells(out.common, out.crew, realisedShare, out.ramp), ...out.tells];
  // Delay is measured from the attack's first event (issue 12), as the independent generator's truth does: a
  // gradual ramp or a first wave drawn late in the window starts after the window opens.
  let firstMs = Infinity;
  let lastMs = w.endMs;
  for (let i = from; i < room.events.length; i++) {
    firstMs = Math.min(firstMs, room.events[i]!.eventTimeMs);
    lastMs = Math.max(lastMs, room.events[i]!.eventTimeMs);
  }
  const params: Params = {
    ...commonParams(out, w, realisedShare),
    organicVolume: organic.volume,
    attackVolume: attack.volume,
    ...out.params,
    tells: tells.length,
    tellNames: tells.join(","),
  };
  const bots = out.crew.members.length;
  return {
    category: "RISK_CATEGORY_DATA_FALSIFICATION",
    subcategory: sub,
    style: out.style,
    attackStartMs: Number.isFinite(firstMs) ? firstMs : w.startMs,
    attackEndMs: lastMs,
    intensity: {
      bots,
      actionsPerMinute: round((out.actions / Math.max(1, w.endMs - w.startMs)) * 60_000, 1),
      roomShare: round(bots / Math.max(1, bots + organic.accounts)),
      params: Object.fromEntries(Object.entries(params).filter((e): e is [string, number] => typeof e[1] === "number")),
    },
    params,
    shouldCatch: shouldCatch(realisedShare, tells.length),
  };
}

function commonParams(out: KindOutcome, w: AttackWindow, realisedShare: number): Params {
  const c = out.common;
  const { batchNewestDays, batchH, freshShare, ramp, rampS, ...rest } = c;
  const bots = out.crew.members.length;
  return {
    ...rest,
    realisedShare,
    realisedShareBin: shareBinOf(realisedShare),
    windowMin: round((w.endMs - w.startMs) / 60_000, 2),
    ramp: out.ramp,
    ...(out.ramp === "waves" ? {} : { rampS }),
    freshShare,
    ...(freshShare > 0 ? { batchH, batchNewestDays } : {}),
    bots,
    devicesUsed: out.crew.devicesUsed,
    prefixesUsed: out.crew.prefixesUsed,
    accountsPerPrefix: round(bots / Math.max(1, out.crew.prefixesUsed), 1),
  };
}
