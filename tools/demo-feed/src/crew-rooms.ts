/**
 * The demo's cross-room crew (issue 21): five accounts rented to four rooms
 * of four streamers in different categories, each worked lightly (join a few
 * seconds apart, like, follow, leave together some minutes later), among
 * viewers who come and go on their own. The first two rooms lie in the recent
 * past, as if the demo joined live rooms; the crew reaches MEDIUM in the third,
 * a few minutes in, once the room engine publishes account activity to the
 * crew detector (or `redline replay --crews` over the same events).
 */
import { LiveEvent, RoomEventKind, ViewKind } from "@redline/proto";

export interface CrewRooms {
  roomIds: string[];
  crewAccounts: string[];
  events: LiveEvent[];
}

const MIN = 60_000;
const CATEGORIES = ["beauty", "snacks", "home", "toys"];
const CREW_SIZE = 5;
const VIEWERS_PER_ROOM = 12;

export function crewRooms(prefix: string, startMs: number): CrewRooms {
  const events: LiveEvent[] = [];
  const roomIds = CATEGORIES.map((_, k) => `${prefix}-crew-room-${k}`);
  const crewAccounts = Array.from({ length: CREW_SIZE }, (_, i) => `${prefix}-crew-acct-${i}`);
  let seq = 0;
  const ev = (roomId: string, atMs: number, body: NonNullable<Parameters<typeof LiveEvent.fromPartial>[0]>["body"]) =>
    events.push(LiveEvent.fromPartial({ eventId: `${roomId}-${String(seq++).padStart(5, "0")}`, roomId, eventTimeMs: atMs, platform: "demo", body }));
  const actor = (userId: string, n: number) => ({ userId, deviceId: `${userId}-phone`, ipPrefix: `198.51.${100 + (n % 50)}.0/24`, accountCreatedMs: startMs - (200 + n) * 86_400_000, realNameVerified: true });
  const visit = (roomId: string, userId: string, n: number, arriveMs: number, stayMs: number, follows: boolean, likeAfterMs: number) => {
    ev(roomId, arriveMs, { $case: "view", value: { user: actor(userId, n), kind: ViewKind.VIEW_KIND_JOIN } });
    ev(roomId, arriveMs + likeAfterMs, { $case: "like", value: { user: actor(userId, n), count: 5 } });
    if (follows) ev(roomId, arriveMs + 70_000, { $case: "follow", value: { user: actor(userId, n) } });
    ev(roomId, arriveMs + stayMs, { $case: "view", value: { user: actor(userId, n), kind: ViewKind.VIEW_KIND_LEAVE } });
  };
  roomIds.forEach((roomId, k) => {
    const roomStart = startMs + (k - 2) * 8 * MIN;
    ev(roomId, roomStart, { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, category: CATEGORIES[k]!, title: "live now", followerCount: 800, streamer: { userId: `${roomId}-streamer`, age: 29, realNameVerified: true } } });
    // The crew's script likes 40 s after each join; a viewer likes whenever it likes (libs/crews script-offsets.ts).
    crewAccounts.forEach((a, i) => visit(roomId, a, i, roomStart + 2 * MIN + i * 4_000, 4 * MIN + i * 3_000, true, 40_000));
    for (let v = 0; v < VIEWERS_PER_ROOM; v++) {
      visit(roomId, `${roomId}-viewer-${v}`, 10 + v, roomStart + ((v * 47_000 + k * 13_000) % (9 * MIN)), 2 * MIN + ((v * 71_000) % (7 * MIN)), v % 4 === 0, 15_000 + ((v * 29_000 + k * 7_000) % 100_000));
    }
  });
  return { roomIds, crewAccounts, events };
}
