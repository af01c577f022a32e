/** One segment, read and checked: what the claims module does for each transcript segment. */
import type { ProductFacts } from "@redline/proto";
import { checkClaim, type ClaimCheck } from "./check";
import type { SegmentReading } from "./claim";
import { readSegment } from "./extract";

export interface SegmentAssessment {
  reading: SegmentReading;
  /** One check per claim about the product on screen; claims about another product are not checked. */
  checks: ClaimCheck[];
}

/** Reads `text` (listing names help find ingredients) and checks its claims against `facts` at `atMs`. */
export function assessSegment(text: string, facts: ProductFacts | undefined, atMs: number): SegmentAssessment {
  const reading = readSegment(text, facts?.composition ?? []);
  return { reading, checks: reading.claims.map((claim) => checkClaim(claim, facts, atMs)) };
}
