/**
 * Content scenarios with room-level truth: selective deletion of negative
 * reviews at several rates, and the honest rooms that look like it
 * (complaint-heavy rooms with proportional deletions, big rooms deleting
 * slightly more complaints, rooms deleting only spam, the platform's own
 * removals); streamers under 16, 16-17 with and without consent, adults
 * and unknown ages; minors tipping and minors who only watch; diversion
 * floods and repeat offenders; minor-risk text and parents shopping for
 * their children. Every room also carries ordinary traffic.
 */
import { AgeBand, ModerationKind, OperatorRole } from "@redline/proto";
import type { Actor, LiveEvent, Streamer } from "@redline/proto";
import { ordinaryAccounts } from "./accounts";
import type { AccountFactory } from "./accounts";
import { Rng } from "./rng";
import { RoomEvents } from "./room-events";
import { organicTraffic } from "./organic";
import { ORDINARY } from "./viewer";
import { ContentEvents } from "./content-events";
import { textOf } from "./texts";
import type { TextKind } from "./texts";
import type { ContentLabel, ContentRoomTruth } from "./content-truth";
import { arrivalOrder, SIMULATION_EPOCH_MS } from "./scenario";

export interface ContentScenarioOptions {
  seed: number;
  /** Multiplies the rooms per scenario. */
  scale?: number;
  jitterMs?: number;
}

interface Ctx {
  ce: ContentEvents;
  rng: Rng;
  accounts: AccountFactory;
  startMs: number;
  endMs: number;
  labels: ContentLabel[];
  params: ContentRoomTruth["params"];
}

interface Posted {
  id: string;
  kind: TextKind;
  timeMs: number;
  user: Actor;
}

type Mix = Partial<Record<TextKind, number>>;

const MINUTE_MS = 60_000;
const ABUSIVE: ReadonlySet<TextKind> = new Set(["harassment", "diversion", "prohibited", "minor_risk"]);

function drawKind(rng: Rng, mix: Mix): TextKind {
  const entries = Object.entries(mix) as Array<[TextKind, number]>;
  let r = rng.next() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [kind, w] of entries) if ((r -= w) < 0) return kind;
  return entries[entries.length - 1]![0];
}

/** Ordinary viewers chatting: a pool of people, each posting a few texts of the mix. */
function chatter(ctx: Ctx, perMinute: number, mix: Mix, fromMs = ctx.startMs, toMs = ctx.endMs - 30_000): Posted[] {
  const people = Array.from({ length: Math.max(3, Math.round(perMinute * 2.5)) }, () => ctx.accounts.next());
  const posted: Posted[] = [];
  for (let t = fromMs + ctx.rng.exp(MINUTE_MS / perMinute); t < toMs; t += ctx.rng.exp(MINUTE_MS / perMinute)) {
    const kind = drawKind(ctx.rng, mix);
    // The odd rude or spammy line in ordinary chat comes from someone passing by, not a regular:
    // a regular posting several would be a repeat offender the truth does not label.
    const user = ABUSIVE.has(kind) ? ctx.accounts.next() : ctx.rng.pick(people);
    const id = ctx.ce.text(t, user, textOf(ctx.rng, kind), ctx.rng.chance(0.2));
    if (id !== null) posted.push({ id, kind, timeMs: t, user });
  }
  return posted;
}

/** Removes each posted text with its kind's probability, a few seconds to a minute later, mostly by delete. */
function moderate(ctx: Ctx, posted: readonly Posted[], rates: Partial<Record<TextKind, number>>, otherRate: number, role = OperatorRole.OPERATOR_ROLE_ROOM_OPERATOR, delayMs: [number, number] = [3_000, 60_000]): number {
  let removed = 0;
  for (const p of posted) {
    if (!ctx.rng.chance(rates[p.kind] ?? otherRate)) continue;
    removed++;
    const t = p.timeMs + ctx.rng.uniform(delayMs[0], delayMs[1]);
    const how = ctx.rng.next();
    const kind = how < 0.6 ? ModerationKind.MODERATION_KIND_DELETE_COMMENT : how < 0.85 ? ModerationKind.MODERATION_KIND_HIDE_COMMENT : how < 0.95 ? ModerationKind.MODERATION_KIND_MUTE_USER : ModerationKind.MODERATION_KIND_BLOCK_USER;
    const byUser = kind === ModerationKind.MODERATION_KIND_MUTE_USER || kind === ModerationKind.MODERATION_KIND_BLOCK_USER;
    const who = role === OperatorRole.OPERATOR_ROLE_PLATFORM ? "platform" : ctx.rng.chance(0.5) ? "streamer" : "room-op";
    ctx.ce.moderate(t, kind, byUser ? { userId: p.user.userId } : { commentId: p.id, userId: p.user.userId }, role, who);
  }
  return removed;
}

