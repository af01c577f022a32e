/**
 * Reads one transcript segment: the claims the streamer makes about the
 * product on screen, those about another product, and whether it takes back
 * what was said just before. Rule-based; zh and en alike, since numbers and
 * case are normalised first.
 */
import type { Claim, SegmentReading } from "./claim";
import { compositionClaims, type PlacedClaim } from "./composition-claims";
import { findIngredients, ingredientNames } from "./ingredients";
import { normalizeNumbers } from "./numbers";
import { productClaims } from "./product-claims";
import { clausesOf, correctionEnd, isAboutOtherProduct, isNegated, isQuestion, ownsUpToJoke, quotedSpans, sentencesOf } from "./scope";

/** Ingredient names a listing declares, so the extractor finds names its lexicon lacks. */
export interface DeclaredIngredient {
  name: string;
  aliases: readonly string[];
}

export function readSegment(text: string, declared: readonly DeclaredIngredient[] = []): SegmentReading {
  const s = normalizeNumbers(text);
  const mentions = findIngredients(s, ingredientNames(declared));
  const takenBackBefore = correctionEnd(s);
  const joke = ownsUpToJoke(s);
  const claims: Claim[] = [];
  const otherProductClaims: Claim[] = [];
  for (const sentence of sentencesOf(s)) {
    if (joke || isQuestion(s.slice(sentence.start, sentence.end))) continue;
    const quotes = quotedSpans(s, sentence);
    const clauses = clausesOf(s, sentence);
    const placed: PlacedClaim[] = [...compositionClaims(s, sentence, mentions), ...productClaims(s, sentence)];
    placed.sort((a, b) => a.at - b.at);
    for (const { claim, at } of placed) {
      if (at < takenBackBefore) continue;
      if (quotes.some((q) => at >= q.start && at < q.end)) continue;
      const clause = clauses.find((c) => at >= c.start && at < c.end) ?? sentence;
      if (isQuestion(s.slice(clause.start, clause.end)) || isNegated(s, clause, at)) continue;
      (isAboutOtherProduct(s, clause) ? otherProductClaims : claims).push(claim);
    }
  }
  return { claims, otherProductClaims, retractsEarlier: takenBackBefore >= 0 || joke };
}
