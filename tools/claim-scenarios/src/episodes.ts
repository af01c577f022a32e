import { misleadingClaim, TRUE_CLAIM_KINDS, trueClaim } from "./claims";
import { claimCore } from "./claim-text";
import { answerLead, correctionLead, fillerText, jokeText, mixedJokeText, nonClaimNumberText, quotedQuestionText, superlativeText } from "./chatter";
import { checkClaim } from "./check-claim";
import { coreLang, frame, pickLang } from "./frames";
import type { Rng } from "./rng";
import type { Claim, ClaimKind, HardNegativeKind, Lang, MisleadingKind, SegmentTruth, SkuFacts } from "./types";

/**
 * Episodes: the one to three segments of one scenario (a false claim; a claim
 * and its correction; a question read aloud and its answer…), each with its
 * truth. Times and ids are laid out later by the room.
 */

export type TruthDraft = Omit<SegmentTruth, "segmentId" | "roomId" | "correctsSegmentId" | "correctedBySegmentId">;

export interface SegmentDraft {
  text: string;
  lang: Lang;
  skuOnScreen: string | null;
  truth: TruthDraft;
  /** This segment takes back the one before it. */
  correctsPrevious: boolean;
}

export interface RoomCatalog {
  skus: SkuFacts[];
  streamStartMs: number;
}

const OK_TRUTH = { label: "OK", expectedMinSeverity: null, expectedMaxSeverity: null } as const;

function draft(text: string, lang: Lang, skuOnScreen: string | null, truth: TruthDraft, correctsPrevious = false): SegmentDraft {
  return { text, lang, skuOnScreen, truth, correctsPrevious };
}

function sayClaim(rng: Rng, claim: Claim, f: SkuFacts, lang: Lang, named: boolean, lead = ""): string {
  const inLang = coreLang(rng, lang);
  return frame(rng, lead + claimCore(rng, claim, f, inLang, named), lang, inLang);
}

/**
 * A false claim, usually about the SKU on screen; sometimes the screen is
 * unknown, or shows another SKU while the streamer names this one.
 */
export function misleadingEpisode(rng: Rng, kind: MisleadingKind, room: RoomCatalog): SegmentDraft[] | null {
  for (const f of rng.shuffle([...room.skus])) {
    const claim = misleadingClaim(rng, kind, f, room.streamStartMs);
    if (!claim) continue;
    const roll = rng.float();
    const others = room.skus.filter((s) => s.skuId !== f.skuId);
    const screen = roll < 0.7 ? f.skuId : roll < 0.85 || others.length === 0 ? null : rng.pick(others).skuId;
    const lang = pickLang(rng);
    return [
      draft(sayClaim(rng, claim, f, lang, screen !== f.skuId), lang, screen, {
        label: "MISLEADING", kind, hardNegative: false, aboutSkuId: f.skuId, claim,
        contradicts: checkClaim(claim, f, room.streamStartMs),
        expectedMinSeverity: "SEVERITY_MEDIUM", expectedMaxSeverity: null,
      }),
    ];
  }
  return null;
}

function correctClaim(rng: Rng, room: RoomCatalog): SegmentDraft[] {
  const f = rng.pick(room.skus);
  const kinds = rng.shuffle([...TRUE_CLAIM_KINDS]);
  for (const kind of kinds) {
    const claim = trueClaim(kind, f, room.streamStartMs, rng);
    if (!claim) continue;
    const named = rng.chance(0.15);
    const lang = pickLang(rng);
    return [draft(sayClaim(rng, claim, f, lang, named), lang, named ? null : f.skuId, {
      ...OK_TRUTH, kind: "correct_claim", hardNegative: true, aboutSkuId: f.skuId, claim, contradicts: null,
    })];
  }
  throw new RangeError(`${f.skuId} has no true claim at all`);
}

/** True of the SKU the streamer names, false of the one on screen. */
function otherSkuClaim(rng: Rng, room: RoomCatalog): SegmentDraft[] | null {
  const pairs = room.skus.flatMap((about) => room.skus.filter((s) => s !== about).map((screen) => ({ about, screen })));
  for (const { about, screen } of rng.shuffle(pairs)) {
    for (const kind of rng.shuffle([...TRUE_CLAIM_KINDS])) {
      const claim = trueClaim(kind, about, room.streamStartMs, rng);
      if (!claim) continue;
      const onScreen = checkClaim({ ...claim, skuId: screen.skuId }, screen, room.streamStartMs);
      if (!onScreen) continue;
      const lang = pickLang(rng);
      return [draft(sayClaim(rng, claim, about, lang, true), lang, screen.skuId, {
        ...OK_TRUTH, kind: "other_sku_claim", hardNegative: true, aboutSkuId: about.skuId, claim, contradicts: onScreen,
      })];
    }
  }
  return null;
}

const QUESTIONABLE: readonly MisleadingKind[] = [
  "composition_percent_overstated", "composition_rich_in", "pure_or_100_percent", "origin_false", "certification_false",
  "authorization_false", "lowest_price_false", "quantity_overstated",
];
const ANSWER_KIND: Partial<Record<ClaimKind, ClaimKind>> = { ORIGIN: "ORIGIN", UNIT_COUNT: "UNIT_COUNT", PER_UNIT_AMOUNT: "PER_UNIT_AMOUNT", CERTIFICATION: "CERTIFICATION" };

