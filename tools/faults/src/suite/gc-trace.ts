/** One full (mark-compact) collection from V8's `--trace-gc` output. */
export interface FullGc {
  /** Minutes since the process started. */
  atMin: number;
  /** Heap in use after the collection: what is live. */
  liveMb: number;
  /** Heap V8 had reserved after it. */
  committedMb: number;
}

// e.g. "[1234:0x5f0e]    61234 ms: Mark-Compact 95.3 (110.2) -> 80.1 (112.4) MB, 12.1 / 0.0 ms  (average mu = ...)"
const MARK_COMPACT = /\s(\d+(?:\.\d+)?) ms: Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \(([\d.]+)\) MB/;

/**
 * The full collections in a process's output under `node --trace-gc`. RSS alone cannot tell a leak from
 * V8 growing its heap to a steady size (the 15-minute soak's engine: RSS +5.6 MB/min with state flat);
 * the heap left after each mark-compact is what the program still holds (issue 17).
 */
export function fullGcs(output: string): FullGc[] {
  const out: FullGc[] = [];
  for (const line of output.split("\n")) {
    const m = MARK_COMPACT.exec(line);
    if (m) out.push({ atMin: Number(m[1]) / 60_000, liveMb: Number(m[2]), committedMb: Number(m[3]) });
  }
  return out;
}
