import type { LiveEvent } from "@redline/proto";
import { shiftEventTime } from "./shift-time";

/**
 * Moves a recorded or simulated stream onto the wall clock as it is
 * published: the first event happens at the moment it is handed over, and no
 * event ever lies ahead of the wall clock at its hand-over. Published faster
 * than its own clock advances (`redline simulate --to-kafka --rate 800` over
 * a simulation with fewer events per second), a stream shifted once at the
 * start ran minutes ahead of the wall clock and the engine dead-lettered
 * about 18,000 events as EVENT_TIME_SKEW in 40 s (issue 17). Here an event
 * that would be ahead is moved back to now, and every later event with it
 * (the shift only shrinks), so event times keep pace with the publication
 * rate, stay in order, and keep their gaps wherever the stream is not ahead.
 * Account creation times move with their events, keeping account ages.
 */
export class EventTimePacer {
  private shiftMs: number | undefined;
  private pulledBack = 0;

  /** Retimes `event` (mutated and returned) for hand-over at `nowMs`. */
  retime(event: LiveEvent, nowMs: number): LiveEvent {
    let shiftMs = this.shiftMs ?? nowMs - event.eventTimeMs;
    if (event.eventTimeMs + shiftMs > nowMs) {
      this.pulledBack += event.eventTimeMs + shiftMs - nowMs;
      shiftMs = nowMs - event.eventTimeMs;
    }
    this.shiftMs = shiftMs;
    return shiftEventTime(event, shiftMs);
  }

  /** How far, in total, event times were moved back to keep pace with the publication. */
  get pulledBackMs(): number {
    return this.pulledBack;
  }
}
