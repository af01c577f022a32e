/**
 * Turns what the bench saw (alerts on the alerts topic and on the gateway's
 * Tail, Apply calls at the ControlPlane) into latency samples of one phase. In the open-loop load a
 * record's event time is the tick that sent it, so an alert's event time
 * finds its triggering record on the room's partition; every latency starts
 * at that record's produce time (the broker's acknowledgement).
 */
import type { SpanSample } from "./snapshot-stalls";

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
  /** The same samples with the wall-clock span each waited over (watermark mover's acknowledgement to Apply). */
  processingSpans: SpanSample[];
  endToEnd: number[];
  earlyEndToEnd: number[];
  eventToAlert: number[];
  /** The same to the alert's arrival on the gateway's Tail (empty without a Tail reader). */
  eventToTail: number[];
  /** Triggering record: acknowledged at, less its event time (the load generator's own delay). */
  generatorLag: number[];
  /** Applies whose alert was never seen on the alerts topic (should be none). */
  unmatched: number;
}

export interface SampleInputs {
  applies: readonly ApplySeen[];
  alerts: ReadonlyMap<string, AlertSeen>;
  /** Alerts as an inspector's Tail on the gateway received them. */
  tailAlerts?: ReadonlyMap<string, AlertSeen>;
  /** Triggering event times counted in this phase: [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  allowedLatenessMs: number;
  partitionOf: (roomId: string) => number;
  /** The first acknowledged record on the partition at or after an event time: the trigger's own tick (AckLog). */
  firstAckedAtOrAfter: (partition: number, eventTimeMs: number) => { eventTimeMs: number; ackedAtMs: number } | undefined;
  /** The earliest acknowledgement on the partition of a record at or after an event time (AckLog). */
  earliestAckAtOrAfter: (partition: number, eventTimeMs: number) => number | undefined;
}

export function phaseSamples(input: SampleInputs): PhaseSamples {
  const out: PhaseSamples = { processing: [], processingSpans: [], endToEnd: [], earlyEndToEnd: [], eventToAlert: [], eventToTail: [], generatorLag: [], unmatched: 0 };
  const producedAt = (roomId: string, eventTimeMs: number): number | undefined => input.firstAckedAtOrAfter(input.partitionOf(roomId), eventTimeMs)?.ackedAtMs;
  const firstApply = new Map<string, ApplySeen>();
  for (const a of input.applies) if (!firstApply.has(a.actionId)) firstApply.set(a.actionId, a);
  for (const apply of firstApply.values()) {
    const alert = input.alerts.get(apply.alertId);
    if (alert === undefined) {
      out.unmatched++;
      continue;
    }
    if (alert.eventTimeMs < input.fromMs || alert.eventTimeMs >= input.toMs) continue;
    const trigger = producedAt(alert.roomId, alert.eventTimeMs);
    if (trigger === undefined) continue;
    const endToEnd = apply.receivedAtMs - trigger;
    if (EARLY_FIRED_SUBCATEGORIES.has(alert.subcategory)) {
      out.earlyEndToEnd.push(endToEnd);
      continue;
    }
    out.endToEnd.push(endToEnd);
    const mover = input.earliestAckAtOrAfter(input.partitionOf(alert.roomId), alert.eventTimeMs + input.allowedLatenessMs);
    if (mover !== undefined) {
      out.processing.push(apply.receivedAtMs - mover);
      out.processingSpans.push({ fromMs: mover, toMs: apply.receivedAtMs, valueMs: apply.receivedAtMs - mover });
    }
  }
  for (const alert of input.alerts.values()) {
    if (alert.eventTimeMs < input.fromMs || alert.eventTimeMs >= input.toMs) continue;
    const trigger = producedAt(alert.roomId, alert.eventTimeMs);
    if (trigger === undefined) continue;
    out.eventToAlert.push(alert.seenAtMs - trigger);
    out.generatorLag.push(trigger - alert.eventTimeMs);
  }
  for (const alert of input.tailAlerts?.values() ?? []) {
    if (alert.eventTimeMs < input.fromMs || alert.eventTimeMs >= input.toMs) continue;
    const trigger = producedAt(alert.roomId, alert.eventTimeMs);
    if (trigger !== undefined) out.eventToTail.push(alert.seenAtMs - trigger);
  }
  return out;
}
