import { LiveEvent } from "@redline/proto";
import { decodeMessage } from "./codec";
import { encodingOf } from "./content-type";
import { InvalidEventError } from "./errors";
import type { ValidationLimits } from "./limits";
import { normalizeEnums } from "./normalize-enums";
import { validateLiveEvent } from "./validate";

/**
 * Bytes from an input topic → a valid `LiveEvent`, or `InvalidEventError`.
 * JSON when `contentType` says `application/json`, protobuf binary otherwise.
 * `nowMs` is the wall clock, used only for the skew check.
 */
export function decodeLiveEvent(
  bytes: Uint8Array,
  contentType: string | undefined,
  limits: ValidationLimits,
  nowMs: number,
): LiveEvent {
  const encoding = encodingOf(contentType);
  let event: LiveEvent;
  try {
    event = decodeMessage(LiveEvent, bytes, encoding);
  } catch (err) {
    throw new InvalidEventError("UNDECODABLE", `not a ${encoding} LiveEvent: ${(err as Error).message}`, {
      cause: err,
      context: { encoding, bytes: bytes.length },
    });
  }
  return validateLiveEvent(normalizeEnums(event), limits, nowMs);
}

/** One proto3-JSON line (replay, produce) → a valid `LiveEvent`, or `InvalidEventError`. */
export function parseLiveEventJson(line: string, limits: ValidationLimits, nowMs: number): LiveEvent {
  return decodeLiveEvent(Buffer.from(line, "utf8"), "application/json", limits, nowMs);
}