function label(ctx: Ctx, category: string, subcategory: string, startMs: number, subjectUserId = ""): void {
  ctx.labels.push({ category, subcategory, subjectUserId, startMs: Math.round(startMs) });
}

const ORGANIC_MIX: Mix = { praise: 0.5, question: 0.4, complaint: 0.08, harassment: 0.01, diversion: 0.01 };
const attackAt = (ctx: Ctx): number => ctx.startMs + ctx.rng.uniform(3, 8) * MINUTE_MS;

/** A room whose operators delete complaints at `rate` and other comments rarely. */
function selectiveDeletion(ctx: Ctx, rate: number): void {
  const complaints = ctx.rng.uniform(0.12, 0.3);
  const posted = chatter(ctx, ctx.rng.uniform(6, 20), { praise: 0.55 - complaints / 2, question: 0.45 - complaints / 2, complaint: complaints });
  const otherRate = ctx.rng.uniform(0, 0.03);
  moderate(ctx, posted, { complaint: rate }, otherRate);
  Object.assign(ctx.params, { complaintShare: complaints, complaintDeletionRate: rate, otherDeletionRate: otherRate });
  label(ctx, "RISK_CATEGORY_REVIEW_SUPPRESSION", "SELECTIVE_DELETION", posted.find((p) => p.kind === "complaint")?.timeMs ?? ctx.startMs);
}

function honestRoom(ctx: Ctx, perMinute: [number, number], complaints: [number, number], otherRate: [number, number], complaintFactor: [number, number]): void {
  const share = ctx.rng.uniform(...complaints);
  const posted = chatter(ctx, ctx.rng.uniform(...perMinute), { ...ORGANIC_MIX, praise: 0.55 - share / 2, question: 0.45 - share / 2, complaint: share });
  const rate = ctx.rng.uniform(...otherRate);
  const complaintRate = rate * ctx.rng.uniform(...complaintFactor);
  moderate(ctx, posted, { complaint: complaintRate, harassment: 0.8, diversion: 0.8 }, rate);
  Object.assign(ctx.params, { complaintShare: share, complaintDeletionRate: complaintRate, otherDeletionRate: rate });
}

/** Spam accounts posting diversion texts; the operator removes `removeShare` of them within `delayMs`. */
function diversionSpam(ctx: Ctx, removeShare: number, delayMs: [number, number]): number {
  const bots = ctx.rng.int(15, 40);
  const start = attackAt(ctx);
  const spanMs = ctx.rng.uniform(3, 8) * MINUTE_MS;
  const posted: Posted[] = [];
  for (let b = 0; b < bots; b++) {
    const bot = ctx.accounts.next("fresh");
    const n = ctx.rng.int(1, 2);
    for (let i = 0; i < n; i++) {
      const t = start + ctx.rng.uniform(0, spanMs);
      const id = ctx.ce.text(t, bot, textOf(ctx.rng, "diversion"), ctx.rng.chance(0.3));
      if (id !== null) posted.push({ id, kind: "diversion", timeMs: t, user: bot });
    }
  }
  moderate(ctx, posted, { diversion: removeShare }, 0, OperatorRole.OPERATOR_ROLE_STREAMER, delayMs);
  Object.assign(ctx.params, { spamBots: bots, spamTexts: posted.length, removedShare: removeShare });
  return start;
}

