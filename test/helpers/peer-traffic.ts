import { LiveEvent, RoomEventKind, ViewKind } from "@redline/proto";

const MIN = 60_000;
type Body = NonNullable<Parameters<typeof LiveEvent.fromPartial>[0]>["body"];

/**
 * Traffic for the peer baselines (issue 12): eight ordinary rooms of one
 * platform and category over 25 minutes (viewers join, two in three like,
 * all leave within minutes), and a ninth where, from minute 12, sixty
 * ghost accounts also join and leave within seconds, again and again: a
 * FAKE_VIEWS finding judged against the eight by then.
 */
export function peerTraffic(t0: number): LiveEvent[] {
  const out: LiveEvent[] = [];
  let seq = 0;
  const ev = (roomId: string, atMs: number, body: Body) => out.push(LiveEvent.fromPartial({ eventId: `pe-${String(seq++).padStart(6, "0")}`, roomId, eventTimeMs: atMs, platform: "test", body }));
  const user = (userId: string) => ({ userId, deviceId: `d-${userId}`, ipPrefix: `10.${seq % 200}.${userId.length}.0/24`, accountCreatedMs: t0 - 400 * 86_400_000 });
  const view = (roomId: string, userId: string, atMs: number, kind: ViewKind) => ev(roomId, atMs, { $case: "view", value: { user: user(userId), kind } });
  for (let r = 0; r < 9; r++) {
    const roomId = `room-${r}`;
    ev(roomId, t0, { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, category: "beauty", streamer: { userId: `streamer-${r}`, age: 30, realNameVerified: true } } });
    for (let v = 0; v < 160; v++) {
      const userId = `v-${r}-${v}`;
      const at = t0 + 1_000 + ((v * 7_919 + r * 1_301) % (20 * MIN));
      view(roomId, userId, at, ViewKind.VIEW_KIND_JOIN);
      if (v % 3 !== 0) ev(roomId, at + 15_000, { $case: "like", value: { user: user(userId), count: 1 + (v % 4) } });
      view(roomId, userId, at + 2 * MIN + ((v * 13_007) % (4 * MIN)), ViewKind.VIEW_KIND_LEAVE);
    }
  }
  for (let b = 0; b < 60; b++) {
    for (let k = 0; k < 6; k++) {
      const at = t0 + 12 * MIN + b * 700 + k * 20_000;
      view("room-8", `ghost-${b}`, at, ViewKind.VIEW_KIND_JOIN);
      view("room-8", `ghost-${b}`, at + 3_000 + (b % 7) * 500, ViewKind.VIEW_KIND_LEAVE);
    }
  }
  return out.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
}
