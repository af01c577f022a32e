import { AgeBand, ModerationKind, OperatorRole, RiskCategory, RoomEventKind, Severity, TransactionKind } from "@redline/proto";
import type { Actor, Alert, LiveEvent, Streamer } from "@redline/proto";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_MODEL_DIR, loadClassifier, loadDefaultClassifier } from "@redline/text-classifier";
import { RiskEngine } from "../engine";
import { EngineConfigError } from "../errors";
import { resolveEngineConfig } from "../config";
import { createRoomState } from "../room-state";
import { applyContent } from "./content";
import { contentConfigForThresholds } from "./content-config";
import { authorTextIds } from "./content-state";
import { actor, like, T0 } from "../testing/event-builders";
import { fisherGreater } from "./fisher-exact";
import type { TextScorer, TextScores } from "./text-scorer";

const ROOM = "room-c";
const SEC = 1_000;
const MIN = 60 * SEC;

/** Scores by tags in the text: "NEG", "DIV", "HAR", "PRO", "MIN" each mean 0.95 for that label. */
class TagScorer implements TextScorer {
  readonly version = "fake";
  calls = 0;
  classify(text: string): TextScores {
    this.calls++;
    const has = (tag: string): number => (text.includes(tag) ? 0.95 : 0.02);
    return { NEGATIVE_REVIEW: has("NEG"), HARASSMENT: has("HAR"), DIVERSION: has("DIV"), PROHIBITED: has("PRO"), MINOR_RISK: has("MIN") };
  }
}

let seq = 0;
function envelope(timeMs: number, body: LiveEvent["body"]): LiveEvent {
  return { eventId: `ev${String(++seq).padStart(7, "0")}`, roomId: ROOM, eventTimeMs: timeMs, platform: "test", body };
}
function text(timeMs: number, author: Actor, t: string, id = `cm${seq + 1}`): LiveEvent {
  return envelope(timeMs, { $case: "comment", value: { commentId: id, author, text: t } });
}
function barrage(timeMs: number, author: Actor, t: string): LiveEvent {
  return envelope(timeMs, { $case: "barrage", value: { barrageId: `br${seq + 1}`, author, text: t } });
}
function moderation(timeMs: number, kind: ModerationKind, target: { commentId?: string; userId?: string }, role = OperatorRole.OPERATOR_ROLE_STREAMER): LiveEvent {
  return envelope(timeMs, { $case: "moderation", value: { kind, targetCommentId: target.commentId ?? "", targetUserId: target.userId ?? "", operatorId: "op", operatorRole: role } });
}
function started(timeMs: number, streamer: Partial<Streamer>): LiveEvent {
  return envelope(timeMs, { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, streamer: { userId: "host", realNameVerified: true, virtualAvatar: false, ...streamer }, followerCount: 10, category: "fashion", title: "live" } });
}
function tip(timeMs: number, buyer: Actor): LiveEvent {
  return envelope(timeMs, { $case: "transaction", value: { orderId: `t${seq}`, buyer, kind: TransactionKind.TRANSACTION_KIND_TIP, skuId: "", amountCents: 500, currency: "CNY", paymentAccountId: "p", shippingAddressHash: "" } });
}
const minor = (id: string, band: AgeBand): Actor => ({ ...actor(id), ageBand: band });

function run(events: LiveEvent[], scorer: TextScorer = new TagScorer()): Alert[] {
  const engine = new RiskEngine({}, { textScorer: scorer });
  const sorted = [...events].sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
  return [...sorted.map((e) => engine.ingest(e)), engine.flush()].flatMap((step) => step.outputs.map((o) => o.alert));
}

