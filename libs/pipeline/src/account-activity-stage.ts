/**
 * The room engine's account-activity records (issue 21): a pipeline stage
 * that observes every event as the engine applies it, in (eventTimeMs,
 * eventId) order, and keeps one `AccountActivity` per interaction of an
 * account in a room, with the room's streamer, category and start from the
 * room's STARTED event. It adds nothing to the alert and action outputs;
 * the service drains the records after each step and publishes them keyed
 * by account to `risk.account-activity`, and `redline replay` drains them
 * the same way, so both hand the crew detector the same records. The
 * engine applies an event that arrives behind its watermark at once, out of
 * order; such an event gets no record (counted in `lateDropped`), so the
 * records are in strict (eventTimeMs, eventId) order and the engine's
 * watermark is a promise the crew detector can hold it to: no later record
 * has an event time at or below it (libs/minute-table).
 */
import { RoomContextTracker, type AccountActivity, type RoomContext } from "@redline/crews";
import { decodeState, encodeState, type OutputStage, type PipelineOutput } from "@redline/engine";
import type { LiveEvent } from "@redline/proto";

export class AccountActivityStage implements OutputStage {
  static readonly STAGE_NAME = "account-activity";
  readonly name = AccountActivityStage.STAGE_NAME;
  private rooms = new RoomContextTracker();
  private records: AccountActivity[] = [];
  private last = { eventTimeMs: Number.NEGATIVE_INFINITY, eventId: "" };
  /** Events applied out of order (late) that got no record. */
  lateDropped = 0;

  process(outputs: PipelineOutput[]): PipelineOutput[] {
    return outputs;
  }

  observe(event: LiveEvent): PipelineOutput[] {
    if (event.eventTimeMs < this.last.eventTimeMs || (event.eventTimeMs === this.last.eventTimeMs && event.eventId <= this.last.eventId)) {
      this.lateDropped++;
      return [];
    }
    this.last = { eventTimeMs: event.eventTimeMs, eventId: event.eventId };
    const activity = this.rooms.toActivity(event);
    if (activity !== undefined) this.records.push(activity);
    return [];
  }

  /**
   * Promises that no record from now on has an event time at or below
   * `watermarkMs` (events applied late at or below it get none), so the
   * producer can announce it in a progress mark.
   */
  seal(watermarkMs: number): void {
    if (watermarkMs >= this.last.eventTimeMs) this.last = { eventTimeMs: watermarkMs, eventId: "\uffff" };
  }

  /** The records of the events applied since the last drain, in the order they were applied. */
  drain(): AccountActivity[] {
    const out = this.records;
    this.records = [];
    return out;
  }

  /** Room context and order: records not drained yet belong to the step in flight, which a restore repeats. */
  snapshot(): Uint8Array {
    return encodeState({ rooms: this.rooms.toSnapshot(), last: this.last, lateDropped: this.lateDropped });
  }

  restore(bytes: Uint8Array): void {
    const state = decodeState(bytes) as { rooms: Array<[string, RoomContext]>; last: { eventTimeMs: number; eventId: string }; lateDropped: number };
    this.rooms = RoomContextTracker.fromSnapshot(state.rooms);
    this.last = state.last;
    this.lateDropped = state.lateDropped;
    this.records = [];
  }
}
