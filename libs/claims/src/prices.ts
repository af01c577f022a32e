/**
 * Reading a listing's price history at an event time. Channels: "" is this
 * listing, "own:<name>" the seller's other shops (a reference price may cite
 * them), anything else a price seen elsewhere.
 */
import type { PricePoint, ProductFacts } from "@redline/proto";

export function isOwnChannel(channel: string): boolean {
  return channel === "" || channel.startsWith("own:");
}

/** The price in effect at `atMs` on each channel. */
export function pricesInEffect(history: readonly PricePoint[], atMs: number): Map<string, number> {
  const latest = new Map<string, PricePoint>();
  for (const point of history) {
    if (point.fromMs > atMs) continue;
    const seen = latest.get(point.channel);
    if (seen === undefined || point.fromMs > seen.fromMs) latest.set(point.channel, point);
  }
  return new Map([...latest].map(([channel, point]) => [channel, point.priceCents]));
}

/** The seller's price at `atMs`: the listing's current price, else this listing's, else its cheapest own shop's. */
export function ownPriceAt(facts: ProductFacts, atMs: number): number | undefined {
  if (facts.priceCents > 0) return facts.priceCents;
  const inEffect = pricesInEffect(facts.priceHistory, atMs);
  const here = inEffect.get("");
  if (here !== undefined) return here;
  const own = [...inEffect].filter(([c]) => isOwnChannel(c)).map(([, cents]) => cents);
  return own.length === 0 ? undefined : Math.min(...own);
}

/** Prices the seller charged (any own channel) at some moment of [fromMs, toMs]. */
export function ownPricesDuring(history: readonly PricePoint[], fromMs: number, toMs: number): number[] {
  const own = history.filter((p) => isOwnChannel(p.channel) && p.fromMs <= toMs);
  const atStart = [...pricesInEffect(own, fromMs).values()];
  const within = own.filter((p) => p.fromMs > fromMs).map((p) => p.priceCents);
  return [...atStart, ...within];
}
