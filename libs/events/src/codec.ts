import { contentTypeOf, type Encoding } from "./content-type";

/** The slice of a ts-proto message object this package needs. */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromJSON(object: unknown): T;
  toJSON(message: T): unknown;
}

export interface EncodedMessage {
  value: Buffer;
  contentType: string;
}

/** Encodes an output message (Alert, ControlAction, …) for a Kafka record. */
export function encodeMessage<T>(codec: MessageCodec<T>, message: T, encoding: Encoding): EncodedMessage {
  const value =
    encoding === "json"
      ? Buffer.from(JSON.stringify(codec.toJSON(message)), "utf8")
      : Buffer.from(codec.encode(message).finish());
  return { value, contentType: contentTypeOf(encoding) };
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes bytes by encoding; throws whatever the parser throws (callers type it). */
export function decodeMessage<T>(codec: MessageCodec<T>, bytes: Uint8Array, encoding: Encoding): T {
  if (encoding === "protobuf") return codec.decode(bytes);
  return codec.fromJSON(parseJsonObject(bytes));
}

/** UTF-8 JSON text that must hold one object; throws what the parser throws, or a TypeError. */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  const parsed: unknown = JSON.parse(utf8.decode(bytes));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new TypeError("JSON message must be an object");
  }
  return parsed as Record<string, unknown>;
}
