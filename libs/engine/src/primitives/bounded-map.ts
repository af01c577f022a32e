/**
 * Insertion-ordered map with a hard size cap: inserting beyond the cap evicts
 * the least recently touched entry. O(1) per operation (Map keeps order).
 */
export function boundedGet<V>(map: Map<string, V>, key: string): V | undefined {
  const v = map.get(key);
  if (v !== undefined) {
    // Re-insert to mark as most recently used.
    map.delete(key);
    map.set(key, v);
  }
  return v;
}

/** Gets or creates the entry for `key`, evicting the oldest entry past `capacity`. */
export function boundedUpsert<V>(map: Map<string, V>, key: string, capacity: number, create: () => V): V {
  const existing = boundedGet(map, key);
  if (existing !== undefined) return existing;
  const v = create();
  map.set(key, v);
  if (map.size > capacity) {
    const oldest = map.keys().next().value as string;
    map.delete(oldest);
  }
  return v;
}
