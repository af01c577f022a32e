/**
 * The engine's `peerBaselineAt` (#12) over a baselines minute table: the
 * risk engine's (`MinuteTableFeed` of `risk.baselines`) and replay's
 * (`InProcessBaselines`) alike. Every engine partition writes its partial of
 * a group's window; the platform-wide sketch is their merge (exact, so any
 * spread of rooms over partitions gives the same one). A merge per read
 * would cost a decode per partition on every finding: merged sketches are
 * kept for the minute being read, the versions in force for it being final
 * once the hold lets an event of that minute through.
 */
import { mergePartials, minuteOf, type EncodedSketch, type QuantileSketch } from "@redline/baselines";
import type { EngineDeps } from "@redline/engine";

/** A table read the minute-versioned way (`MinuteVersionedTable.valuesAt`): each producer's version in force (null: withdrawn). */
export interface BaselinesTable {
  valuesAt(key: string, eventTimeMs: number): Map<number, EncodedSketch | null>;
}

function* present(partials: Iterable<EncodedSketch | null>): Iterable<EncodedSketch> {
  for (const p of partials) if (p !== null) yield p;
}

export function peerBaselineLookup(table: BaselinesTable): NonNullable<EngineDeps["peerBaselineAt"]> {
  let minuteMs = Number.NaN;
  let merged = new Map<string, QuantileSketch | undefined>();
  return (key, eventTimeMs) => {
    const minute = minuteOf(eventTimeMs);
    if (minute !== minuteMs) {
      minuteMs = minute;
      merged = new Map();
    }
    if (!merged.has(key)) merged.set(key, mergePartials(present(table.valuesAt(key, eventTimeMs).values())));
    return merged.get(key);
  };
}
