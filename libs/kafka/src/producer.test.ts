import { createJsonLogger, RetriesExhaustedError } from "@redline/common";
import { KafkaJSConnectionError, KafkaJSError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, type Kafka, type RecordMetadata } from "kafkajs";
import { BrokerUnavailableError } from "./errors";
import { RecordProducer, type ProducerOptions } from "./producer";

/** What kafkajs's producer throws once its own retries give up on an unreachable broker (not retriable). */
const outage = (): Error => new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError("Connection error: read ECONNRESET"), { retryCount: 5, retryTime: 300 });
const ACK: RecordMetadata[] = [{ topicName: "t", partition: 0, errorCode: 0 }];

/** A producer whose sendBatch answers from `answers` in turn (an Error is thrown), over a Kafka that only makes it. */
async function producerAnswering(answers: ReadonlyArray<Error | "ack">, opts: ProducerOptions) {
  const calls = { sends: 0, warnings: [] as string[] };
  const fake = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    sendBatch: async () => {
      const answer = answers[Math.min(calls.sends++, answers.length - 1)]!;
      if (answer === "ack") return ACK;
      throw answer;
    },
  };
  const kafka = { producer: () => fake } as unknown as Kafka;
  const logger = createJsonLogger({ level: "warn", write: (line) => void calls.warnings.push((JSON.parse(line) as { msg: string }).msg) });
  return { producer: await RecordProducer.connect(kafka, logger, opts), calls };
}

const RECORDS = [{ key: "k", value: Buffer.from("v") }];

describe("RecordProducer.send", () => {
  it("for a service (no maxUnavailableMs), turns an outage into a retriable BrokerUnavailableError at once", async () => {
    const { producer, calls } = await producerAnswering([outage(), "ack"], {});
    const sent = producer.send("t", RECORDS);
    await expect(sent).rejects.toBeInstanceOf(BrokerUnavailableError);
    await sent.catch((e: BrokerUnavailableError) => expect(e.retriable).toBe(true));
    expect(calls.sends).toBe(1);
  });

  it("riding out an outage, sends again until the broker answers", async () => {
    const { producer, calls } = await producerAnswering([outage(), outage(), outage(), "ack"], { maxUnavailableMs: 30_000 });
    await expect(producer.send("t", RECORDS)).resolves.toEqual(ACK);
    expect(calls.sends).toBe(4);
    expect(calls.warnings).toEqual(Array(3).fill("broker unavailable; sending again"));
  });

  it("riding out an outage, gives up with BrokerUnavailableError once maxUnavailableMs have passed", async () => {
    const { producer, calls } = await producerAnswering([outage()], { maxUnavailableMs: 400 });
    const startedMs = Date.now();
    await expect(producer.send("t", RECORDS)).rejects.toBeInstanceOf(BrokerUnavailableError);
    const tookMs = Date.now() - startedMs;
    expect(tookMs).toBeGreaterThanOrEqual(390);
    expect(tookMs).toBeLessThan(2_000);
    expect(calls.sends).toBeGreaterThanOrEqual(2);
  });

  it("rethrows a refusal no retry can cure as it is, even riding out outages", async () => {
    const tooLarge = new KafkaJSProtocolError(Object.assign(new Error("MESSAGE_TOO_LARGE"), { retriable: false, type: "MESSAGE_TOO_LARGE", code: 10 }));
    const { producer, calls } = await producerAnswering([tooLarge], { maxUnavailableMs: 30_000 });
    await expect(producer.send("t", RECORDS)).rejects.toBe(tooLarge);
    expect(calls.sends).toBe(1);
  });

  it("retries a retriable failure that is not an outage maxSendAttempts times", async () => {
    const flaky = new KafkaJSError("flaky", { retriable: true });
    const { producer, calls } = await producerAnswering([flaky], { maxSendAttempts: 3 });
    await expect(producer.send("t", RECORDS)).rejects.toBeInstanceOf(RetriesExhaustedError);
    expect(calls.sends).toBe(3);
    expect(calls.warnings).toEqual(Array(2).fill("send failed, retrying"));
  });
});
