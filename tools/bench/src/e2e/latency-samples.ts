/**
 * Turns what the bench saw (alerts on the alerts topic, Apply calls at the
 * ControlPlane) into latency samples of one phase. Event time is produce time
 * in the open-loop load, so an alert's event time is its triggering record's
 * produce time.
 */
export interface AlertSeen {
  alertId: string;
  roomId: string;
  subcategory: string;
  eventTimeMs: number;
  seenAtMs: number;
}

export interface ApplySeen {
  actionId: string;
  alertId: string;
  roomId: string;
  receivedAtMs: number;
}

/** Subcategories the engine fires on receipt (libs/engine early-firing.ts): they wait for no watermark. */
export const EARLY_FIRED_SUBCATEGORIES: ReadonlySet<string> = new Set(["STREAMER_UNDERAGE", "STREAMER_MINOR_NO_CONSENT", "MINOR_TIPPING"]);

export interface PhaseSamples {
  processing: number[];
  endToEnd: number[];
  earlyEndToEnd: number[];
  eventToAlert: number[];
  /** Applies whose alert was never seen on the alerts topic (should be none). */
  unmatched: number;
}

export interface SampleInputs {
  applies: readonly ApplySeen[];
  alerts: ReadonlyMap<string, AlertSeen>;
  /** Triggering event times counted in this phase: [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  allowedLatenessMs: number;
  partitionOf: (roomId: string) => number;
  /** Produce time of the first record on the partition at or after an event time (OpenLoopProducer). */
  firstRecordAtOrAfter: (partition: number, eventTimeMs: number) => number | undefined;
}

export function phaseSamples(input: SampleInputs): PhaseSamples {
  const out: PhaseSamples = { processing: [], endToEnd: [], earlyEndToEnd: [], eventToAlert: [], unmatched: 0 };
  const firstApply = new Map<string, ApplySeen>();
  for (const a of input.applies) if (!firstApply.has(a.actionId)) firstApply.set(a.actionId, a);
  for (const apply of firstApply.values()) {
    const alert = input.alerts.get(apply.alertId);
    if (alert === undefined) {
      out.unmatched++;
      continue;
    }
    if (alert.eventTimeMs < input.fromMs || alert.eventTimeMs >= input.toMs) continue;
    const endToEnd = apply.receivedAtMs - alert.eventTimeMs;
    if (EARLY_FIRED_SUBCATEGORIES.has(alert.subcategory)) {
      out.earlyEndToEnd.push(endToEnd);
      continue;
    }
    out.endToEnd.push(endToEnd);
    const mover = input.firstRecordAtOrAfter(input.partitionOf(alert.roomId), alert.eventTimeMs + input.allowedLatenessMs);
    if (mover !== undefined) out.processing.push(apply.receivedAtMs - mover);
  }
  for (const alert of input.alerts.values()) {
    if (alert.eventTimeMs >= input.fromMs && alert.eventTimeMs < input.toMs) out.eventToAlert.push(alert.seenAtMs - alert.eventTimeMs);
  }
  return out;
}
