/**
 * Space-saving heavy hitters: the k most frequent keys of a stream in O(k)
 * memory. A new key replaces the current minimum and inherits its count as
 * error, so tracked counts overestimate by at most `errors[i]`.
 */
export interface SpaceSaving {
  capacity: number;
  keys: string[];
  counts: number[];
  errors: number[];
  total: number;
}

export function createSpaceSaving(capacity = 16): SpaceSaving {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`space-saving capacity must be >= 1, got ${capacity}`);
  return { capacity, keys: [], counts: [], errors: [], total: 0 };
}

export function ssAdd(ss: SpaceSaving, key: string, amount = 1): void {
  ss.total += amount;
  const at = ss.keys.indexOf(key);
  if (at >= 0) {
    ss.counts[at]! += amount;
    return;
  }
  if (ss.keys.length < ss.capacity) {
    ss.keys.push(key);
    ss.counts.push(amount);
    ss.errors.push(0);
    return;
  }
  let min = 0;
  for (let i = 1; i < ss.counts.length; i++) if (ss.counts[i]! < ss.counts[min]!) min = i;
  const floor = ss.counts[min]!;
  ss.keys[min] = key;
  ss.counts[min] = floor + amount;
  ss.errors[min] = floor;
}

/** Tracked keys by count, highest first; ties broken by key so the order is deterministic. */
export function ssTop(ss: SpaceSaving, n: number): Array<{ key: string; count: number }> {
  return ss.keys
    .map((key, i) => ({ key, count: ss.counts[i]! }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, n);
}
