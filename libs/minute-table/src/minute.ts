/** Event-time minutes: the unit tables are versioned by. */
export const MINUTE_MS = 60_000;

/** Start of the event-time minute that holds `ms`. */
export function minuteStart(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}
