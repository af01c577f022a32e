import { createHash } from "node:crypto";

/**
 * Deterministic sampling by event id, so a redelivered event gets the same
 * decision and a replay archives the same sample.
 */
export function inSample(eventId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  const h = createHash("sha1").update(eventId).digest().readUInt32BE(0);
  return h / 0x1_0000_0000 < rate;
}