/** `negatives` NEG comments and `others` plain ones over ten minutes; deletes the first `negDeleted` / `otherDeleted` of each 20 s later. */
function moderatedRoom(negatives: number, others: number, negDeleted: number, otherDeleted: number, o: { role?: OperatorRole; negText?: string } = {}): { events: LiveEvent[]; removedNegativeIds: Set<string> } {
  const events: LiveEvent[] = [];
  const removedNegativeIds = new Set<string>();
  const total = negatives + others;
  let n = 0;
  let o2 = 0;
  for (let i = 0; i < total; i++) {
    const negative = i % Math.max(1, Math.round(total / Math.max(1, negatives))) === 0 && n < negatives;
    const t = T0 + Math.floor((i * 10 * MIN) / total);
    const e = text(t, actor(`u${i}`), negative ? (o.negText ?? "NEG broke after a day") : "love it");
    events.push(e);
    const id = (e.body as { value: { commentId: string } }).value.commentId;
    if (negative ? n++ < negDeleted : o2++ < otherDeleted) {
      events.push(moderation(t + 20 * SEC, ModerationKind.MODERATION_KIND_DELETE_COMMENT, { commentId: id }, o.role));
      if (negative) removedNegativeIds.add(e.eventId);
    }
  }
  return { events, removedNegativeIds };
}

describe("fisherGreater", () => {
  it("matches the hypergeometric tail", () => {
    expect(fisherGreater(3, 3, 0, 3)).toBeCloseTo(1 / 20, 12);
    expect(fisherGreater(1, 10, 1, 10)).toBeGreaterThan(0.5);
    expect(fisherGreater(0, 10, 5, 10)).toBe(1);
    expect(fisherGreater(30, 40, 3, 160)).toBeLessThan(1e-15);
  });
});

