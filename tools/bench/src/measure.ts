export interface ThroughputResult {
  name: string;
  items: number;
  elapsedMs: number;
  perSecond: number;
}

/**
 * Runs `fn` over every item `rounds` times after one warm-up pass and keeps
 * the best round: the machine is shared, so the fastest round is the least
 * disturbed estimate of what the code can do.
 */
export function measureThroughput<T>(
  name: string,
  items: readonly T[],
  fn: (item: T) => unknown,
  rounds = 3,
): ThroughputResult {
  let sink = 0;
  for (const item of items) if (fn(item) !== undefined) sink++;
  let bestMs = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (const item of items) if (fn(item) !== undefined) sink++;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    bestMs = Math.min(bestMs, ms);
  }
  if (sink < 0) throw new Error("unreachable: keeps the calls from being optimised away");
  return { name, items: items.length, elapsedMs: bestMs, perSecond: (items.length / bestMs) * 1000 };
}

/** Prints results with each one's ratio to the first (the baseline). */
export function printTable(title: string, results: readonly ThroughputResult[]): void {
  const base = results[0];
  process.stdout.write(`\n## ${title}\n\n| what | items/s | ratio to ${base?.name ?? "-"} |\n|---|---:|---:|\n`);
  for (const r of results) {
    const ratio = base ? r.perSecond / base.perSecond : 1;
    process.stdout.write(`| ${r.name} | ${Math.round(r.perSecond).toLocaleString("en-US")} | ${ratio.toFixed(2)} |\n`);
  }
}
