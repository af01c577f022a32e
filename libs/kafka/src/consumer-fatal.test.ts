import { EventEmitter } from "node:events";
import { createJsonLogger } from "@redline/common";
import type { Kafka } from "kafkajs";
import { EventConsumer } from "./consumer";
import type { DeadLetterWriter } from "./dead-letter";

/** Just enough of a kafkajs consumer to emit its instrumentation events; nothing here talks to a broker. */
function fakeKafka(): { kafka: Kafka; emit: (event: string, payload: unknown) => void } {
  const emitter = new EventEmitter();
  const consumer = { events: { CRASH: "consumer.crash", GROUP_JOIN: "consumer.group_join" }, on: (e: string, l: (x: unknown) => void) => emitter.on(e, l) };
  return { kafka: { consumer: () => consumer } as unknown as Kafka, emit: (event, payload) => emitter.emit(event, { payload }) };
}

describe("EventConsumer crash handling", () => {
  it("reports a crash kafkajs will not restart from once, and leaves restartable ones to kafkajs", () => {
    const { kafka, emit } = fakeKafka();
    const fatal: Error[] = [];
    new EventConsumer({
      kafka,
      groupId: "g",
      topics: ["t"],
      decode: (r) => r,
      handleBatch: async () => undefined,
      deadLetters: {} as DeadLetterWriter,
      logger: createJsonLogger({ level: "error", write: () => undefined }),
      onFatal: (err) => fatal.push(err),
    });
    emit("consumer.crash", { error: new Error("retriable, restarting"), restart: true, groupId: "g" });
    expect(fatal).toEqual([]);
    const gone = new Error("The coordinator is not aware of this member");
    emit("consumer.crash", { error: gone, restart: false, groupId: "g" });
    emit("consumer.crash", { error: gone, restart: false, groupId: "g" });
    expect(fatal).toEqual([gone]);
  });
});
