/**
 * The room engine's account-activity records (issue 21): a pipeline stage
 * that observes every event as the engine applies it, in (eventTimeMs,
 * eventId) order, and keeps one `AccountActivity` per interaction of an
 * account in a room, with the room's streamer, category and start from the
 * room's STARTED event. It adds nothing to the alert and action outputs;
 * the service drains the records after each step and publishes them keyed
 * by account to `risk.account-activity`, and `redline replay` drains them
 * the same way, so both hand the crew detector the same records. Because
 * the engine applies events in order, no record drained later has an event
 * time below one drained earlier: a record's producer watermark can be its
 * own event time less one.
 */
import { RoomContextTracker, type AccountActivity, type RoomContext } from "@redline/crews";
import { decodeState, encodeState, type OutputStage, type PipelineOutput } from "@redline/engine";
import type { LiveEvent } from "@redline/proto";

export class AccountActivityStage implements OutputStage {
  static readonly STAGE_NAME = "account-activity";
  readonly name = AccountActivityStage.STAGE_NAME;
  private rooms = new RoomContextTracker();
  private records: AccountActivity[] = [];

  process(outputs: PipelineOutput[]): PipelineOutput[] {
    return outputs;
  }

  observe(event: LiveEvent): PipelineOutput[] {
    const activity = this.rooms.toActivity(event);
    if (activity !== undefined) this.records.push(activity);
    return [];
  }

  /** The records of the events applied since the last drain, in the order they were applied. */
  drain(): AccountActivity[] {
    const out = this.records;
    this.records = [];
    return out;
  }

  /** Room context only: records not drained yet belong to the step in flight, which a restore repeats. */
  snapshot(): Uint8Array {
    return encodeState(this.rooms.toSnapshot());
  }

  restore(bytes: Uint8Array): void {
    this.rooms = RoomContextTracker.fromSnapshot(decodeState(bytes) as Array<[string, RoomContext]>);
    this.records = [];
  }
}
