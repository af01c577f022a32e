/**
 * Which product a segment speaks of. Streamers name products while another
 * is on screen (上一款的蜂蜜, link 3's cream) and speak with nothing on
 * screen at all: a product the room lists, named in the words by its name,
 * an alias or its link number, wins; otherwise the one on screen.
 */
import type { ProductFacts } from "@redline/proto";
import { normalizeNumbers } from "./numbers";
import type { ProductFactsLookup } from "./product-table";

export interface ResolvedProduct {
  skuId: string;
  facts: ProductFacts | undefined;
  /** Named in the words rather than taken from the screen. */
  named: boolean;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Length of the longest way `facts` is named in `text` (0: not named). */
function namedLength(text: string, facts: ProductFacts, roomId: string): number {
  let best = 0;
  for (const raw of [facts.name, ...facts.aliases]) {
    const name = normalizeNumbers(raw).trim();
    if (name.length < 2) continue;
    const pattern = /^[a-z0-9' .-]+$/.test(name) ? new RegExp(`\\b${escape(name)}s?\\b`) : new RegExp(escape(name));
    if (pattern.test(text)) best = Math.max(best, name.length);
  }
  const link = facts.listings.find((l) => l.roomId === roomId)?.linkNumber ?? 0;
  if (link > 0 && new RegExp(`(?:^|[^\\d])${link}号(?:链接|宝贝|商品)|\\blink (?:number |no\\.? ?|#)?${link}\\b|#${link}\\b`).test(text)) best = Math.max(best, 100);
  return best;
}

export function resolveProduct(text: string, onScreenSkuId: string, roomId: string, atMs: number, products: ProductFactsLookup): ResolvedProduct {
  const s = normalizeNumbers(text);
  const candidates = new Set([...products.skusListedIn(roomId), ...(onScreenSkuId === "" ? [] : [onScreenSkuId])]);
  let best: { skuId: string; facts: ProductFacts; length: number } | undefined;
  for (const skuId of candidates) {
    const facts = products.factsAt(skuId, atMs);
    if (facts === undefined) continue;
    const length = namedLength(s, facts, roomId);
    if (length === 0) continue;
    if (best === undefined || length > best.length || (length === best.length && skuId === onScreenSkuId)) best = { skuId, facts, length };
  }
  if (best !== undefined) return { skuId: best.skuId, facts: best.facts, named: true };
  return { skuId: onScreenSkuId, facts: onScreenSkuId === "" ? undefined : products.factsAt(onScreenSkuId, atMs), named: false };
}
