/**
 * Checks one claim against the facts of the product on screen, as they held
 * at the claim's event time: a contradiction, consistent, or unverifiable
 * (the facts do not say). Only a contradiction, or a superlative no fact can
 * settle, is worth an alert; how grave it is rides on how far off it is.
 */
import { BrandAuthorisation, type ProductFacts } from "@redline/proto";
import type { Claim } from "./claim";
import { canonicalIngredient } from "./ingredients";
import { isOwnChannel, ownPriceAt, ownPricesDuring, pricesInEffect } from "./prices";

export type Outcome = "CONTRADICTION" | "CONSISTENT" | "UNVERIFIABLE";
/** How grave a finding is: LOW for an unverifiable superlative, MEDIUM or HIGH for a contradiction. */
export type Gravity = "NONE" | "LOW" | "MEDIUM" | "HIGH";

export interface ClaimCheck {
  claim: Claim;
  outcome: Outcome;
  gravity: Gravity;
  /** The fact the claim was held against, in words (evidence for an inspector). */
  fact: string;
}

/** Chinese rules on reference prices look back this far for a price actually charged. */
export const ORIGINAL_PRICE_LOOKBACK_MS = 30 * 24 * 3600 * 1000;
/** A composition this complete (percent declared) lists everything: an ingredient absent from it is at 0 %. */
const COMPLETE_COMPOSITION_PERCENT = 99;
/** Below this share a product is not "rich in" an ingredient (0.014 % bird's nest sold as rich in it). */
const RICH_MIN_PERCENT = 1;
const PURE_MIN_PERCENT = 99;
/** A share said within this much of the label's is right (labels round; a streamer reads them out). */
const SHARE_RELATIVE_TOLERANCE = 0.05;
const SHARE_ABSOLUTE_TOLERANCE = 0.05;
/** Rounding a label's amount up a little is not overstating it. */
const AMOUNT_TOLERANCE = 1.05;

const verdict = (claim: Claim, outcome: Outcome, fact: string, gravity: Gravity = outcome === "CONTRADICTION" ? "MEDIUM" : "NONE"): ClaimCheck => ({ claim, outcome, gravity, fact });
const yuan = (cents: number): string => (cents / 100).toFixed(2);

function declaredShare(claim: Claim, facts: ProductFacts): { percent: number | undefined; fact: string } | undefined {
  const target = claim.ingredient ?? "";
  const entry = facts.composition.find((i) => canonicalIngredient(i.name) === target || i.aliases.some((a) => canonicalIngredient(a) === target));
  if (entry !== undefined) {
    return { percent: entry.percent, fact: entry.percent === undefined ? `${entry.name}: no share declared` : `${entry.name} ${entry.percent} %` };
  }
  const declared = facts.composition.filter((i) => i.percent !== undefined);
  const total = declared.reduce((sum, i) => sum + (i.percent ?? 0), 0);
  if (declared.length === facts.composition.length && total >= COMPLETE_COMPOSITION_PERCENT) {
    return { percent: 0, fact: `no ${target} in the declared composition (${facts.composition.map((i) => `${i.name} ${i.percent} %`).join(", ")})` };
  }
  return undefined;
}

function checkShare(claim: Claim, actual: number, fact: string): ClaimCheck {
  const claimed = claim.percent ?? 0;
  const off =
    claim.bound === "AT_LEAST" ? actual < claimed - 0.5 : claim.bound === "AT_MOST" ? actual > claimed + 0.5 : Math.abs(claimed - actual) > Math.max(SHARE_ABSOLUTE_TOLERANCE, SHARE_RELATIVE_TOLERANCE * actual);
  if (!off) return verdict(claim, "CONSISTENT", fact);
  const gross = (claimed >= 10 * actual && claimed - actual >= 5) || Math.abs(claimed - actual) >= 30;
  return verdict(claim, "CONTRADICTION", fact, gross ? "HIGH" : "MEDIUM");
}

function checkComposition(claim: Claim, facts: ProductFacts): ClaimCheck {
  const share = declaredShare(claim, facts);
  if (share === undefined) return verdict(claim, "UNVERIFIABLE", `the listing does not declare ${claim.ingredient}`);
  if (share.percent === undefined) return verdict(claim, "UNVERIFIABLE", share.fact);
  const actual = share.percent;
  switch (claim.kind) {
    case "COMPOSITION_PURE":
      return actual >= PURE_MIN_PERCENT ? verdict(claim, "CONSISTENT", share.fact) : verdict(claim, "CONTRADICTION", share.fact, actual < 50 ? "HIGH" : "MEDIUM");
    case "COMPOSITION_RICH":
      return actual >= RICH_MIN_PERCENT ? verdict(claim, "CONSISTENT", share.fact) : verdict(claim, "CONTRADICTION", share.fact, actual < 0.1 ? "HIGH" : "MEDIUM");
    default:
      return checkShare(claim, actual, share.fact);
  }
}

function checkOrigin(claim: Claim, facts: ProductFacts): ClaimCheck {
  if (facts.originCountry === "") return verdict(claim, "UNVERIFIABLE", "the listing declares no origin");
  const fact = `origin ${facts.originCountry}`;
  if (claim.kind === "IMPORTED") return verdict(claim, facts.originCountry.toUpperCase() === "CN" ? "CONTRADICTION" : "CONSISTENT", fact);
  return verdict(claim, facts.originCountry.toUpperCase() === claim.country ? "CONSISTENT" : "CONTRADICTION", fact);
}

