/**
 * Bounded evidence: the most telling event ids for one finding. Keeps the
 * `capacity` heaviest, ties to the earlier event, so the list is the same
 * for the same input and never grows with the attack.
 */
export interface EvidenceItem {
  eventId: string;
  weight: number;
  timeMs: number;
}

function heavier(a: EvidenceItem, b: EvidenceItem): boolean {
  return a.weight > b.weight || (a.weight === b.weight && (a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.eventId < b.eventId)));
}

/** Inserts keeping `list` sorted heaviest first and at most `capacity` long. */
export function addEvidence(list: EvidenceItem[], item: EvidenceItem, capacity: number): void {
  if (list.length >= capacity && !heavier(item, list[list.length - 1]!)) return;
  let i = list.length;
  while (i > 0 && heavier(item, list[i - 1]!)) i--;
  list.splice(i, 0, item);
  if (list.length > capacity) list.pop();
}
