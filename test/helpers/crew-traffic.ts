import { LiveEvent, RoomEventKind, ViewKind } from "@redline/proto";

const MIN = 60_000;
const CATEGORIES = ["beauty", "food", "home", "fashion", "snacks"];

/**
 * Five rooms of five streamers from `t0`, 35 minutes apart: a crew of five
 * (`crew-a*`) joins each a few seconds apart, likes a minute after joining,
 * and leaves together; a second crew of four (`crew-b*`) works the last three
 * on a script of its own (likes 100 s in: two crews' scripts differ, or the
 * script-cohort rule takes them for one); twenty organic viewers per room
 * come and go and like on their own. In (eventTimeMs, eventId) order. The
 * crew tests (#21) replay it and run it through the services.
 */
export function crewTraffic(t0: number): LiveEvent[] {
  const out: LiveEvent[] = [];
  let seq = 0;
  const ev = (room: number, atMs: number, body: NonNullable<Parameters<typeof LiveEvent.fromPartial>[0]>["body"]) =>
    out.push(LiveEvent.fromPartial({ eventId: `ev-${String(seq++).padStart(6, "0")}`, roomId: `room-${room}`, eventTimeMs: atMs, platform: "test", body }));
  const view = (room: number, userId: string, atMs: number, kind: ViewKind) => ev(room, atMs, { $case: "view", value: { user: { userId, deviceId: `dev-${userId}` }, kind } });
  const visit = (room: number, userId: string, arriveMs: number, stayMs: number, likeAfterMs = MIN) => {
    view(room, userId, arriveMs, ViewKind.VIEW_KIND_JOIN);
    ev(room, arriveMs + likeAfterMs, { $case: "like", value: { user: { userId, deviceId: `dev-${userId}` }, count: 3 } });
    view(room, userId, arriveMs + stayMs, ViewKind.VIEW_KIND_LEAVE);
  };
  for (let room = 0; room < 5; room++) {
    const start = t0 + room * 35 * MIN;
    ev(room, start, { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, category: CATEGORIES[room]!, streamer: { userId: `streamer-${room}`, age: 30, realNameVerified: true } } });
    for (let i = 0; i < 5; i++) visit(room, `crew-a${i}`, start + 5 * MIN + i * 3_000, 10 * MIN + i * 2_000);
    if (room >= 2) for (let i = 0; i < 4; i++) visit(room, `crew-b${i}`, start + 9 * MIN + i * 4_000, 8 * MIN + i * 1_500, 100_000);
    for (let v = 0; v < 20; v++) visit(room, `viewer-${room}-${v}`, start + ((v * 7_919 + room * 104_729) % (30 * MIN)), 3 * MIN + ((v * 15_485) % (20 * MIN)), 10_000 + ((v * 6_133) % (2 * MIN)));
  }
  return out.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
}
