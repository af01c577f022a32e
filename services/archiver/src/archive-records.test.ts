import { DEFAULT_LIMITS, InvalidEventError } from "@redline/events";
import type { InputRecord } from "@redline/kafka";
import { ActionOutcome, DeliveryResult } from "@redline/proto";
import { archiveDecoder, toArchiveBatch } from "./archive-records";

const topics = { alertsTopic: "risk.alerts", actionsTopic: "risk.actions", feedbackTopic: "risk.feedback", outcomesTopic: "risk.action-outcomes", limits: DEFAULT_LIMITS };
const decode = archiveDecoder(topics);

function record(value: Buffer, topic = topics.outcomesTopic): InputRecord {
  return { topic, partition: 0, offset: 7n, key: Buffer.from("act-1"), value, headers: { "content-type": "application/x-protobuf" }, timestampMs: 1 };
}
const outcome = (fields: Partial<ActionOutcome>) =>
  Buffer.from(ActionOutcome.encode(ActionOutcome.fromPartial({ actionId: "act-1", roomId: "room-1", result: DeliveryResult.DELIVERY_RESULT_APPLIED, attempts: 1, ...fields })).finish());

describe("archiving delivery outcomes (issue 20)", () => {
  it("decodes an outcome record by its topic and files it in the batch's outcomes", () => {
    const decoded = decode(record(outcome({})));
    expect(decoded).toEqual({ kind: "outcome", value: expect.objectContaining({ actionId: "act-1", roomId: "room-1", result: DeliveryResult.DELIVERY_RESULT_APPLIED }) });
    const batch = toArchiveBatch([{ record: record(outcome({})), value: decoded }]);
    expect(batch.outcomes?.map((o) => o.actionId)).toEqual(["act-1"]);
    expect([batch.actions.length, batch.alerts.length, batch.events.length]).toEqual([0, 0, 0]);
  });

  it("refuses, for the dead-letter topic, an outcome it could not file under its action or room, and bytes that are no outcome", () => {
    const reasonOf = (r: InputRecord) => {
      try {
        decode(r);
      } catch (err) {
        return err instanceof InvalidEventError ? `${err.reason}: ${err.message}` : String(err);
      }
      return "accepted";
    };
    expect(reasonOf(record(outcome({ actionId: "" })))).toMatch(/^MISSING_FIELD: .*actionId/);
    expect(reasonOf(record(outcome({ roomId: "" })))).toMatch(/^MISSING_FIELD: .*roomId/);
    expect(reasonOf(record(Buffer.from([0xff, 0xff, 0xff])))).toMatch(/^UNDECODABLE/);
  });
});
