/**
 * Rings of buyers: the room's buyers joined whenever they share a payment
 * account or a device (union-find, plain maps so snapshots stay exact).
 * A mule ring spreads over several cards and phones so that no single key
 * looks like more than a household; the component it forms does not. Shared
 * addresses do not link, because a campus locker links hundreds of students.
 */

/** Parent of each linked buyer (a root has none) and the size of each root's component. */
export interface BuyerRings {
  parent: Map<string, string>;
  size: Map<string, number>;
}

export function createBuyerRings(): BuyerRings {
  return { parent: new Map(), size: new Map() };
}

function rootOf(rings: BuyerRings, userId: string): string {
  let x = userId;
  for (let p = rings.parent.get(x); p !== undefined; p = rings.parent.get(x)) x = p;
  return x;
}

/** Buyers in `userId`'s ring (1 when it shares nothing). */
export function ringSize(rings: BuyerRings, userId: string): number {
  return rings.size.get(rootOf(rings, userId)) ?? 1;
}

/**
 * Links two buyers. Once `capacity` buyers are linked, new ones stay alone
 * (the state is bounded; a room with that many linked buyers has alerted).
 * The larger component absorbs the smaller, ties by id, so the structure is
 * the same whatever the order of equal-time events.
 */
export function linkBuyers(rings: BuyerRings, a: string, b: string, capacity: number): void {
  if (a === b) return;
  const ra = rootOf(rings, a);
  const rb = rootOf(rings, b);
  if (ra === rb) return;
  const sa = rings.size.get(ra) ?? 1;
  const sb = rings.size.get(rb) ?? 1;
  const fresh = (sa === 1 ? 1 : 0) + (sb === 1 ? 1 : 0);
  if (rings.parent.size + rings.size.size + fresh > capacity) return;
  const [root, child] = sa > sb || (sa === sb && ra < rb) ? [ra, rb] : [rb, ra];
  rings.parent.set(child, root);
  rings.size.delete(child);
  rings.size.set(root, sa + sb);
}
