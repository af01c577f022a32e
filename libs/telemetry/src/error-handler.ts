import { diag, DiagLogLevel, type DiagLogger } from "@opentelemetry/api";
import { setGlobalErrorHandler } from "@opentelemetry/core";
import { describeError, type Logger } from "@redline/common";
import { TelemetryError, type TelemetryComponent } from "./errors";

/** Receives every background telemetry failure; must not throw (a throw is dropped). */
export type TelemetryErrorListener = (err: TelemetryError) => void;

export interface TelemetryErrorHandlerOptions {
  logger: Logger;
  /** At most one log line per this interval; the rest are counted and summarised. */
  minLogIntervalMs?: number;
  now?: () => number;
}

/**
 * The one place telemetry failures go. An unreachable collector fails every
 * export interval, so lines are rate-limited while the count stays exact;
 * nothing here ever throws back into the SDK or the service.
 */
export class TelemetryErrorHandler {
  private readonly counts = new Map<TelemetryComponent, number>();
  private readonly minLogIntervalMs: number;
  private readonly now: () => number;
  private lastLogMs = Number.NEGATIVE_INFINITY;
  private suppressed = 0;
  private lastWarnMs = Number.NEGATIVE_INFINITY;
  private listener: TelemetryErrorListener;

  constructor(private readonly opts: TelemetryErrorHandlerOptions) {
    this.minLogIntervalMs = opts.minLogIntervalMs ?? 10_000;
    this.now = opts.now ?? Date.now;
    this.listener = (err) => this.log(err);
  }

  /** Replaces what happens after counting (default: rate-limited warn log). */
  setListener(listener: TelemetryErrorListener): void {
    this.listener = listener;
  }

  report(component: TelemetryComponent, err: unknown): void {
    const error = err instanceof TelemetryError ? err : new TelemetryError(component, describeError(err), err);
    this.counts.set(error.component, (this.counts.get(error.component) ?? 0) + 1);
    try {
      this.listener(error);
    } catch {
      // A failing listener must not turn a telemetry hiccup into a crash.
    }
  }

  count(component?: TelemetryComponent): number {
    if (component !== undefined) return this.counts.get(component) ?? 0;
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  countsByComponent(): ReadonlyMap<TelemetryComponent, number> {
    return this.counts;
  }

  /** Routes the SDK's global error handler and `diag` warnings/errors here. */
  install(): void {
    // Exporter and reader failures reach the SDK's global handler; our own
    // exporter wrapper reports them first with the "exporter" component.
    setGlobalErrorHandler((ex) => this.report("sdk", ex));
    diag.setLogger(this.diagLogger(), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  }

  /** Restores the SDK defaults so a later `install` (another test) starts clean. */
  uninstall(): void {
    setGlobalErrorHandler(() => undefined);
    diag.disable();
  }

  private diagLogger(): DiagLogger {
    const toText = (msg: string, args: unknown[]): string =>
      [msg, ...args.map((a) => (a instanceof Error ? describeError(a) : String(a)))].join(" ");
    const log = this.opts.logger.child("otel");
    return {
      error: (msg, ...args) => this.report("sdk", new Error(toText(msg, args))),
      // SDK warnings (e.g. each retry against a down collector) are advisory: rate-limited, not counted.
      warn: (msg, ...args) => {
        const nowMs = this.now();
        if (nowMs - this.lastWarnMs < this.minLogIntervalMs) return;
        this.lastWarnMs = nowMs;
        log.warn(toText(msg, args));
      },
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    };
  }

  private log(err: TelemetryError): void {
    const nowMs = this.now();
    if (nowMs - this.lastLogMs < this.minLogIntervalMs) {
      this.suppressed++;
      return;
    }
    this.opts.logger.warn("telemetry failure (service continues)", {
      err,
      component: err.component,
      suppressedSinceLastLog: this.suppressed,
    });
    this.lastLogMs = nowMs;
    this.suppressed = 0;
  }
}