/** One or two accounts posting `kind` again and again. */
function offenders(ctx: Ctx, kind: TextKind, category: string, accounts: number, texts: [number, number]): void {
  for (let a = 0; a < accounts; a++) {
    const user = ctx.accounts.next();
    const start = attackAt(ctx);
    const n = ctx.rng.int(...texts);
    const spanMs = ctx.rng.uniform(3, 8) * MINUTE_MS;
    for (let i = 0; i < n; i++) ctx.ce.text(start + (spanMs * i) / n + ctx.rng.uniform(0, 20_000), user, textOf(ctx.rng, kind), ctx.rng.chance(0.3));
    label(ctx, category, "REPEAT_OFFENDER", start, user.userId);
  }
  ctx.params.offenders = accounts;
}

function minorAccount(ctx: Ctx, band: AgeBand): Actor {
  return { ...ctx.accounts.next(), ageBand: band };
}

function tips(ctx: Ctx, user: Actor, count: number): number {
  let first = Infinity;
  for (let i = 0; i < count; i++) {
    const t = ctx.startMs + ctx.rng.uniform(1, 18) * MINUTE_MS;
    first = Math.min(first, t);
    ctx.ce.tip(t, user, ctx.rng.pick([100, 600, 1_000, 5_200, 10_000]));
  }
  return first;
}

type Build = (ctx: Ctx) => Streamer | void;

const MINOR_CATEGORY = "RISK_CATEGORY_MINOR_PROTECTION";