describe("SELECTIVE_DELETION", () => {
  it("counts a text as a negative review by the scorer's artifact threshold for NEGATIVE_REVIEW", () => {
    const { events } = moderatedRoom(40, 160, 24, 3);
    const deletions = (negativeThreshold: number): Alert[] =>
      run(events, Object.assign(new TagScorer(), { thresholds: { NEGATIVE_REVIEW: negativeThreshold } })).filter((a) => a.subcategory === "SELECTIVE_DELETION");
    expect(deletions(0.9)).toHaveLength(1);
    expect(deletions(0.97)).toEqual([]);
  });

  it("fires when negative reviews are removed far more often, with the removed comments as evidence", () => {
    const { events, removedNegativeIds } = moderatedRoom(40, 160, 24, 3);
    const alerts = run(events).filter((a) => a.subcategory === "SELECTIVE_DELETION");
    expect(alerts).toHaveLength(1);
    const a = alerts[0]!;
    expect(a.category).toBe(RiskCategory.RISK_CATEGORY_REVIEW_SUPPRESSION);
    expect(a.subjectUserId).toBe("");
    expect(a.score).toBeGreaterThan(0.5);
    expect(a.score).toBeLessThanOrEqual(1);
    expect(a.severity).toBeGreaterThanOrEqual(Severity.SEVERITY_MEDIUM);
    expect(a.evidenceEventIds.length).toBeLessThanOrEqual(20);
    expect(removedNegativeIds.has(a.evidenceEventIds[0]!)).toBe(true);
    expect(a.explanation!.signals.map((s) => s.name)).toContain("fisher_minus_log10_p");
    expect(a.modelVersion).toBe("redline-rules-22+text-fake");
  });

  it("stays quiet in a big honest room that removes complaints slightly more often (significant, not substantial)", () => {
    const { events } = moderatedRoom(400, 1600, 36, 64);
    expect(fisherGreater(36, 400, 64, 1600)).toBeLessThan(0.01);
    expect(run(events).filter((a) => a.subcategory === "SELECTIVE_DELETION")).toEqual([]);
  });

  it("stays quiet under the minimum sample however lopsided", () => {
    const { events } = moderatedRoom(4, 100, 4, 0);
    expect(run(events)).toEqual([]);
  });

  it("does not count removals of spam that also reads as a complaint, nor the platform's own removals", () => {
    expect(run(moderatedRoom(40, 160, 30, 2, { negText: "NEG DIV add me for cheaper" }).events).filter((a) => a.subcategory === "SELECTIVE_DELETION")).toEqual([]);
    expect(run(moderatedRoom(40, 160, 30, 2, { role: OperatorRole.OPERATOR_ROLE_PLATFORM }).events)).toEqual([]);
  });

  it("joins mutes and blocks to the author's recent comments", () => {
    const events: LiveEvent[] = [];
    for (let i = 0; i < 120; i++) events.push(text(T0 + i * 5 * SEC, actor(`p${i}`), "love it"));
    for (let i = 0; i < 30; i++) {
      const critic = actor(`critic${i}`);
      events.push(text(T0 + i * 20 * SEC, critic, "NEG never arrived"));
      if (i < 20) events.push(moderation(T0 + i * 20 * SEC + 30 * SEC, i % 2 === 0 ? ModerationKind.MODERATION_KIND_MUTE_USER : ModerationKind.MODERATION_KIND_BLOCK_USER, { userId: critic.userId }));
    }
    expect(run(events).map((a) => a.subcategory)).toEqual(["SELECTIVE_DELETION"]);
  });

  /** The room's deletion-test counters after feeding `events` through the content features. */
  function suppressionAfter(events: LiveEvent[]): { negatives: number; others: number; negativeRemoved: number; otherRemoved: number } {
    const room = createRoomState(ROOM, T0);
    const cfg = resolveEngineConfig();
    const scorer = new TagScorer();
    for (const e of [...events].sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1))) applyContent(room, e, cfg, scorer);
    const { negatives, others, negativeRemoved, otherRemoved } = room.content!.suppression;
    return { negatives, others, negativeRemoved, otherRemoved };
  }

  it("keeps an author's latest eight texts once each, in order", () => {
    const room = createRoomState(ROOM, T0);
    const cfg = resolveEngineConfig();
    const author = actor("chatty");
    const ids = Array.from({ length: 10 }, (_, i) => `chat-${i}`);
    ids.forEach((id, i) => applyContent(room, text(T0 + i * SEC, author, "hello", id), cfg, new TagScorer()));
    expect(authorTextIds(room.content!.authorTexts, author.userId)).toEqual(ids.slice(2));
    applyContent(room, text(T0 + 20 * SEC, actor("once"), "hi", "only-1"), cfg, new TagScorer());
    expect(room.content!.authorTexts.get("once")).toBe("only-1");
    expect(authorTextIds(room.content!.authorTexts, "once")).toEqual(["only-1"]);
  });

  it("counts a mute once, against the text that prompted it, not against the author's earlier comments", () => {
    // Critics chat for a while before complaining; muting them must not read as removing their praise.
    const events: LiveEvent[] = [];
    for (let i = 0; i < 60; i++) events.push(text(T0 + i * 10 * SEC, actor(`p${i}`), "love it"));
    for (let i = 0; i < 30; i++) {
      const critic = actor(`critic${i}`);
      const t = T0 + i * 20 * SEC;
      for (let k = 0; k < 3; k++) events.push(text(t + k * SEC, critic, "love it"));
      events.push(text(t + 10 * SEC, critic, "NEG never arrived"));
      if (i < 20) events.push(moderation(t + 40 * SEC, ModerationKind.MODERATION_KIND_MUTE_USER, { userId: critic.userId }));
    }
    expect(suppressionAfter(events)).toEqual({ negatives: 30, others: 150, negativeRemoved: 20, otherRemoved: 0 });
    expect(run(events).map((a) => a.subcategory)).toEqual(["SELECTIVE_DELETION"]);
  });

  it("joins a mute to the author's latest text: nothing more after a delete, praise when praise came last", () => {
    const events: LiveEvent[] = [];
    for (let i = 0; i < 30; i++) {
      const critic = actor(`critic${i}`);
      const t = T0 + i * 20 * SEC;
      const complaint = text(t, critic, "NEG never arrived");
      events.push(complaint);
      if (i < 12) {
        // Delete then block: one act of moderation on one complaint.
        events.push(moderation(t + 10 * SEC, ModerationKind.MODERATION_KIND_DELETE_COMMENT, { commentId: (complaint.body as { value: { commentId: string } }).value.commentId }));
        events.push(moderation(t + 15 * SEC, ModerationKind.MODERATION_KIND_BLOCK_USER, { userId: critic.userId }));
      } else if (i < 22) {
        events.push(text(t + 5 * SEC, critic, "love it anyway"));
        events.push(moderation(t + 15 * SEC, ModerationKind.MODERATION_KIND_MUTE_USER, { userId: critic.userId }));
      }
    }
    // A mute before the author's first text, or after the lookback, acts on nothing.
    events.push(moderation(T0 + 30 * MIN, ModerationKind.MODERATION_KIND_MUTE_USER, { userId: "critic29" }));
    events.push(moderation(T0 - SEC, ModerationKind.MODERATION_KIND_MUTE_USER, { userId: "critic28" }));
    expect(suppressionAfter(events)).toEqual({ negatives: 30, others: 10, negativeRemoved: 12, otherRemoved: 10 });
  });
});

