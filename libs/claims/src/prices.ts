/** Reading a listing's price history at an event time. */
import type { PricePoint, ProductFacts } from "@redline/proto";

/** The price in effect at `atMs` on each channel ("" is this platform's own listing). */
export function pricesInEffect(history: readonly PricePoint[], atMs: number): Map<string, number> {
  const latest = new Map<string, PricePoint>();
  for (const point of history) {
    if (point.fromMs > atMs) continue;
    const seen = latest.get(point.channel);
    if (seen === undefined || point.fromMs > seen.fromMs) latest.set(point.channel, point);
  }
  return new Map([...latest].map(([channel, point]) => [channel, point.priceCents]));
}

/** The seller's price at `atMs`: the listing's current price, else its own history's. */
export function ownPriceAt(facts: ProductFacts, atMs: number): number | undefined {
  if (facts.priceCents > 0) return facts.priceCents;
  return pricesInEffect(facts.priceHistory, atMs).get("");
}

/** Own-channel prices in effect at some moment of [fromMs, toMs]. */
export function ownPricesDuring(history: readonly PricePoint[], fromMs: number, toMs: number): number[] {
  const own = history.filter((p) => p.channel === "" && p.fromMs <= toMs);
  const atStart = pricesInEffect(own, fromMs).get("");
  const within = own.filter((p) => p.fromMs > fromMs).map((p) => p.priceCents);
  return atStart === undefined ? within : [atStart, ...within];
}
