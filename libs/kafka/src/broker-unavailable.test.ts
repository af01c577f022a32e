import * as kafkajs from "kafkajs";
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSRequestTimeoutError } from "kafkajs";
import { isBrokerUnavailable } from "./broker-unavailable";

// Exported by kafkajs at run time, missing from its type declarations.
const { KafkaJSConnectionClosedError } = kafkajs as unknown as { KafkaJSConnectionClosedError: new (message: string, meta: { host: string; port: number }) => Error };

/** What kafkajs's retrier throws when a non-retriable error ends its retries: the original as the cause. */
const nonRetriable = (cause: Error) => Object.assign(new KafkaJSNonRetriableError(cause), { cause });
const protocolError = (retriable: boolean) => new KafkaJSProtocolError(Object.assign(new Error("protocol"), { retriable, type: "X", code: 1 }));

describe("isBrokerUnavailable", () => {
  it("sees a closed connection behind the non-retriable wrapper kafkajs throws when its retries run out", () => {
    // What the engine's producer threw during a broker restart in the fault suite (#17).
    expect(isBrokerUnavailable(nonRetriable(new KafkaJSConnectionClosedError("closed", { host: "localhost", port: 9092 })))).toBe(true);
    expect(isBrokerUnavailable(new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError("refused"), { retryCount: 5, retryTime: 300 }))).toBe(true);
    expect(isBrokerUnavailable(new KafkaJSRequestTimeoutError("timed out"))).toBe(true);
    expect(isBrokerUnavailable(protocolError(true))).toBe(true);
    // Behind our own wrapper, too.
    expect(isBrokerUnavailable(new Error("send failed", { cause: new KafkaJSConnectionError("refused") }))).toBe(true);
  });

  it("leaves refusals that a retry cannot cure to the caller", () => {
    expect(isBrokerUnavailable(protocolError(false))).toBe(false); // e.g. MESSAGE_TOO_LARGE
    expect(isBrokerUnavailable(nonRetriable(protocolError(false)))).toBe(false);
    expect(isBrokerUnavailable(new TypeError("x"))).toBe(false);
    expect(isBrokerUnavailable(undefined)).toBe(false);
  });

  it("goes by class, not by name: an error that merely calls itself a kafkajs error is not one", () => {
    const impostor = Object.assign(new Error("KafkaJSConnectionError"), { name: "KafkaJSConnectionError", retriable: true });
    expect(isBrokerUnavailable(impostor)).toBe(false);
    expect(isBrokerUnavailable(Object.assign(new Error("p"), { name: "KafkaJSProtocolError", retriable: true }))).toBe(false);
  });
});
