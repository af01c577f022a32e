import { isBrokerUnavailable } from "./broker-unavailable";

const kafkaError = (name: string, retriable: boolean, cause?: unknown) => Object.assign(new Error(name), { name, retriable, cause });

describe("isBrokerUnavailable", () => {
  it("sees a closed connection behind the non-retriable wrapper kafkajs throws when its retries run out", () => {
    // What the engine's producer threw during a broker restart in the fault suite (#17).
    expect(isBrokerUnavailable(kafkaError("KafkaJSNonRetriableError", false, kafkaError("KafkaJSConnectionClosedError", true)))).toBe(true);
    expect(isBrokerUnavailable(kafkaError("KafkaJSNumberOfRetriesExceeded", false, kafkaError("KafkaJSConnectionError", true)))).toBe(true);
    expect(isBrokerUnavailable(kafkaError("KafkaJSRequestTimeoutError", true))).toBe(true);
    expect(isBrokerUnavailable(kafkaError("KafkaJSProtocolError", true))).toBe(true);
  });

  it("leaves refusals that a retry cannot cure to the caller", () => {
    expect(isBrokerUnavailable(kafkaError("KafkaJSProtocolError", false))).toBe(false); // e.g. MESSAGE_TOO_LARGE
    expect(isBrokerUnavailable(kafkaError("KafkaJSNonRetriableError", false, kafkaError("KafkaJSProtocolError", false)))).toBe(false);
    expect(isBrokerUnavailable(new TypeError("x"))).toBe(false);
    expect(isBrokerUnavailable(undefined)).toBe(false);
  });
});
