import { LiveEvent } from "@redline/proto";
import { parseJsonObject } from "./codec";
import { encodingOf } from "./content-type";
import { InvalidEventError } from "./errors";
import { checkJsonTypes } from "./json-types";
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
  let json: Record<string, unknown> | undefined;
  try {
    if (encoding === "json") json = parseJsonObject(bytes);
    event = json === undefined ? LiveEvent.decode(bytes) : LiveEvent.fromJSON(json);
  } catch (err) {
    // V8's JSON.parse quotes the input around the error ("Unexpected token 'A', "A…" is not valid JSON"),
    // which would put comment text and user ids in the dead letter's detail and the logs (issue 17).
    const quotesInput = err instanceof SyntaxError;
    const why = quotesInput ? jsonSyntaxProblem(err) : (err as Error).message;
    throw new InvalidEventError("UNDECODABLE", `not a ${encoding} LiveEvent: ${why}`, {
      cause: quotesInput ? undefined : err,
      context: { encoding, bytes: bytes.length },
    });
  }
  if (json !== undefined) checkJsonTypes(json, event);
  return validateLiveEvent(normalizeEnums(event), limits, nowMs);
}

/** A JSON syntax error without the input it quotes: where it is, if the parser said. */
function jsonSyntaxProblem(err: SyntaxError): string {
  const position = /position (\d+)/.exec(err.message)?.[1];
  if (/Unexpected end of JSON input/.test(err.message)) return "JSON input ends early";
  return position === undefined ? "not valid JSON" : `not valid JSON at position ${position}`;
}

/** One proto3-JSON line (replay, produce) → a valid `LiveEvent`, or `InvalidEventError`. */
export function parseLiveEventJson(line: string, limits: ValidationLimits, nowMs: number): LiveEvent {
  return decodeLiveEvent(Buffer.from(line, "utf8"), "application/json", limits, nowMs);
}
