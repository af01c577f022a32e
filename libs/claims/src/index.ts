/**
 * @redline/claims — what a streamer claims about the product on screen, read
 * from zh and en transcript segments (shares and purity of ingredients,
 * origin, certifications, genuineness, reference and lowest prices,
 * superlatives) and checked against the product's facts as they held at the
 * time: contradiction, consistent or unverifiable. Rule-based and pure; the
 * engine holds findings a short while so a correction withdraws them.
 *
 * @example
 * const table = new ProductTable();
 * table.upsert(facts); // from live.products
 * const { checks } = assessSegment("这款燕窝含量高达百分之三十", table.factsAt("sku-1", t), t);
 * checks[0].outcome; // "CONTRADICTION" when the label says 0.014 %
 */
export { assessSegment, assessSpokenSegment } from "./assess";
export type { SegmentAssessment, SpokenSegment } from "./assess";
export { resolveProduct } from "./resolve-product";
export type { ResolvedProduct } from "./resolve-product";
export { readSegment } from "./extract";
export type { DeclaredIngredient } from "./extract";
export { checkClaim, ORIGINAL_PRICE_LOOKBACK_MS } from "./check";
export type { ClaimCheck, Gravity, Outcome } from "./check";
export type { Bound, Claim, ClaimKind, SegmentReading } from "./claim";
export { ProductTable, DEFAULT_PRODUCT_TABLE_LIMITS } from "./product-table";
export type { ProductFactsLookup, ProductTableLimits } from "./product-table";
export { createRoomClaimHold, holdSegment, releaseDue } from "./claim-hold";
export type { HeldSegment, RoomClaimHold } from "./claim-hold";
export { normalizeNumbers } from "./numbers";
