/**
 * Maps with a hard size cap, on a plain `Map`'s insertion order: inserting
 * beyond the cap evicts the oldest inserted entry (FIFO). Refreshing recency
 * on every read (true LRU) cost more than half the engine's time in
 * profiles, and at the engine's caps (8k accounts per room) only a room
 * bigger than the cap loses anything: the state of its oldest accounts,
 * which then starts over. Where recency does matter (a window, a last-seen
 * map, a session), the writer re-inserts the key with `setMostRecent`.
 */

/**
 * Drops the oldest entries until `map` holds at most `capacity`; returns how many it dropped. `onEvict`
 * sees each dropped value and its key, for a caller that keeps references to values elsewhere and must retire them.
 */
export function evictOldest<K, V>(map: Map<K, V>, capacity: number, onEvict?: (value: V, key: K) => void): number {
  let dropped = 0;
  while (map.size > capacity) {
    const [key, value] = map.entries().next().value as [K, V];
    map.delete(key);
    onEvict?.(value, key);
    dropped++;
  }
  return dropped;
}

/** Gets or creates the entry for `key`, evicting the oldest entry past `capacity` (each seen by `onEvict`). */
export function boundedUpsert<V>(map: Map<string, V>, key: string, capacity: number, create: () => V, onEvict?: (value: V, key: string) => void): V {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const v = create();
  map.set(key, v);
  if (map.size > capacity) evictOldest(map, capacity, onEvict);
  return v;
}

/** Sets `key` to `value` as the most recent entry, evicting the oldest past `capacity`. */
export function setMostRecent<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  evictOldest(map, capacity);
}