/** A customer's question read aloud (its claim would be false), sometimes answered truthfully. */
function quotedQuestion(rng: Rng, room: RoomCatalog): SegmentDraft[] {
  const f = rng.pick(room.skus);
  for (const kind of rng.shuffle([...QUESTIONABLE])) {
    const asked = misleadingClaim(rng, kind, f, room.streamStartMs);
    if (!asked) continue;
    const lang = rng.pick(["zh", "en"] as const);
    const out = [draft(quotedQuestionText(rng, asked, f, lang), lang, f.skuId, {
      ...OK_TRUTH, kind: "quoted_question", hardNegative: true, aboutSkuId: f.skuId, claim: asked,
      contradicts: checkClaim(asked, f, room.streamStartMs),
    })];
    const answer = trueClaim(ANSWER_KIND[asked.kind] ?? "PERCENT", f, room.streamStartMs, rng) ?? trueClaim("PERCENT", f, room.streamStartMs, rng);
    if (answer && rng.chance(0.5)) {
      out.push(draft(frame(rng, claimCore(rng, answer, f, lang, false), lang, lang, answerLead(rng, lang)), lang, f.skuId, {
        ...OK_TRUTH, kind: "correct_claim", hardNegative: true, aboutSkuId: f.skuId, claim: answer, contradicts: null,
      }));
    }
    return out;
  }
  throw new RangeError(`${f.skuId}: nothing to ask about`);
}

const CORRECTABLE: readonly MisleadingKind[] = ["composition_percent_overstated", "origin_false", "quantity_overstated", "fake_was_price"];

/** A false claim taken back in the next sentence: neither segment should raise an alert. */
function correctedClaim(rng: Rng, room: RoomCatalog): SegmentDraft[] | null {
  for (const f of rng.shuffle([...room.skus])) {
    for (const kind of rng.shuffle([...CORRECTABLE])) {
      const wrong = misleadingClaim(rng, kind, f, room.streamStartMs);
      const right = wrong && trueClaim(wrong.kind, f, room.streamStartMs, rng);
      if (!wrong || !right) continue;
      const lang = rng.pick(["zh", "en"] as const);
      return [
        draft(sayClaim(rng, wrong, f, lang, false), lang, f.skuId, {
          ...OK_TRUTH, kind: "corrected_claim", hardNegative: true, aboutSkuId: f.skuId, claim: wrong,
          contradicts: checkClaim(wrong, f, room.streamStartMs),
        }),
        draft(correctionLead(rng, lang) + claimCore(rng, right, f, lang, false), lang, f.skuId, {
          ...OK_TRUTH, kind: "correction", hardNegative: true, aboutSkuId: f.skuId, claim: right, contradicts: null,
        }, true),
      ];
    }
  }
  return null;
}

function noClaim(rng: Rng, room: RoomCatalog, kind: HardNegativeKind | "filler"): SegmentDraft[] {
  const screen = rng.chance(0.8) ? rng.pick(room.skus) : null;
  const lang: Lang = kind === "joke_or_hyperbole" ? pickLang(rng) : rng.pick(["zh", "zh", "en"] as const);
  const plainLang = lang === "mixed" ? "zh" : lang;
  const text =
    kind === "joke_or_hyperbole"
      ? lang === "mixed" ? mixedJokeText(rng) : jokeText(rng, plainLang)
      : kind === "non_claim_number"
        ? nonClaimNumberText(rng, plainLang, (screen ?? rng.pick(room.skus)).linkNumber)
        : fillerText(rng, plainLang);
  return [draft(text, lang, screen?.skuId ?? null, {
    ...OK_TRUTH, kind, hardNegative: kind !== "filler", aboutSkuId: null, claim: null, contradicts: null,
  })];
}

export function hardNegativeEpisode(rng: Rng, kind: HardNegativeKind, room: RoomCatalog): SegmentDraft[] {
  switch (kind) {
    case "correct_claim": return correctClaim(rng, room);
    case "other_sku_claim": return otherSkuClaim(rng, room) ?? correctClaim(rng, room);
    case "quoted_question": return quotedQuestion(rng, room);
    case "corrected_claim":
    case "correction": return correctedClaim(rng, room) ?? correctClaim(rng, room);
    default: return noClaim(rng, room, kind);
  }
}

export function fillerEpisode(rng: Rng, room: RoomCatalog): SegmentDraft[] {
  return noClaim(rng, room, "filler");
}

export function superlativeEpisode(rng: Rng, room: RoomCatalog): SegmentDraft[] {
  const f = rng.pick(room.skus);
  const lang = rng.pick(["zh", "en"] as const);
  return [draft(frame(rng, superlativeText(rng, f, lang), lang, lang), lang, f.skuId, {
    label: "UNVERIFIABLE_SUPERLATIVE", kind: "superlative", hardNegative: false, aboutSkuId: f.skuId, claim: null, contradicts: null,
    expectedMinSeverity: "SEVERITY_LOW", expectedMaxSeverity: "SEVERITY_LOW",
  })];
}
