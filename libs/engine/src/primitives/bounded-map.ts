/**
 * Map with a hard size cap: inserting beyond the cap evicts the oldest
 * inserted entry (FIFO). Refreshing recency on every read (true LRU) cost
 * more than half the engine's time in profiles, and at the caps used (8k
 * accounts per room) only a room bigger than the cap loses anything: the
 * state of its oldest accounts, which then starts over.
 */
export function boundedGet<V>(map: Map<string, V>, key: string): V | undefined {
  return map.get(key);
}

/** Gets or creates the entry for `key`, evicting the oldest entry past `capacity`. */
export function boundedUpsert<V>(map: Map<string, V>, key: string, capacity: number, create: () => V): V {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const v = create();
  map.set(key, v);
  if (map.size > capacity) {
    const oldest = map.keys().next().value as string;
    map.delete(oldest);
  }
  return v;
}
