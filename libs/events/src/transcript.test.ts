import { LiveEvent } from "@redline/proto";
import { decodeLiveEvent } from "./decode";
import { DEFAULT_LIMITS } from "./limits";
import { shiftEventTime } from "./shift-time";
import { DEFAULT_INPUT_TOPICS } from "./topics";
import { reasonOf } from "./testing/reason-of";

const NOW = 1_764_000_000_000;

const transcriptJson = {
  eventId: "e-t1",
  roomId: "room-1",
  eventTimeMs: String(NOW - 1000),
  transcript: { segmentId: "s-1", speakerId: "streamer-1", startMs: String(NOW - 4000), endMs: String(NOW - 1000), language: "zh", text: "这款燕窝含量高达百分之三十", skuId: "sku-1" },
};


const bytes = (o: unknown) => Buffer.from(JSON.stringify(o));

describe("transcript events", () => {
  it("decode with their span, language and the SKU on screen, and have their own topic", () => {
    const e = decodeLiveEvent(bytes(transcriptJson), "application/json", DEFAULT_LIMITS, NOW);
    if (e.body?.$case !== "transcript") throw new Error("expected a transcript");
    expect(e.body.value).toMatchObject({ startMs: NOW - 4000, endMs: NOW - 1000, language: "zh", skuId: "sku-1" });
    expect(DEFAULT_INPUT_TOPICS.transcript).toBe("live.transcripts");
  });

  it("refuses a segment that ends before it starts, or text over the limit", () => {
    const backwards = { ...transcriptJson, transcript: { ...transcriptJson.transcript, startMs: String(NOW) } };
    expect(reasonOf(() => decodeLiveEvent(bytes(backwards), "application/json", DEFAULT_LIMITS, NOW))).toBe("INVALID_FIELD");
    const long = { ...transcriptJson, transcript: { ...transcriptJson.transcript, text: "好".repeat(DEFAULT_LIMITS.maxTextChars + 1) } };
    expect(reasonOf(() => decodeLiveEvent(bytes(long), "application/json", DEFAULT_LIMITS, NOW))).toBe("TEXT_TOO_LONG");
  });

  it("move in time with their span", () => {
    const e = shiftEventTime(LiveEvent.fromJSON(transcriptJson), 60_000);
    if (e.body?.$case !== "transcript") throw new Error("expected a transcript");
    expect([e.eventTimeMs, e.body.value.startMs, e.body.value.endMs]).toEqual([NOW + 59_000, NOW + 56_000, NOW + 59_000]);
  });
});
