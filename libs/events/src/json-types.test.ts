import { LiveEvent } from "@redline/proto";
import { decodeLiveEvent } from "./decode";
import { InvalidEventError } from "./errors";
import { DEFAULT_LIMITS } from "./limits";

const NOW = 1_800_000_000_000;
const base = {
  eventId: "e-1",
  roomId: "room-1",
  eventTimeMs: String(NOW - 1000),
  platform: "p",
  comment: { commentId: "c-1", author: { userId: "u-1", accountCreatedMs: 5, ageBand: "AGE_BAND_ADULT", realNameVerified: true }, text: "hi" },
};

function decodeJson(value: unknown): LiveEvent {
  return decodeLiveEvent(Buffer.from(JSON.stringify(value)), "application/json", DEFAULT_LIMITS, NOW);
}

function refusal(value: unknown): string {
  try {
    decodeJson(value);
    return "accepted";
  } catch (err) {
    if (!(err instanceof InvalidEventError)) throw err;
    return `${err.reason}: ${err.message}`;
  }
}

describe("JSON value types (found by the bad-input run, issue 17)", () => {
  it("accepts proto3 JSON: int64 as a number or a string, enum names, proto field names", () => {
    expect(decodeJson(base).eventId).toBe("e-1");
    expect(decodeJson({ ...base, eventTimeMs: NOW - 1000 }).eventTimeMs).toBe(NOW - 1000);
    const snake = { event_id: "e-2", room_id: "room-1", event_time_ms: NOW - 1000, comment: { comment_id: "c", author: { user_id: "u-2" }, text: "x" } };
    expect(decodeJson(snake).roomId).toBe("room-1");
  });

  it.each([
    [{ ...base, eventId: 42 }, /^INVALID_FIELD: .*eventId must be a string in JSON, got a number/],
    [{ ...base, comment: { ...base.comment, author: { userId: { nested: [1] } } } }, /comment\.author\.userId must be a string in JSON, got a object/],
    [{ ...base, comment: { ...base.comment, text: ["a", "b"] } }, /comment\.text must be a string in JSON, got an array/],
    [{ ...base, eventTimeMs: true }, /eventTimeMs must be a number in JSON, got a boolean/],
    [{ ...base, comment: { ...base.comment, author: { userId: "u", realNameVerified: "yes" } } }, /realNameVerified must be a boolean in JSON, got a string/],
    [{ ...base, comment: "hello" }, /comment must be an object in JSON, got a string/],
    [{ ...base, comment: { ...base.comment, author: "u-1" } }, /comment\.author must be an object in JSON, got a string/],
  ])("refuses %j with a reason naming the field", (value, message) => {
    expect(refusal(value)).toMatch(message);
  });
});

describe("dead-letter details of undecodable JSON", () => {
  it.each([
    ['{"eventId":"e","comment":{"text":"call me on wx-secret-123"} oops', /not valid JSON at position \d+$/],
    ["wx-secret-123", /not valid JSON/],
    ['{"text":"wx-secret-123', /not valid JSON at position 22$/],
    ['{"text":', /JSON input ends early$/],
  ])("say where %j breaks without quoting it", (text, message) => {
    try {
      decodeLiveEvent(Buffer.from(text), "application/json", DEFAULT_LIMITS, NOW);
      throw new Error("accepted");
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidEventError);
      expect((err as InvalidEventError).reason).toBe("UNDECODABLE");
      expect((err as Error).message).toMatch(message);
      expect(JSON.stringify({ message: (err as Error).message, cause: String((err as Error).cause) })).not.toContain("secret");
    }
  });
});
