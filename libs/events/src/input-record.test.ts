import { LiveEvent } from "@redline/proto";
import { encodeMessage } from "./codec";
import { InvalidEventError } from "./errors";
import { decodeInputEvent, skewReferenceMs } from "./input-record";
import { DEFAULT_LIMITS } from "./limits";

const PUBLISHED = Date.UTC(2026, 10, 1, 12, 0, 0);
const HOUR = 3_600_000;

function record(eventTimeMs: number, publishedAtMs: number) {
  const enc = encodeMessage(
    LiveEvent,
    LiveEvent.fromPartial({
      eventId: "e1",
      roomId: "r1",
      eventTimeMs,
      platform: "test",
      body: { $case: "comment", value: { commentId: "c1", author: { userId: "u1" }, text: "hi" } },
    }),
    "protobuf",
  );
  return { value: enc.value, contentType: enc.contentType, publishedAtMs };
}

const reasonOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof InvalidEventError) return err.reason;
    throw err;
  }
};

describe("decodeInputEvent", () => {
  it("measures skew from the record's publication time, so the verdict does not depend on when it is read", () => {
    const ahead = record(PUBLISHED + DEFAULT_LIMITS.maxFutureSkewMs! + 1, PUBLISHED);
    const onTime = record(PUBLISHED - 1_000, PUBLISHED);
    for (const readAtMs of [PUBLISHED, PUBLISHED + HOUR, PUBLISHED + 30 * 24 * HOUR]) {
      expect(reasonOf(() => decodeInputEvent(ahead, DEFAULT_LIMITS, readAtMs))).toBe("EVENT_TIME_SKEW");
      expect(decodeInputEvent(onTime, DEFAULT_LIMITS, readAtMs).eventId).toBe("e1");
    }
    expect(reasonOf(() => decodeInputEvent(record(PUBLISHED - DEFAULT_LIMITS.maxPastSkewMs! - 1, PUBLISHED), DEFAULT_LIMITS, PUBLISHED))).toBe(
      "EVENT_TIME_SKEW",
    );
  });

  it("falls back to the reader's clock only for a record without a timestamp", () => {
    expect(skewReferenceMs(PUBLISHED, PUBLISHED + HOUR)).toBe(PUBLISHED);
    expect(skewReferenceMs(-1, PUBLISHED + HOUR)).toBe(PUBLISHED + HOUR);
    expect(skewReferenceMs(Number.NaN, PUBLISHED + HOUR)).toBe(PUBLISHED + HOUR);
    const ahead = record(PUBLISHED + DEFAULT_LIMITS.maxFutureSkewMs! + 1, -1);
    expect(reasonOf(() => decodeInputEvent(ahead, DEFAULT_LIMITS, PUBLISHED))).toBe("EVENT_TIME_SKEW");
    expect(decodeInputEvent(ahead, DEFAULT_LIMITS, PUBLISHED + HOUR).eventId).toBe("e1");
  });
});
