import { Presets, SingleBar } from "cli-progress";

/** Where a progress bar may be drawn: a stream that says whether it is a terminal. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface ProgressOptions {
  /** The stream to draw on: the command's stderr, so stdout carries only results. */
  stream: ProgressStream;
  /** What is counted, for the rate: "lines", "bytes", "hours". */
  unit: string;
  /** The end value, when known; without one the bar shows count and rate but no ETA. */
  total?: number;
  /** Least wall time between redraws; the bar is updated from tight loops. */
  redrawEveryMs?: number;
  now?: () => number;
}

/** Progress of one long piece of work. A no-op when the stream is not a terminal. */
export interface Progress {
  /** Sets the count so far and, optionally, a short note shown after the rate (e.g. "1234 outputs"). */
  update(value: number, note?: string): void;
  /** Ends the bar at `finalValue` (else the last update drawn), leaving it on screen. Safe to call twice. */
  stop(finalValue?: number, note?: string): void;
  readonly active: boolean;
}

const QUIET: Progress = { update: () => undefined, stop: () => undefined, active: false };

/**
 * A progress bar with rate and ETA (cli-progress) drawn on `stream` only when
 * it is a terminal. Piped or redirected output, CI logs and tests get nothing:
 * a bar redrawn with carriage returns is noise in a file. The bar goes to
 * stderr, so `redline replay > out.jsonl` on a terminal still shows it.
 */
export function createProgress(opts: ProgressOptions): Progress {
  if (opts.stream.isTTY !== true) return QUIET;
  const now = opts.now ?? Date.now;
  const redrawEveryMs = opts.redrawEveryMs ?? 100;
  const total = opts.total !== undefined && opts.total > 0 ? opts.total : undefined;
  const format =
    total === undefined
      ? `{value} ${opts.unit} | {rate} ${opts.unit}/s | {duration_formatted} {note}`
      : `{bar} {percentage}% | {value}/{total} ${opts.unit} | {rate} ${opts.unit}/s | ETA {eta_formatted} {note}`;
  const bar = new SingleBar(
    { stream: opts.stream as NodeJS.WritableStream, format, hideCursor: false, clearOnComplete: false, etaBuffer: 50, fps: 10 },
    Presets.shades_classic,
  );
  const startedAt = now();
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let stopped = false;
  const draw = (value: number, note: string, t: number): void => {
    const seconds = Math.max((t - startedAt) / 1000, 1e-3);
    bar.update(value, { rate: formatRate(value / seconds), note });
  };
  bar.start(total ?? 0, 0, { rate: "0", note: "" });
  return {
    active: true,
    update(value: number, note = ""): void {
      const t = now();
      if (stopped || t - lastDrawAt < redrawEveryMs) return;
      lastDrawAt = t;
      draw(value, note, t);
    },
    stop(finalValue?: number, note = ""): void {
      if (stopped) return;
      stopped = true;
      if (finalValue !== undefined) draw(finalValue, note, now());
      bar.stop();
    },
  };
}

function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M`;
  if (perSecond >= 1e4) return `${(perSecond / 1e3).toFixed(0)}k`;
  return perSecond >= 100 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}
