/**
 * @redline/events — the input contract's rules in one place: decode a
 * `LiveEvent` from Kafka bytes (protobuf, or JSON when the `content-type`
 * header says so), fold unknown enum values to UNSPECIFIED, and validate it.
 * Failures are `InvalidEventError`s with a `reason` for the dead-letter topic.
 *
 * @example
 * try {
 *   const event = decodeLiveEvent(message.value, headers["content-type"], DEFAULT_LIMITS, Date.now());
 * } catch (err) {
 *   if (err instanceof InvalidEventError) deadLetter(message, err.reason, err.detail);
 * }
 */
export { decodeLiveEvent, parseLiveEventJson } from "./decode";
export { decodeInputEvent, skewReferenceMs } from "./input-record";
export type { InputEventRecord } from "./input-record";
export { loadValidationLimits } from "./load-limits";
export { validateLiveEvent } from "./validate";
export { decodeProductFacts, validateProductFacts } from "./product-facts";
export type { ProductFactsRecord, ProductFactsUpdate } from "./product-facts";
export { normalizeEnums } from "./normalize-enums";
export { InvalidEventError } from "./errors";
export type { InvalidEventReason } from "./errors";
export { DEFAULT_LIMITS, REPLAY_LIMITS } from "./limits";
export type { ValidationLimits } from "./limits";
export {
  CONTENT_TYPE_HEADER,
  CONTENT_TYPE_JSON,
  CONTENT_TYPE_PROTOBUF,
  encodingOf,
  contentTypeOf,
} from "./content-type";
export type { Encoding } from "./content-type";
export { encodeMessage, decodeMessage } from "./codec";
export type { MessageCodec, EncodedMessage } from "./codec";
export { DEFAULT_INPUT_TOPICS, DEFAULT_OUTPUT_TOPICS, DEFAULT_TABLE_TOPICS, TABLE_TOPIC_CONFIGS } from "./topics";
export type { BodyCase } from "./topics";
export { shiftEventTime } from "./shift-time";
export { EventTimePacer } from "./event-time-pacer";
