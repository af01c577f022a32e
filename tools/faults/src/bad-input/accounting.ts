import { DLQ_HEADERS } from "@redline/kafka";
import { CLASS_HEADER, FAULT_CLASSES, SEQ_HEADER, type RecordClass } from "./fault-classes";

/** One class's outcome: how many were sent, processed by the engine, and dead-lettered by reason. */
export interface ClassTally {
  recordClass: RecordClass;
  sent: number;
  processed: number;
  deadLettered: number;
  byReason: Record<string, number>;
}

export interface DeadLetter {
  headers: Record<string, string>;
}

export interface Accounting {
  classes: ClassTally[];
  /** Dead letters that name no class or sequence number of this run, or one of them (or one input offset) twice. */
  unaccounted: string[];
}

/**
 * Matches every dead letter to the record it came from (the class and
 * sequence headers the DLQ keeps) and counts the rest of each class as
 * processed: the engine has committed past every input record, so a record
 * not dead-lettered was handled.
 */
export function tally(sent: ReadonlyMap<RecordClass, number>, deadLetters: readonly DeadLetter[]): Accounting {
  const unaccounted: string[] = [];
  const seen = new Set<string>();
  const sources = new Set<string>();
  const rows = new Map<RecordClass, ClassTally>();
  for (const c of [...FAULT_CLASSES, "valid"] as RecordClass[]) {
    rows.set(c, { recordClass: c, sent: sent.get(c) ?? 0, processed: 0, deadLettered: 0, byReason: {} });
  }
  for (const d of deadLetters) {
    const c = d.headers[CLASS_HEADER] as RecordClass | undefined;
    const seq = d.headers[SEQ_HEADER];
    const row = c === undefined ? undefined : rows.get(c);
    if (row === undefined || seq === undefined || seen.has(seq)) {
      unaccounted.push(`class ${String(c)} seq ${String(seq)}`);
      continue;
    }
    seen.add(seq);
    const source = [DLQ_HEADERS.sourceTopic, DLQ_HEADERS.sourcePartition, DLQ_HEADERS.sourceOffset].map((h) => d.headers[h]).join("/");
    if (sources.has(source)) unaccounted.push(`input record ${source} dead-lettered twice`);
    sources.add(source);
    const reason = d.headers[DLQ_HEADERS.reason] ?? "NO_REASON";
    row.deadLettered += 1;
    row.byReason[reason] = (row.byReason[reason] ?? 0) + 1;
  }
  for (const row of rows.values()) row.processed = row.sent - row.deadLettered;
  return { classes: [...rows.values()], unaccounted };
}

/** Sums a counter's samples in a Prometheus exposition, by one label's value. */
export function counterByLabel(exposition: string, metric: string, label: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of exposition.split("\n")) {
    if (!line.startsWith(`${metric}{`)) continue;
    const value = new RegExp(`${label}="([^"]*)"`).exec(line)?.[1] ?? "";
    out.set(value, (out.get(value) ?? 0) + Number(line.slice(line.lastIndexOf(" ") + 1)));
  }
  return out;
}