describe("minor protection: streamer", () => {
  const cases: Array<[Partial<Streamer>, string | null, Severity | null]> = [
    [{ age: 15, guardianConsent: true }, "STREAMER_UNDERAGE", Severity.SEVERITY_CRITICAL],
    [{ age: 9 }, "STREAMER_UNDERAGE", Severity.SEVERITY_CRITICAL],
    [{ age: 16 }, "STREAMER_MINOR_NO_CONSENT", Severity.SEVERITY_HIGH],
    [{ age: 17, guardianConsent: false }, "STREAMER_MINOR_NO_CONSENT", Severity.SEVERITY_HIGH],
    [{ age: 17, guardianConsent: true }, null, null],
    [{ age: 18 }, null, null],
    [{}, null, null],
  ];
  it.each(cases)("%j -> %s", (streamer, subcategory, severity) => {
    const start = started(T0, streamer);
    const alerts = run([start, text(T0 + SEC, actor("v"), "hi")]);
    if (subcategory === null) {
      expect(alerts).toEqual([]);
      return;
    }
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.subcategory).toBe(subcategory);
    expect(alerts[0]!.severity).toBe(severity);
    expect(alerts[0]!.category).toBe(RiskCategory.RISK_CATEGORY_MINOR_PROTECTION);
    // On the very event that states the age.
    expect(alerts[0]!.eventTimeMs).toBe(start.eventTimeMs);
    expect(alerts[0]!.evidenceEventIds).toEqual([start.eventId]);
  });
});

describe("minor protection: tipping and content", () => {
  it("alerts once per minor account in an episode, never for adults", () => {
    const kid = minor("kid", AgeBand.AGE_BAND_MINOR_UNDER_16);
    const teen = minor("teen", AgeBand.AGE_BAND_MINOR_16_17);
    const alerts = run([tip(T0, actor("adult")), tip(T0 + MIN, kid), tip(T0 + 2 * MIN, kid), tip(T0 + 3 * MIN, teen), tip(T0 + 4 * MIN, kid)]);
    expect(alerts.map((a) => [a.subcategory, a.subjectUserId, a.severity])).toEqual([
      ["MINOR_TIPPING", "kid", Severity.SEVERITY_HIGH],
      ["MINOR_TIPPING", "teen", Severity.SEVERITY_MEDIUM],
    ]);
  });

  it("needs several minor-risk texts from several accounts before a room alert", () => {
    expect(run([text(T0, actor("a"), "MIN kids send gifts"), text(T0 + SEC, actor("b"), "MIN kids send gifts")])).toEqual([]);
    // Below the classifier threshold for this label (0.9), texts about children do not count at all.
    const ambiguous: TextScorer = { version: "fake", classify: () => ({ NEGATIVE_REVIEW: 0, HARASSMENT: 0, DIVERSION: 0, PROHIBITED: 0, MINOR_RISK: 0.85 }) };
    expect(run(["a", "b", "c", "d"].map((u, i) => text(T0 + i * SEC, actor(u), "for my kids")), ambiguous)).toEqual([]);
    const events = ["a", "b", "a", "b"].map((u, i) => text(T0 + i * 30 * SEC, actor(u), "MIN kids send gifts"));
    const alerts = run(events);
    expect(alerts.map((a) => [a.subcategory, a.subjectUserId])).toEqual([["MINOR_HARMFUL_CONTENT", ""]]);
    expect(alerts[0]!.eventTimeMs).toBe(T0 + 60 * SEC);
    expect(alerts[0]!.evidenceEventIds).toHaveLength(3);
  });
});

