import { AgeBand, LiveEvent, TransactionKind, ViewKind } from "@redline/proto";
import { decodeLiveEvent, parseLiveEventJson } from "./decode";
import { InvalidEventError, type InvalidEventReason } from "./errors";
import { DEFAULT_LIMITS } from "./limits";
import { reasonOf } from "./testing/reason-of";

const NOW = 1_764_000_000_000;

const commentJson = {
  eventId: "e-1",
  roomId: "room-1",
  eventTimeMs: String(NOW - 1000),
  platform: "douyin",
  comment: {
    commentId: "c-1",
    author: { userId: "u-1", accountCreatedMs: "1600000000000", ageBand: "AGE_BAND_ADULT", deviceId: "d-1" },
    text: "质量很好",
  },
};


const json = (o: unknown): Buffer => Buffer.from(JSON.stringify(o));

describe("decodeLiveEvent", () => {
  it("decodes proto3 JSON with int64 strings and enum names", () => {
    const e = decodeLiveEvent(json(commentJson), "application/json", DEFAULT_LIMITS, NOW);
    expect(e.eventTimeMs).toBe(NOW - 1000);
    expect(e.body?.$case).toBe("comment");
    if (e.body?.$case !== "comment") throw new Error("unreachable");
    expect(e.body.value.author?.ageBand).toBe(AgeBand.AGE_BAND_ADULT);
    expect(e.body.value.author?.accountCreatedMs).toBe(1_600_000_000_000);
  });

  it("accepts int64 as JSON numbers, ignores unknown fields, honours content-type parameters", () => {
    const e = decodeLiveEvent(
      json({ ...commentJson, eventTimeMs: NOW, somethingNew: { x: 1 } }),
      "Application/JSON; charset=utf-8",
      DEFAULT_LIMITS,
      NOW,
    );
    expect(e.eventTimeMs).toBe(NOW);
  });

  it("round-trips protobuf binary, the default encoding", () => {
    const original = LiveEvent.fromJSON(commentJson);
    const bytes = LiveEvent.encode(original).finish();
    expect(decodeLiveEvent(bytes, undefined, DEFAULT_LIMITS, NOW)).toEqual(original);
  });

  it("keeps an unknown enum value as unspecified, from JSON and from the wire", () => {
    const fromJson = decodeLiveEvent(
      json({
        eventId: "e",
        roomId: "r",
        eventTimeMs: NOW,
        transaction: { kind: "TRANSACTION_KIND_BARTER", buyer: { userId: "u", ageBand: "AGE_BAND_ELDER" } },
      }),
      "application/json",
      DEFAULT_LIMITS,
      NOW,
    );
    if (fromJson.body?.$case !== "transaction") throw new Error("unreachable");
    expect(fromJson.body.value.kind).toBe(TransactionKind.TRANSACTION_KIND_UNSPECIFIED);
    expect(fromJson.body.value.buyer?.ageBand).toBe(AgeBand.AGE_BAND_UNSPECIFIED);

    const wire = LiveEvent.encode(
      LiveEvent.fromPartial({
        eventId: "e",
        roomId: "r",
        eventTimeMs: NOW,
        body: { $case: "view", value: { kind: 42 as ViewKind, user: { userId: "u" } } },
      }),
    ).finish();
    const fromWire = decodeLiveEvent(wire, undefined, DEFAULT_LIMITS, NOW);
    if (fromWire.body?.$case !== "view") throw new Error("unreachable");
    expect(fromWire.body.value.kind).toBe(ViewKind.VIEW_KIND_UNSPECIFIED);
  });

  it("keeps an absent streamer age absent (unknown), and a present zero-free age as given", () => {
    const room = (streamer: object) =>
      parseLiveEventJson(
        JSON.stringify({ eventId: "e", roomId: "r", eventTimeMs: NOW, room: { kind: "ROOM_EVENT_KIND_STARTED", streamer } }),
        DEFAULT_LIMITS,
        NOW,
      );
    const unknown = room({ userId: "s" });
    const known = room({ userId: "s", age: 15, guardianConsent: false });
    if (unknown.body?.$case !== "room" || known.body?.$case !== "room") throw new Error("unreachable");
    expect(unknown.body.value.streamer?.age).toBeUndefined();
    expect(unknown.body.value.streamer?.guardianConsent).toBeUndefined();
    expect(known.body.value.streamer?.age).toBe(15);
    expect(known.body.value.streamer?.guardianConsent).toBe(false);
  });

  it.each<[string, Buffer, string | undefined, InvalidEventReason]>([
    ["garbage bytes", Buffer.from([0xff, 0xff, 0xff, 0x07, 0x01]), undefined, "UNDECODABLE"],
    ["invalid JSON", Buffer.from("{not json"), "application/json", "UNDECODABLE"],
    ["a JSON array", json([commentJson]), "application/json", "UNDECODABLE"],
    ["invalid UTF-8 in JSON", Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), "application/json", "UNDECODABLE"],
    ["missing eventId", json({ ...commentJson, eventId: "" }), "application/json", "MISSING_FIELD"],
    ["missing roomId", json({ ...commentJson, roomId: undefined }), "application/json", "MISSING_FIELD"],
    ["missing eventTimeMs", json({ ...commentJson, eventTimeMs: undefined }), "application/json", "MISSING_FIELD"],
    ["missing body", json({ eventId: "e", roomId: "r", eventTimeMs: NOW }), "application/json", "MISSING_FIELD"],
    ["non-numeric time", json({ ...commentJson, eventTimeMs: "soon" }), "application/json", "INVALID_FIELD"],
    ["fractional time", json({ ...commentJson, eventTimeMs: 1.5 }), "application/json", "INVALID_FIELD"],
    [
      "negative amount",
      json({ eventId: "e", roomId: "r", eventTimeMs: NOW, transaction: { amountCents: "-100", buyer: { userId: "u" } } }),
      "application/json",
      "NEGATIVE_AMOUNT",
    ],
    [
      "oversized text",
      json({ ...commentJson, comment: { ...commentJson.comment, text: "x".repeat(DEFAULT_LIMITS.maxTextChars + 1) } }),
      "application/json",
      "TEXT_TOO_LONG",
    ],
    ["time far in the past", json({ ...commentJson, eventTimeMs: NOW - 30 * 86_400_000 }), "application/json", "EVENT_TIME_SKEW"],
    ["time in the future", json({ ...commentJson, eventTimeMs: NOW + 3_600_000 }), "application/json", "EVENT_TIME_SKEW"],
    ["comment without author", json({ ...commentJson, comment: { text: "hi" } }), "application/json", "MISSING_FIELD"],
    ["like count not a number", json({ eventId: "e", roomId: "r", eventTimeMs: NOW, like: { count: "many", user: { userId: "u" } } }), "application/json", "INVALID_FIELD"],
    ["an oversized id", json({ ...commentJson, roomId: "r".repeat(300) }), "application/json", "INVALID_FIELD"],
  ])("refuses %s", (_name, bytes, contentType, reason) => {
    expect(reasonOf(() => decodeLiveEvent(bytes, contentType, DEFAULT_LIMITS, NOW))).toBe(reason);
  });

  it("marks every refusal non-retriable", () => {
    try {
      decodeLiveEvent(Buffer.from("x"), "application/json", DEFAULT_LIMITS, NOW);
    } catch (err) {
      expect((err as InvalidEventError).retriable).toBe(false);
      return;
    }
    throw new Error("expected a refusal");
  });

  it("skips the skew check when the limits disable it (replay)", () => {
    const old = { ...commentJson, eventTimeMs: 1_000 };
    const limits = { ...DEFAULT_LIMITS, maxPastSkewMs: undefined };
    expect(parseLiveEventJson(JSON.stringify(old), limits, NOW).eventTimeMs).toBe(1000);
  });
});
