/**
 * Min-heap of events ordered by (eventTimeMs, eventId): the order in which the
 * engine applies events, so any interleaving of the same input gives the
 * same result. O(log n) push and pop.
 */
import type { LiveEvent } from "@redline/proto";

export function eventBefore(a: LiveEvent, b: LiveEvent): boolean {
  return a.eventTimeMs < b.eventTimeMs || (a.eventTimeMs === b.eventTimeMs && a.eventId < b.eventId);
}

/** Without a destructuring swap, whose temporary array the optimiser does not always remove. */
function swap(a: LiveEvent[], i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

export class EventHeap {
  constructor(readonly items: LiveEvent[] = []) {}

  get size(): number {
    return this.items.length;
  }

  peek(): LiveEvent | undefined {
    return this.items[0];
  }

  push(event: LiveEvent): void {
    const a = this.items;
    a.push(event);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!eventBefore(a[i]!, a[parent]!)) break;
      swap(a, i, parent);
      i = parent;
    }
  }

  pop(): LiveEvent | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && eventBefore(a[l]!, a[m]!)) m = l;
        if (r < a.length && eventBefore(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        swap(a, i, m);
        i = m;
      }
    }
    return top;
  }
}
