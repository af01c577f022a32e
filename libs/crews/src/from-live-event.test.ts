import { LiveEvent } from "@redline/proto";
import { RoomContextTracker } from "./from-live-event";

const actor = { userId: "u1", accountCreatedMs: 1_700_000_000_000, deviceId: "d1", ipPrefix: "203.0.113.0/24", ageBand: "AGE_BAND_ADULT", realNameVerified: true };
const event = (seq: number, body: Record<string, unknown>) =>
  LiveEvent.fromJSON({ eventId: `r1-${seq}`, roomId: "r1", eventTimeMs: 1_757_674_800_000 + seq * 1000, platform: "p", ...body });

describe("RoomContextTracker", () => {
  it("turns interactions into activity records carrying the room's streamer, category and start", () => {
    const rooms = new RoomContextTracker();
    expect(rooms.toActivity(event(0, { room: { kind: "ROOM_EVENT_KIND_STARTED", streamer: { userId: "s1" }, category: "food" } }))).toBeUndefined();
    const join = rooms.toActivity(event(1, { view: { user: actor, kind: "VIEW_KIND_JOIN" } }));
    expect(join).toEqual({
      eventId: "r1-1",
      eventTimeMs: 1_757_674_801_000,
      accountId: "u1",
      deviceId: "d1",
      ipPrefix: "203.0.113.0/24",
      roomId: "r1",
      streamerId: "s1",
      roomCategory: "food",
      roomStartedMs: 1_757_674_800_000,
      kind: "join",
      paymentKey: "",
      addressKey: "",
      accountCreatedMs: 1_700_000_000_000,
    });
    const order = rooms.toActivity(event(2, { transaction: { orderId: "o1", buyer: actor, kind: "TRANSACTION_KIND_ORDER", paymentAccountId: "pay-9", shippingAddressHash: "addr-3" } }));
    expect(order).toMatchObject({ kind: "order", paymentKey: "pay-9", addressKey: "addr-3" });
    expect(rooms.toActivity(event(3, { view: { user: actor, kind: "VIEW_KIND_LEAVE" } }))?.kind).toBe("leave");
    expect(rooms.toActivity(event(4, { comment: { commentId: "c1", author: actor, text: "hi" } }))?.kind).toBe("comment");
  });

  it("leaves room context empty for a room whose start it never saw, and skips events without an account", () => {
    const rooms = new RoomContextTracker();
    expect(rooms.toActivity(event(1, { like: { user: actor, count: 3 } }))).toMatchObject({ streamerId: "", roomCategory: "", roomStartedMs: 0, kind: "like" });
    expect(rooms.toActivity(event(2, { like: { count: 3 } }))).toBeUndefined();
    expect(rooms.toActivity(event(3, { transcript: { segmentId: "s", text: "hello" } }))).toBeUndefined();
  });
});
