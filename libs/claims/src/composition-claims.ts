/**
 * Composition claims in one sentence of normalised text: shares (燕窝含量30%,
 * 60% wool), purity (纯棉, 100% silk) and abundance (富含燕窝, rich in collagen).
 */
import type { Bound, Claim } from "./claim";
import { isPureName, type IngredientMention } from "./ingredients";
import type { Span } from "./scope";

/** A claim and where it sits in the text. */
export interface PlacedClaim {
  claim: Claim;
  at: number;
}

/** How far (characters) a share may sit from the ingredient it is about. */
const MAX_SHARE_DISTANCE = 12;
/** How far when the sentence names one ingredient only (燕窝含量30%，说错了，是0.014%). */
const MAX_SHARE_DISTANCE_SOLE = 24;
const PERCENT = /(\d+(?:\.\d+)?)\s*%/g;
/** Shares that are about the deal, the reviews or the odds, not the product's make-up. */
const NOT_COMPOSITION = /(?:off|折|优惠|降价|便宜|省|好评|回购|满意|复购|销量|涨|返|保证金|概率|机会|chance|discount|cheaper|save|saving|rating|reviews?|satisf|sold|coupon|券|包邮|售后|退|refund|guarantee|保证|sure|确定|肯定)/;
const AT_LEAST_BEFORE = /(?:超过|至少|不低于|不少于|多于|more than|over|at least|no less than|above)\s*$/;
const AT_LEAST_AFTER = /^\s*(?:以上|多|\+|or more|plus)/;
const AT_MOST_BEFORE = /(?:不到|不超过|低于|少于|less than|under|at most|below|no more than)\s*$/;
const AT_MOST_AFTER = /^\s*(?:以下|以内|or less)/;

function boundOf(text: string, start: number, end: number): Bound {
  const before = text.slice(Math.max(0, start - 12), start);
  const after = text.slice(end, end + 8);
  if (AT_MOST_BEFORE.test(before) || AT_MOST_AFTER.test(after)) return "AT_MOST";
  if (AT_LEAST_BEFORE.test(before) || AT_LEAST_AFTER.test(after)) return "AT_LEAST";
  return "ABOUT";
}

function distance(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.end <= b.start ? b.start - a.end : b.end <= a.start ? a.start - b.end : 0;
}

function nearestIngredient(span: Span, mentions: readonly IngredientMention[], within: Span): IngredientMention | undefined {
  let best: IngredientMention | undefined;
  for (const m of mentions) {
    if (m.start < within.start || m.end > within.end) continue;
    if (best === undefined || distance(span, m) < distance(span, best)) best = m;
  }
  if (best === undefined) return undefined;
  const sole = mentions.every((m) => m.canonical === best!.canonical || m.start < within.start || m.end > within.end);
  return distance(span, best) <= (sole ? MAX_SHARE_DISTANCE_SOLE : MAX_SHARE_DISTANCE) ? best : undefined;
}

function shareClaims(text: string, sentence: Span, mentions: readonly IngredientMention[]): PlacedClaim[] {
  const out: PlacedClaim[] = [];
  const body = text.slice(sentence.start, sentence.end);
  for (const m of body.matchAll(PERCENT)) {
    const span = { start: sentence.start + m.index, end: sentence.start + m.index + m[0].length };
    const ingredient = nearestIngredient(span, mentions, sentence);
    if (ingredient === undefined) continue;
    const between = text.slice(Math.min(span.end, ingredient.end), Math.max(span.start, ingredient.start));
    const around = text.slice(Math.max(sentence.start, span.start - 6), Math.min(sentence.end, span.end + 6));
    if (NOT_COMPOSITION.test(between) || (distance(span, ingredient) > 3 && NOT_COMPOSITION.test(around))) continue;
    const percent = Number(m[1]);
    const phrase = text.slice(Math.min(span.start, ingredient.start), Math.max(span.end, ingredient.end));
    const bound = boundOf(text, span.start, span.end);
    if (percent === 100 && bound !== "AT_MOST") {
      out.push({ claim: { kind: "COMPOSITION_PURE", phrase, ingredient: ingredient.canonical }, at: span.start });
    } else {
      // Placed at the number: 燕窝含量30%，说错了，是0.014% keeps the share said after the correction.
      out.push({ claim: { kind: "COMPOSITION_SHARE", phrase, ingredient: ingredient.canonical, percent, bound }, at: span.start });
    }
  }
  return out;
}

const PURE_BEFORE = /(?:纯|纯正的?|纯天然的?|pure|solid|all|100%|entirely|made entirely of|made of pure)\s*$/;
const RICH_BEFORE = /(?:富含|含有丰富的?|满满的?(?:都是)?|大量的?|超多的?|很多的?|每[一1]口都是|全都是|rich in|packed with|loaded with|full of|lots of|plenty of|high in|a lot of|tons of|every (?:bite|sip|drop|spoonful) is)\s*(?:real|pure|natural|genuine|真正的?|天然的?)?\s*$/;
const RICH_AFTER = /^\s*(?:含量(?:很|超|非常|特别|超级)?(?:高(?!达)|丰富|足)|满满|超多|超级多|特别多|非常多)/;

function wordingClaims(text: string, sentence: Span, mentions: readonly IngredientMention[]): PlacedClaim[] {
  const out: PlacedClaim[] = [];
  for (const m of mentions) {
    if (m.start < sentence.start || m.end > sentence.end) continue;
    const before = text.slice(Math.max(sentence.start, m.start - 24), m.start);
    const after = text.slice(m.end, Math.min(sentence.end, m.end + 10));
    const phrase = (re: RegExp): string => (before.match(re)?.[0] ?? "") + text.slice(m.start, m.end);
    if (isPureName(text, m)) {
      out.push({ claim: { kind: "COMPOSITION_PURE", phrase: text.slice(m.start, m.end), ingredient: m.canonical }, at: m.start });
    } else if (PURE_BEFORE.test(before) && !/100%\s*$/.test(before)) {
      // 100% X is read as a share of 100 above; here only the words.
      out.push({ claim: { kind: "COMPOSITION_PURE", phrase: phrase(PURE_BEFORE), ingredient: m.canonical }, at: m.start - (before.match(PURE_BEFORE)?.[0].length ?? 0) });
    } else if (RICH_BEFORE.test(before)) {
      out.push({ claim: { kind: "COMPOSITION_RICH", phrase: phrase(RICH_BEFORE), ingredient: m.canonical }, at: m.start - (before.match(RICH_BEFORE)?.[0].length ?? 0) });
    } else if (RICH_AFTER.test(after)) {
      out.push({ claim: { kind: "COMPOSITION_RICH", phrase: text.slice(m.start, m.end) + after.match(RICH_AFTER)![0], ingredient: m.canonical }, at: m.start });
    }
  }
  return out;
}

/** Composition claims of one sentence; a purity said twice (纯棉, 100%棉) counts once per ingredient. */
export function compositionClaims(text: string, sentence: Span, mentions: readonly IngredientMention[]): PlacedClaim[] {
  const all = [...shareClaims(text, sentence, mentions), ...wordingClaims(text, sentence, mentions)];
  const seen = new Set<string>();
  return all.filter(({ claim }) => {
    const key = `${claim.kind}\u0000${claim.ingredient}\u0000${claim.percent ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