function checkCertification(claim: Claim, facts: ProductFacts): ClaimCheck {
  const family = claim.certification ?? "";
  const held = facts.certifications.map((c) => c.toUpperCase().replace(/[\s-]/g, "_"));
  const fact = held.length === 0 ? "no certification held" : `certifications held: ${held.join(", ")}`;
  return verdict(claim, held.some((c) => c.includes(family)) ? "CONSISTENT" : "CONTRADICTION", fact);
}

function checkGenuine(claim: Claim, facts: ProductFacts): ClaimCheck {
  switch (facts.brandAuthorisation) {
    case BrandAuthorisation.BRAND_AUTHORISATION_AUTHORISED:
      return verdict(claim, "CONSISTENT", "the seller is authorised by the brand");
    case BrandAuthorisation.BRAND_AUTHORISATION_NOT_AUTHORISED:
      return verdict(claim, "CONTRADICTION", `the seller holds no authorisation from ${facts.brand || "the brand"}`, "HIGH");
    default:
      return verdict(claim, "UNVERIFIABLE", "the brand authorisation is not known");
  }
}

function checkPrice(claim: Claim, facts: ProductFacts, atMs: number): ClaimCheck {
  const own = ownPriceAt(facts, atMs);
  if (claim.kind === "ORIGINAL_PRICE") {
    const charged = ownPricesDuring(facts.priceHistory, atMs - ORIGINAL_PRICE_LOOKBACK_MS, atMs);
    if (charged.length === 0) return verdict(claim, "UNVERIFIABLE", "no price history");
    const highest = Math.max(...charged);
    const fact = `highest price charged in the last 30 days ${yuan(highest)}`;
    const claimed = claim.priceCents ?? 0;
    if (claimed <= highest * 1.01) return verdict(claim, "CONSISTENT", fact);
    return verdict(claim, "CONTRADICTION", fact, claimed >= highest * 1.5 ? "HIGH" : "MEDIUM");
  }
  if (own === undefined) return verdict(claim, "UNVERIFIABLE", "no current price", "LOW");
  if (claim.kind === "LOWEST_PRICE_MARKET") {
    const elsewhere = [...pricesInEffect(facts.priceHistory, atMs)].filter(([channel]) => !isOwnChannel(channel));
    if (elsewhere.length === 0) return verdict(claim, "UNVERIFIABLE", "no price seen elsewhere", "LOW");
    const cheaper = elsewhere.filter(([, cents]) => cents < own);
    if (cheaper.length === 0) return verdict(claim, "CONSISTENT", `price ${yuan(own)}, lowest of ${elsewhere.length + 1} channels`);
    return verdict(claim, "CONTRADICTION", `price ${yuan(own)}; ${cheaper.map(([c, cents]) => `${c} ${yuan(cents)}`).join(", ")}`);
  }
  const before = facts.priceHistory.filter((p) => isOwnChannel(p.channel) && p.fromMs < atMs).map((p) => p.priceCents);
  if (before.length === 0) return verdict(claim, "UNVERIFIABLE", "no price history", "LOW");
  const lowest = Math.min(...before);
  const fact = `price ${yuan(own)}, lowest before ${yuan(lowest)}`;
  return verdict(claim, own <= lowest ? "CONSISTENT" : "CONTRADICTION", fact);
}

function checkQuantity(claim: Claim, facts: ProductFacts): ClaimCheck {
  const net = facts.netQuantity;
  const claimed = claim.quantity ?? 0;
  if (claim.kind === "UNIT_COUNT") {
    if (net === undefined || net.unitCount === 0) return verdict(claim, "UNVERIFIABLE", "no unit count declared");
    return verdict(claim, claimed > net.unitCount ? "CONTRADICTION" : "CONSISTENT", `${net.unitCount} units declared`);
  }
  if (net === undefined || net.perUnitAmount === 0 || (net.unit !== "" && claim.unit !== net.unit)) return verdict(claim, "UNVERIFIABLE", "no comparable amount per unit declared");
  return verdict(claim, claimed > net.perUnitAmount * AMOUNT_TOLERANCE ? "CONTRADICTION" : "CONSISTENT", `${net.perUnitAmount} ${net.unit} per unit declared`);
}

/** Checks `claim` against `facts` (undefined: no SKU on screen, or none known) as they held at `atMs`. */
export function checkClaim(claim: Claim, facts: ProductFacts | undefined, atMs: number): ClaimCheck {
  if (claim.kind === "SUPERLATIVE") return verdict(claim, "UNVERIFIABLE", "no fact can settle a superlative", "LOW");
  if (facts === undefined) {
    const superlative = claim.kind === "LOWEST_PRICE_MARKET" || claim.kind === "LOWEST_PRICE_EVER";
    return verdict(claim, "UNVERIFIABLE", "no facts for the product on screen", superlative ? "LOW" : "NONE");
  }
  switch (claim.kind) {
    case "COMPOSITION_SHARE":
    case "COMPOSITION_PURE":
    case "COMPOSITION_RICH":
      return checkComposition(claim, facts);
    case "ORIGIN":
    case "IMPORTED":
      return checkOrigin(claim, facts);
    case "CERTIFICATION":
      return checkCertification(claim, facts);
    case "GENUINE":
      return checkGenuine(claim, facts);
    case "UNIT_COUNT":
    case "UNIT_AMOUNT":
      return checkQuantity(claim, facts);
    default:
      return checkPrice(claim, facts, atMs);
  }
}