/** Scenario name → [rooms per seed, builder]; a builder may return the streamer the room starts with. */
export const CONTENT_SCENARIOS: Record<string, [number, Build]> = {
  organic: [6, (ctx) => void chatter(ctx, ctx.rng.uniform(2, 15), ORGANIC_MIX)],
  price_questions: [3, (ctx) => void moderate(ctx, chatter(ctx, ctx.rng.uniform(8, 25), { question: 0.7, praise: 0.25, complaint: 0.05 }), {}, 0.02)],
  selective_deletion_30: [2, (ctx) => selectiveDeletion(ctx, 0.3)],
  selective_deletion_50: [2, (ctx) => selectiveDeletion(ctx, 0.5)],
  selective_deletion_70: [2, (ctx) => selectiveDeletion(ctx, 0.7)],
  selective_deletion_90: [2, (ctx) => selectiveDeletion(ctx, 0.9)],
  honest_negative_heavy: [4, (ctx) => honestRoom(ctx, [6, 20], [0.3, 0.55], [0.02, 0.08], [1, 1])],
  honest_big_room_more_complaints: [4, (ctx) => honestRoom(ctx, [30, 60], [0.1, 0.25], [0.02, 0.04], [1.5, 2.2])],
  spam_only_deletion: [4, (ctx) => {
    diversionSpam(ctx, ctx.rng.uniform(0.85, 1), [5_000, 40_000]);
    chatter(ctx, ctx.rng.uniform(5, 15), { praise: 0.45, question: 0.4, complaint: 0.15 });
  }],
  platform_removals: [3, (ctx) => void moderate(ctx, chatter(ctx, ctx.rng.uniform(6, 20), { praise: 0.45, question: 0.35, complaint: 0.2 }), { complaint: 0.6 }, 0.01, OperatorRole.OPERATOR_ROLE_PLATFORM)],
  diversion_flood: [4, (ctx) => {
    chatter(ctx, ctx.rng.uniform(3, 12), ORGANIC_MIX);
    const start = diversionSpam(ctx, ctx.rng.uniform(0, 0.2), [10_000, 90_000]);
    label(ctx, "RISK_CATEGORY_DIVERSION", "ROOM_FLOOD", start);
  }],
  harassment_offender: [4, (ctx) => {
    chatter(ctx, ctx.rng.uniform(3, 12), ORGANIC_MIX);
    offenders(ctx, "harassment", "RISK_CATEGORY_HARASSMENT", ctx.rng.int(1, 2), [5, 10]);
  }],
  diversion_offender: [3, (ctx) => {
    chatter(ctx, ctx.rng.uniform(3, 12), ORGANIC_MIX);
    offenders(ctx, "diversion", "RISK_CATEGORY_DIVERSION", 1, [4, 8]);
  }],
  prohibited_offender: [3, (ctx) => {
    chatter(ctx, ctx.rng.uniform(3, 12), ORGANIC_MIX);
    offenders(ctx, "prohibited", "RISK_CATEGORY_PROHIBITED_CONTENT", 1, [4, 8]);
  }],
  minor_harmful: [4, (ctx) => {
    chatter(ctx, ctx.rng.uniform(3, 12), ORGANIC_MIX);
    const start = attackAt(ctx);
    const authors = ctx.rng.int(3, 6);
    for (let a = 0; a < authors; a++) {
      const user = ctx.accounts.next();
      const n = ctx.rng.int(1, 2);
      for (let i = 0; i < n; i++) ctx.ce.text(start + ctx.rng.uniform(0, 5 * MINUTE_MS), user, textOf(ctx.rng, "minor_risk"));
    }
    ctx.params.minorRiskAuthors = authors;
    label(ctx, MINOR_CATEGORY, "MINOR_HARMFUL_CONTENT", start);
  }],
  kids_products: [4, (ctx) => void chatter(ctx, ctx.rng.uniform(6, 20), { kids_shopping: ctx.rng.uniform(0.3, 0.5), praise: 0.3, question: 0.25 })],
  underage_streamer: [4, (ctx) => {
    chatter(ctx, ctx.rng.uniform(2, 10), ORGANIC_MIX);
    const age = ctx.rng.int(9, 15);
    ctx.params.streamerAge = age;
    label(ctx, MINOR_CATEGORY, "STREAMER_UNDERAGE", ctx.startMs);
    return { userId: "", age, guardianConsent: ctx.rng.chance(0.5) ? ctx.rng.chance(0.5) : undefined, realNameVerified: true, virtualAvatar: false };
  }],
  unconsented_minor: [4, (ctx) => {
    chatter(ctx, ctx.rng.uniform(2, 10), ORGANIC_MIX);
    const age = ctx.rng.int(16, 17);
    const consent = ctx.rng.chance(0.5) ? false : undefined;
    Object.assign(ctx.params, { streamerAge: age, guardianConsent: consent === undefined ? "absent" : "false" });
    label(ctx, MINOR_CATEGORY, "STREAMER_MINOR_NO_CONSENT", ctx.startMs);
    return { userId: "", age, guardianConsent: consent, realNameVerified: true, virtualAvatar: false };
  }],
  consented_minor: [3, (ctx) => {
    chatter(ctx, ctx.rng.uniform(2, 10), ORGANIC_MIX);
    const age = ctx.rng.int(16, 17);
    ctx.params.streamerAge = age;
    return { userId: "", age, guardianConsent: true, realNameVerified: true, virtualAvatar: false };
  }],
  adult_or_unknown_age: [3, (ctx) => {
    chatter(ctx, ctx.rng.uniform(2, 10), ORGANIC_MIX);
    const known = ctx.rng.chance(0.5);
    const age = known ? ctx.rng.int(18, 45) : undefined;
    ctx.params.streamerAge = age ?? "unknown";
    return { userId: "", age, guardianConsent: ctx.rng.chance(0.5) ? ctx.rng.chance(0.5) : undefined, realNameVerified: true, virtualAvatar: false };
  }],
  minor_tipping: [4, (ctx) => {
    chatter(ctx, ctx.rng.uniform(2, 10), ORGANIC_MIX);
    for (let a = 0; a < ctx.rng.int(2, 6); a++) tips(ctx, ctx.accounts.next(), ctx.rng.int(1, 3));
    const minors = ctx.rng.int(1, 3);
    for (let m = 0; m < minors; m++) {
      const kid = minorAccount(ctx, ctx.rng.chance(0.5) ? AgeBand.AGE_BAND_MINOR_UNDER_16 : AgeBand.AGE_BAND_MINOR_16_17);
      label(ctx, MINOR_CATEGORY, "MINOR_TIPPING", tips(ctx, kid, ctx.rng.int(1, 4)), kid.userId);
    }
    ctx.params.minorTippers = minors;
  }],
  adult_tipping_minors_watching: [4, (ctx) => {
    const posted = chatter(ctx, ctx.rng.uniform(2, 10), ORGANIC_MIX);
    for (let a = 0; a < ctx.rng.int(3, 8); a++) tips(ctx, ctx.accounts.next(), ctx.rng.int(1, 4));
    for (let m = 0; m < ctx.rng.int(1, 4); m++) {
      const kid = minorAccount(ctx, ctx.rng.chance(0.5) ? AgeBand.AGE_BAND_MINOR_UNDER_16 : AgeBand.AGE_BAND_MINOR_16_17);
      const t = ctx.startMs + ctx.rng.uniform(1, 15) * MINUTE_MS;
      ctx.ce.room.join(t, kid);
      ctx.ce.room.like(t + 5_000, kid, 3);
      ctx.ce.text(t + 20_000, kid, textOf(ctx.rng, "praise"));
      ctx.ce.room.leave(t + 120_000, kid);
    }
    void posted;
  }],
  // Hard negative: staff answer order questions by sending buyers to private messages, over and over.
  service_chat: [4, (ctx) => {
    chatter(ctx, ctx.rng.uniform(4, 15), { ...ORGANIC_MIX, kids_shopping: 0.1 });
    const staff = Array.from({ length: ctx.rng.int(1, 3) }, () => ctx.accounts.next());
    for (let t = ctx.startMs + ctx.rng.uniform(0.5, 2) * MINUTE_MS; t < ctx.endMs - 30_000; t += ctx.rng.uniform(0.5, 2) * MINUTE_MS) {
      ctx.ce.text(t, ctx.rng.pick(staff), textOf(ctx.rng, "service"));
    }
    ctx.params.staffAccounts = staff.length;
  }],
};

