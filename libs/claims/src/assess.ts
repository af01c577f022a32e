/** One segment, read and checked: what the claims module does for each transcript segment. */
import type { ProductFacts } from "@redline/proto";
import { checkClaim, type ClaimCheck } from "./check";
import type { SegmentReading } from "./claim";
import { readSegment } from "./extract";
import type { ProductFactsLookup } from "./product-table";
import { resolveProduct } from "./resolve-product";

export interface SegmentAssessment {
  reading: SegmentReading;
  /** The product the claims were checked against ("" when none is known). */
  skuId: string;
  /** One check per claim checked; claims about an unnamed other product are not checked. */
  checks: ClaimCheck[];
}

/** Reads `text` (listing names help find ingredients) and checks its claims against `facts` at `atMs`. */
export function assessSegment(text: string, facts: ProductFacts | undefined, atMs: number): SegmentAssessment {
  const reading = readSegment(text, facts?.composition ?? []);
  return { reading, skuId: facts?.skuId ?? "", checks: reading.claims.map((claim) => checkClaim(claim, facts, atMs)) };
}

export interface SpokenSegment {
  text: string;
  roomId: string;
  /** The SKU on screen ("" unknown). */
  skuId: string;
  atMs: number;
}

/**
 * Finds the product a segment speaks of (named in the room, else on screen) and checks
 * its claims against that product's facts; a product named while another is on screen
 * answers for the claims the words tie to another product too.
 */
export function assessSpokenSegment(segment: SpokenSegment, products: ProductFactsLookup): SegmentAssessment {
  const product = resolveProduct(segment.text, segment.skuId, segment.roomId, segment.atMs, products);
  const reading = readSegment(segment.text, product.facts?.composition ?? []);
  const aboutOther = product.named && product.skuId !== segment.skuId;
  const claims = aboutOther ? [...reading.claims, ...reading.otherProductClaims] : reading.claims;
  return { reading, skuId: product.skuId, checks: claims.map((claim) => checkClaim(claim, product.facts, segment.atMs)) };
}
