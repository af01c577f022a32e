/**
 * Where simulated time starts, and the order in which a consumer receives
 * events: event time plus delivery jitter, and a rare event far behind.
 */
import type { LiveEvent } from "@redline/proto";
import type { Rng } from "./rng";

export const SIMULATION_EPOCH_MS = Date.UTC(2026, 10, 1, 0, 0, 0);

/** Arrival order: event time plus delivery jitter, and a rare event delayed far beyond it. */
export function arrivalOrder(events: LiveEvent[], rng: Rng, jitterMs: number, veryLateShare: number): LiveEvent[] {
  const keyed = events.map((e) => ({ e, key: e.eventTimeMs + (rng.chance(veryLateShare) ? rng.uniform(8_000, 40_000) : rng.uniform(0, jitterMs)) }));
  keyed.sort((a, b) => a.key - b.key || (a.e.eventId < b.e.eventId ? -1 : a.e.eventId > b.e.eventId ? 1 : 0));
  return keyed.map((k) => k.e);
}
