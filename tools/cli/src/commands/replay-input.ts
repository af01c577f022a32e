/**
 * Turns one replay input line into a LiveEvent, through the same contract
 * rules the service applies (`@redline/events`), with replay limits: old
 * events are expected, so no wall-clock skew check.
 */
import { InvalidEventError, parseLiveEventJson, REPLAY_LIMITS } from "@redline/events";
import type { LiveEvent } from "@redline/proto";

export type ParsedLine = { event: LiveEvent } | { invalid: string };

export function parseReplayLine(line: string): ParsedLine {
  try {
    return { event: parseLiveEventJson(line, REPLAY_LIMITS, 0) };
  } catch (err) {
    if (err instanceof InvalidEventError) return { invalid: err.reason };
    return { invalid: "UNDECODABLE" };
  }
}
