/**
 * The `live.products` table as the engine reads it: for each SKU the versions
 * of its facts, each holding from its own `validFromMs` (event time), so a
 * claim is checked against the facts in force when it was spoken whether the
 * table was read before or after the transcript — the service and a replay
 * see the same answer. Bounded: the SKUs updated longest ago go first, and
 * each SKU keeps its latest few versions.
 */
import type { ProductFacts } from "@redline/proto";

/** What a claims check needs of the table. */
export interface ProductFactsLookup {
  /** The version of `skuId`'s facts in force at `atMs`, if any. */
  factsAt(skuId: string, atMs: number): ProductFacts | undefined;
  /** The SKUs whose facts list `roomId`, in the order first listed. */
  skusListedIn(roomId: string): readonly string[];
}

export interface ProductTableLimits {
  maxSkus: number;
  maxVersionsPerSku: number;
}

export const DEFAULT_PRODUCT_TABLE_LIMITS: Readonly<ProductTableLimits> = Object.freeze({ maxSkus: 200_000, maxVersionsPerSku: 8 });

export class ProductTable implements ProductFactsLookup {
  /** Versions ordered by validFromMs; Map order is least recently updated first. */
  private readonly versions = new Map<string, ProductFacts[]>();
  private evicted = 0;
  /** roomId → SKUs listed there, from every version held. */
  private readonly byRoom = new Map<string, Set<string>>();

  constructor(private readonly limits: Readonly<ProductTableLimits> = DEFAULT_PRODUCT_TABLE_LIMITS) {}

  /** Adds a version of a SKU's facts; the same validFromMs again replaces it (a re-sent record). */
  upsert(facts: ProductFacts): void {
    const list = (this.versions.get(facts.skuId) ?? []).filter((v) => v.validFromMs !== facts.validFromMs);
    list.push(facts);
    list.sort((a, b) => a.validFromMs - b.validFromMs);
    if (list.length > this.limits.maxVersionsPerSku) list.splice(0, list.length - this.limits.maxVersionsPerSku);
    this.versions.delete(facts.skuId);
    this.versions.set(facts.skuId, list);
    for (const listing of facts.listings) {
      const skus = this.byRoom.get(listing.roomId) ?? new Set<string>();
      skus.add(facts.skuId);
      this.byRoom.set(listing.roomId, skus);
    }
    while (this.versions.size > this.limits.maxSkus) {
      this.remove(this.versions.keys().next().value as string);
      this.evicted++;
    }
  }

  /** A tombstone: the SKU is withdrawn and its facts forgotten. */
  remove(skuId: string): void {
    for (const facts of this.versions.get(skuId) ?? []) {
      for (const listing of facts.listings) {
        const skus = this.byRoom.get(listing.roomId);
        skus?.delete(skuId);
        if (skus?.size === 0) this.byRoom.delete(listing.roomId);
      }
    }
    this.versions.delete(skuId);
  }

  skusListedIn(roomId: string): readonly string[] {
    return [...(this.byRoom.get(roomId) ?? [])];
  }

  factsAt(skuId: string, atMs: number): ProductFacts | undefined {
    const list = this.versions.get(skuId);
    if (list === undefined) return undefined;
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.validFromMs <= atMs) return list[i];
    return undefined;
  }

  get size(): number {
    return this.versions.size;
  }

  /** SKUs dropped because `maxSkus` was reached. */
  get evictedSkus(): number {
    return this.evicted;
  }
}