function generateContentRoom(roomId: string, scenario: string, build: Build, rng: Rng, hourStartMs: number): { events: LiveEvent[]; truth: ContentRoomTruth } {
  const startMs = Math.round(hourStartMs + rng.uniform(0, 25 * MINUTE_MS));
  const endMs = Math.round(startMs + rng.uniform(15, 30) * MINUTE_MS);
  const room = new RoomEvents(roomId, rng.pick(["tenant-a", "tenant-b"]), startMs, endMs);
  const ce = new ContentEvents(room);
  const accounts = ordinaryAccounts(rng.fork("accounts"), `${roomId}-u`, startMs, 0.05);
  const ctx: Ctx = { ce, rng: rng.fork("scenario"), accounts, startMs, endMs, labels: [], params: {} };
  const streamer = build(ctx) ?? undefined;
  const s: Streamer = { realNameVerified: true, virtualAvatar: false, ...(streamer ?? {}), userId: `streamer-${roomId}` };
  ce.started(startMs, s, rng.int(10, 200_000), "fashion");
  organicTraffic(room, rng.fork("organic"), accounts, { viewersPerMinute: rng.uniform(2, 12), familyShare: 0.03, promptEveryMs: 0, behaviour: ORDINARY }, null);
  room.roomEnded(endMs);
  return { events: room.events, truth: { roomId, scenario, startMs, endMs, labels: ctx.labels, params: ctx.params } };
}

/** One hour of content-scenario rooms per seed, events in arrival order, with their truth. */
export function simulateContent(o: ContentScenarioOptions): { events: LiveEvent[]; truth: ContentRoomTruth[] } {
  const root = new Rng(o.seed ^ 0x5c0e7e17);
  const events: LiveEvent[] = [];
  const truth: ContentRoomTruth[] = [];
  let n = 0;
  for (const [scenario, [count, build]] of Object.entries(CONTENT_SCENARIOS)) {
    const rooms = Math.max(1, Math.round(count * (o.scale ?? 1)));
    for (let i = 0; i < rooms; i++) {
      const roomId = `c${o.seed}-${scenario}-${n++}`;
      const r = generateContentRoom(roomId, scenario, build, root.fork(roomId), SIMULATION_EPOCH_MS);
      for (const e of r.events) events.push(e);
      truth.push(r.truth);
    }
  }
  return { events: arrivalOrder(events, root.fork("arrival"), o.jitterMs ?? 1_500, 0.0002), truth };
}
