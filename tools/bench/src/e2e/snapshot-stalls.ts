/**
 * Lines processing-latency samples up with the engine's snapshots (#15):
 * the engine logs each snapshot it writes ("snapshot written": when it
 * began, how long its synchronous part held the event loop, how long it took
 * until written), and a sample whose wait, from the record that moved the
 * watermark to the Apply, overlaps a snapshot from its start until a second
 * after it was written (the backlog a stall leaves takes that long to clear)
 * counts as "a snapshot ran within this event's wait". The p99 of the two
 * groups says whether the snapshots make the tail.
 */
import { readFileSync } from "node:fs";
import { summarize, type LatencySummary } from "./percentiles";

export interface SnapshotRecord {
  partition: number;
  startedAtMs: number;
  /** The synchronous part: the event loop (every partition's input) waited this long. */
  blockedMs: number;
  /** From the capture to the changelog's acknowledgement. */
  wallMs: number;
  bytes: number;
}

/** A processing sample: its latency and the wall-clock span it waited over. */
export interface SpanSample {
  fromMs: number;
  toMs: number;
  valueMs: number;
}

export interface SnapshotAlignment {
  /** Snapshots begun inside the window (the phase, its warm-up included). */
  count: number;
  blockedMs: LatencySummary;
  wallMs: LatencySummary;
  /** Share of the window's wall time the event loop was held by snapshots. */
  blockedShare: number;
  /** Processing latency of samples whose wait overlapped a snapshot (to a second after it was written), and of the others. */
  during: LatencySummary;
  clear: LatencySummary;
}

/** The engine's "snapshot written" records in its JSON log (lines that are not JSON are skipped). */
export function snapshotRecords(logText: string): SnapshotRecord[] {
  const out: SnapshotRecord[] = [];
  for (const line of logText.split("\n")) {
    if (!line.startsWith("{") || !line.includes('"snapshot written"')) continue;
    try {
      const r = JSON.parse(line) as Partial<SnapshotRecord> & { msg?: string };
      if (r.msg !== "snapshot written" || typeof r.startedAtMs !== "number" || typeof r.blockedMs !== "number") continue;
      out.push({ partition: r.partition ?? -1, startedAtMs: r.startedAtMs, blockedMs: r.blockedMs, wallMs: r.wallMs ?? r.blockedMs, bytes: r.bytes ?? 0 });
    } catch {
      // a line cut short while the log was still being written: not a record
    }
  }
  return out;
}

export function readSnapshotRecords(logFile: string): SnapshotRecord[] {
  return snapshotRecords(readFileSync(logFile, "utf8"));
}

/** What a snapshot's stall leaves behind: a sample that began this soon after one was written still counts as during it. */
export const CATCH_UP_MS = 1000;

/** Splits the samples by whether a snapshot ran within their wait (`CATCH_UP_MS` after it included), with the snapshots of `[fromMs, toMs)`. */
export function alignWithSnapshots(samples: readonly SpanSample[], snapshots: readonly SnapshotRecord[], window: { fromMs: number; toMs: number }): SnapshotAlignment {
  const during: number[] = [];
  const clear: number[] = [];
  for (const s of samples) {
    const hit = snapshots.some((r) => r.startedAtMs < s.toMs && r.startedAtMs + r.wallMs + CATCH_UP_MS > s.fromMs);
    (hit ? during : clear).push(s.valueMs);
  }
  const inWindow = snapshots.filter((r) => r.startedAtMs >= window.fromMs && r.startedAtMs < window.toMs);
  const blockedTotal = inWindow.reduce((n, r) => n + r.blockedMs, 0);
  return {
    count: inWindow.length,
    blockedMs: summarize(inWindow.map((r) => r.blockedMs)),
    wallMs: summarize(inWindow.map((r) => r.wallMs)),
    blockedShare: blockedTotal / Math.max(1, window.toMs - window.fromMs),
    during: summarize(during),
    clear: summarize(clear),
  };
}
