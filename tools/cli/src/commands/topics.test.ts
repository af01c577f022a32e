import { dlqTopicFor } from "@redline/kafka";
import { redlineTopics } from "./topics";

describe("redline topics ensure", () => {
  it("creates the delivery-outcome topic the dispatcher and archiver require, with its dead-letter topic (issue 20)", () => {
    const specs = new Map(redlineTopics(6).map((s) => [s.topic, s]));
    expect(specs.get("risk.action-outcomes")).toEqual({ topic: "risk.action-outcomes", numPartitions: 6 });
    expect(specs.get(dlqTopicFor("risk.action-outcomes"))).toEqual({ topic: "risk.action-outcomes.dlq", numPartitions: 1 });
    expect(specs.get("risk.actions")?.numPartitions).toBe(6);
  });
});
