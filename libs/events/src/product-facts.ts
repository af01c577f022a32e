import { BrandAuthorisation, ProductFacts } from "@redline/proto";
import { decodeMessage } from "./codec";
import { encodingOf } from "./content-type";
import { InvalidEventError } from "./errors";
import type { ValidationLimits } from "./limits";
import { checkIdLength, checkInt64, checkText, requireId } from "./validate";

/** A `live.products` record as its readers see it: compacted, keyed by skuId. */
export interface ProductFactsRecord {
  key: string | undefined;
  /** `null` or empty: a tombstone that withdraws the SKU. */
  value: Uint8Array | null;
  contentType: string | undefined;
}

/** A decoded `live.products` record: a version of the facts, or the SKU's withdrawal. */
export type ProductFactsUpdate = { skuId: string; facts: ProductFacts } | { skuId: string; facts: null };

/** Labels declare shares to one decimal at best; a sum past this is a typo, not rounding. */
const MAX_COMPOSITION_TOTAL_PERCENT = 100.5;

function invalid(reason: "INVALID_FIELD" | "NEGATIVE_AMOUNT" | "MISSING_FIELD", detail: string, context: Record<string, unknown> = {}): never {
  throw new InvalidEventError(reason, detail, { context });
}

function checkComposition(facts: ProductFacts, limits: ValidationLimits): void {
  let total = 0;
  facts.composition.forEach((ingredient, i) => {
    const field = `composition[${i}]`;
    if (ingredient.name === "") invalid("MISSING_FIELD", `${field}.name is required`, { field });
    checkText(ingredient.name, `${field}.name`, limits);
    for (const alias of ingredient.aliases) checkText(alias, `${field}.aliases`, limits);
    const percent = ingredient.percent;
    if (percent === undefined) return;
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
      invalid("INVALID_FIELD", `${field}.percent must be within [0, 100], got ${String(percent)}`, { field });
    }
    total += percent;
  });
  if (total > MAX_COMPOSITION_TOTAL_PERCENT) {
    invalid("INVALID_FIELD", `composition adds up to ${total.toFixed(1)} %, more than 100 %`, { totalPercent: total });
  }
}

function checkPrices(facts: ProductFacts, limits: ValidationLimits): void {
  checkInt64(facts.priceCents, "priceCents");
  if (facts.priceCents < 0) invalid("NEGATIVE_AMOUNT", `priceCents is ${facts.priceCents}`);
  facts.priceHistory.forEach((point, i) => {
    checkInt64(point.fromMs, `priceHistory[${i}].fromMs`);
    checkInt64(point.priceCents, `priceHistory[${i}].priceCents`);
    if (point.priceCents < 0) invalid("NEGATIVE_AMOUNT", `priceHistory[${i}].priceCents is ${point.priceCents}`);
    checkIdLength(point.channel, `priceHistory[${i}].channel`, limits);
  });
}

/** Enforces what the type system cannot on one version of a product's facts; returns it when valid. */
export function validateProductFacts(facts: ProductFacts, limits: ValidationLimits): ProductFacts {
  requireId(facts.skuId, "skuId", limits);
  checkIdLength(facts.platform, "platform", limits);
  checkInt64(facts.validFromMs, "validFromMs");
  if (facts.validFromMs <= 0) invalid("MISSING_FIELD", "validFromMs is required: a version of the facts holds from a time");
  checkText(facts.name, "name", limits);
  checkText(facts.brand, "brand", limits);
  checkIdLength(facts.originCountry, "originCountry", limits);
  checkIdLength(facts.currency, "currency", limits);
  for (const code of facts.certifications) checkIdLength(code, "certifications", limits);
  for (const alias of facts.aliases) checkText(alias, "aliases", limits);
  for (const listing of facts.listings) requireId(listing.roomId, "listings.roomId", limits);
  checkComposition(facts, limits);
  checkPrices(facts, limits);
  // An unknown authorisation value means unknown, as every enum of the contract.
  if (typeof BrandAuthorisation[facts.brandAuthorisation] !== "string" || facts.brandAuthorisation < 0) {
    facts.brandAuthorisation = BrandAuthorisation.BRAND_AUTHORISATION_UNSPECIFIED;
  }
  return facts;
}

/**
 * The one decision on whether a `live.products` record is valid, for every
 * reader of the table. A record's key must be its skuId: compaction keeps the
 * latest record per key, so a mismatch would let one SKU's facts shadow another's.
 */
export function decodeProductFacts(record: ProductFactsRecord, limits: ValidationLimits): ProductFactsUpdate {
  const key = record.key ?? "";
  if (record.value === null || record.value.length === 0) {
    if (key === "") invalid("MISSING_FIELD", "a tombstone needs the skuId as its key");
    return { skuId: key, facts: null };
  }
  const encoding = encodingOf(record.contentType);
  let facts: ProductFacts;
  try {
    facts = decodeMessage(ProductFacts, record.value, encoding);
  } catch (err) {
    throw new InvalidEventError("UNDECODABLE", `not a ${encoding} ProductFacts: ${(err as Error).message}`, {
      cause: err,
      context: { encoding, bytes: record.value.length },
    });
  }
  validateProductFacts(facts, limits);
  if (key !== facts.skuId) invalid("INVALID_FIELD", "the record's key is not its skuId", { skuIdLength: facts.skuId.length });
  return { skuId: facts.skuId, facts };
}