describe("text risks", () => {
  it("REPEAT_OFFENDER: three harassing texts by one account within the window, not two, not three by different accounts", () => {
    const troll = actor("troll");
    expect(run([text(T0, troll, "HAR"), barrage(T0 + MIN, troll, "HAR")])).toEqual([]);
    expect(run([text(T0, actor("x"), "HAR"), text(T0 + MIN, actor("y"), "HAR"), text(T0 + 2 * MIN, actor("z"), "HAR")])).toEqual([]);
    expect(run([text(T0, troll, "HAR"), text(T0 + 11 * MIN, troll, "HAR"), text(T0 + 22 * MIN, troll, "HAR")])).toEqual([]);
    const alerts = run([text(T0, troll, "HAR"), barrage(T0 + MIN, troll, "HAR"), text(T0 + 2 * MIN, troll, "HAR"), text(T0 + 3 * MIN, troll, "HAR")]);
    expect(alerts.map((a) => [a.category, a.subcategory, a.subjectUserId])).toEqual([[RiskCategory.RISK_CATEGORY_HARASSMENT, "REPEAT_OFFENDER", "troll"]]);
    expect(alerts[0]!.evidenceEventIds).toHaveLength(3);
  });

  it("counts a text towards its strongest risk label only", () => {
    const insult: TextScorer = { version: "fake", classify: () => ({ NEGATIVE_REVIEW: 0.1, HARASSMENT: 0.9, DIVERSION: 0.05, PROHIBITED: 0.6, MINOR_RISK: 0 }) };
    const troll = actor("troll");
    const alerts = run([0, 1, 2].map((i) => text(T0 + i * MIN, troll, "you idiot")), insult);
    expect(alerts.map((a) => [a.category, a.subcategory])).toEqual([[RiskCategory.RISK_CATEGORY_HARASSMENT, "REPEAT_OFFENDER"]]);
  });

  it("moves a label's operating point with the operator's per-label threshold, and only that label's", () => {
    const insult: TextScorer = { version: "fake", classify: () => ({ NEGATIVE_REVIEW: 0.1, HARASSMENT: 0.9, DIVERSION: 0.05, PROHIBITED: 0.1, MINOR_RISK: 0 }) };
    const troll = actor("troll");
    const events = () => [0, 1, 2].map((i) => text(T0 + i * MIN, troll, "you idiot"));
    const withThresholds = (spec: string): Alert[] => {
      const engine = new RiskEngine({ content: contentConfigForThresholds(spec) }, { textScorer: insult });
      return [...events().map((e) => engine.ingest(e)), engine.flush()].flatMap((step) => step.outputs.map((o) => o.alert));
    };
    expect(withThresholds("HARASSMENT=0.95")).toEqual([]);
    expect(withThresholds("DIVERSION=0.95").map((a) => a.subcategory)).toEqual(["REPEAT_OFFENDER"]);
    expect(withThresholds("").map((a) => a.subcategory)).toEqual(["REPEAT_OFFENDER"]);
    expect(() => contentConfigForThresholds("HARASSMENT=1.5")).toThrow(/REDLINE_TEXT_THRESHOLDS: threshold for HARASSMENT/);
    expect(() => contentConfigForThresholds("SPAM=0.5")).toThrow(/not LABEL=value/);
  });

  it("scores a repeat offender's mean against the label's own threshold, so a stricter one weighs the same texts less", () => {
    const insult: TextScorer = { version: "fake", classify: () => ({ NEGATIVE_REVIEW: 0.1, HARASSMENT: 0.9, DIVERSION: 0.05, PROHIBITED: 0.1, MINOR_RISK: 0 }) };
    const troll = actor("troll");
    const meanStrength = (spec: string): number => {
      const engine = new RiskEngine({ content: contentConfigForThresholds(spec) }, { textScorer: insult });
      const steps = [0, 1, 2].map((i) => engine.ingest(text(T0 + i * MIN, troll, "you idiot")));
      const alert = [...steps, engine.flush()].flatMap((step) => step.outputs.map((o) => o.alert))[0]!;
      return alert.explanation!.signals.find((x) => x.name === "mean_harassment_score")!.contribution;
    };
    expect(meanStrength("HARASSMENT=0.8")).toBeLessThan(meanStrength(""));
    expect(meanStrength("DIVERSION=0.8")).toBe(meanStrength(""));
  });

  it("decides by the artifact's per-label thresholds unless the operator sets that label", () => {
    const troll = actor("troll");
    const alertsWith = (scorer: TextScorer, spec = ""): string[] => {
      const engine = new RiskEngine({ content: contentConfigForThresholds(spec) }, { textScorer: scorer });
      const steps = [0, 1, 2].map((i) => engine.ingest(text(T0 + i * MIN, troll, "you idiot")));
      return [...steps, engine.flush()].flatMap((step) => step.outputs.map((o) => o.alert?.subcategory ?? ""));
    };
    const scores = { NEGATIVE_REVIEW: 0.1, HARASSMENT: 0.9, DIVERSION: 0.05, PROHIBITED: 0.1, MINOR_RISK: 0 };
    const strictArtifact: TextScorer = { version: "fake", thresholds: { HARASSMENT: 0.95 }, classify: () => scores };
    expect(alertsWith(strictArtifact)).toEqual([]);
    expect(alertsWith(strictArtifact, "HARASSMENT=0.5")).toEqual(["REPEAT_OFFENDER"]);
    expect(alertsWith({ ...strictArtifact, thresholds: { DIVERSION: 0.95 } })).toEqual(["REPEAT_OFFENDER"]);

    // The real classifier, its header edited: "you idiot" scores HARASSMENT 0.96 with the shipped weights.
    const dir = mkdtempSync(join(tmpdir(), "content-thresholds-"));
    const header = JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, "text-classifier.json"), "utf8")) as { thresholds: Record<string, number> };
    writeFileSync(join(dir, "text-classifier.json"), JSON.stringify({ ...header, thresholds: { ...header.thresholds, HARASSMENT: 0.99 } }));
    copyFileSync(join(DEFAULT_MODEL_DIR, "text-classifier.weights.bin"), join(dir, "text-classifier.weights.bin"));
    expect(alertsWith(loadDefaultClassifier())).toEqual(["REPEAT_OFFENDER"]);
    expect(alertsWith(loadClassifier(dir))).toEqual([]);
  });

  it("refuses an operator threshold the parser would have refused, when it comes from code", () => {
    expect(() => resolveEngineConfig({ content: { ...contentConfigForThresholds(""), labelThresholds: { HARASSMENT: 1.2 } } })).toThrow(/content.labelThresholds.HARASSMENT/);
    expect(() => resolveEngineConfig({ content: { ...contentConfigForThresholds(""), labelThresholds: { SPAM: 0.5 } as never } })).toThrow(EngineConfigError);
  });

  function spam(removeAfterMs: number | null): LiveEvent[] {
    const events: LiveEvent[] = [];
    for (let i = 0; i < 20; i++) {
      const e = text(T0 + i * 10 * SEC, actor(`bot${i}`), "DIV add me");
      events.push(e);
      const id = (e.body as { value: { commentId: string } }).value.commentId;
      if (removeAfterMs !== null) events.push(moderation(e.eventTimeMs + removeAfterMs, ModerationKind.MODERATION_KIND_DELETE_COMMENT, { commentId: id }));
    }
    for (let i = 0; i < 30; i++) events.push(text(T0 + i * 10 * SEC, actor(`fan${i}`), "love it"));
    return events;
  }

  it("ROOM_FLOOD: diversion spam from many accounts left standing, not spam the operator removes", () => {
    const alerts = run(spam(null));
    expect(alerts.map((a) => [a.category, a.subcategory, a.subjectUserId])).toEqual([[RiskCategory.RISK_CATEGORY_DIVERSION, "ROOM_FLOOD", ""]]);
    expect(alerts[0]!.eventTimeMs).toBeGreaterThanOrEqual(T0 + 11 * 10 * SEC + 60 * SEC);
    expect(run(spam(10 * SEC))).toEqual([]);
  });
});

