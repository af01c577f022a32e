/** What the pipeline's unit tests share: a start time, the shipped policy, and a room that starts. */
import { join } from "node:path";
import { fixedPolicy, loadPolicyFile, type PolicySource } from "@redline/policy";
import { LiveEvent, RoomEventKind } from "@redline/proto";

export const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

/** The policy `deploy/` ships, read from the checkout. */
export function shippedPolicy(): PolicySource {
  return fixedPolicy(loadPolicyFile(join(__dirname, "..", "..", "..", "..", "deploy", "policy", "default-policy.json")));
}

/** A room's STARTED event, its streamer `age` years old. */
export function started(roomId: string, timeMs: number, age: number): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: `start-${roomId}`,
    roomId,
    eventTimeMs: timeMs,
    platform: "test",
    body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, followerCount: 10, streamer: { userId: `s-${roomId}`, age, realNameVerified: true } } },
  });
}