describe("engine integration", () => {
  it("classifies each text once and nothing else; a redelivered text counts once", () => {
    const scorer = new TagScorer();
    const c = text(T0, actor("a"), "hello", "same-id");
    run([c, text(T0 + 1, actor("a"), "hello again", "same-id"), like(ROOM, T0 + 2, actor("b"), 3), tip(T0 + 3, actor("c"))], scorer);
    expect(scorer.calls).toBe(1);
  });

  it("a snapshot and restore mid-stream gives the same alerts as an uninterrupted run", () => {
    const { events } = moderatedRoom(40, 160, 24, 3);
    events.push(...["a", "b", "a", "b"].map((u, i) => text(T0 + i * 30 * SEC, actor(u), "MIN kids send gifts")));
    events.push(tip(T0 + 5 * MIN, minor("kid", AgeBand.AGE_BAND_MINOR_UNDER_16)));
    const sorted = [...events].sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
    const whole = run(sorted);
    const first = new RiskEngine({}, { textScorer: new TagScorer() });
    const half = Math.floor(sorted.length / 2);
    const steps = sorted.slice(0, half).map((e) => first.ingest(e));
    const restored = RiskEngine.restore(first.snapshot(), {}, { textScorer: new TagScorer() });
    steps.push(...sorted.slice(half).map((e) => restored.ingest(e)), restored.flush());
    expect(steps.flatMap((step) => step.outputs.map((o) => o.alert))).toEqual(whole);
    expect(new Set(whole.map((a) => a.subcategory))).toEqual(new Set(["SELECTIVE_DELETION", "MINOR_HARMFUL_CONTENT", "MINOR_TIPPING"]));
  });

  it("names an operator's thresholds in the model version, since they change decisions", () => {
    const content = contentConfigForThresholds("NEGATIVE_REVIEW=0.4,HARASSMENT=0.6");
    expect(new RiskEngine({ content }, { textScorer: new TagScorer() }).modelVersion).toMatch(/\+text-\S+\+thresholds-HARASSMENT=0\.6,NEGATIVE_REVIEW=0\.4$/);
    expect(new RiskEngine({}, { textScorer: new TagScorer() }).modelVersion).not.toContain("thresholds");
  });

  it("uses the committed classifier by default and names its version", () => {
    const engine = new RiskEngine();
    expect(engine.modelVersion).toMatch(/^redline-rules-22\+text-\S+$/);
    const events: LiveEvent[] = [];
    for (let i = 0; i < 16; i++) events.push(text(T0 + i * 10 * SEC, actor(`bot${i}`), `加我微信 vip${1000 + i * 7}，私聊更便宜`));
    const steps = [...events, text(T0 + 5 * MIN, actor("fan"), "好看")].map((e) => engine.ingest(e));
    const alerts = [...steps, engine.flush()].flatMap((step) => step.outputs.map((o) => o.alert));
    expect(alerts.map((a) => a.subcategory)).toEqual(["ROOM_FLOOD"]);
    expect(alerts[0]!.modelVersion).toBe(engine.modelVersion);
  });
});
