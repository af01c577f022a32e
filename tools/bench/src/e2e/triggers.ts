import { RoomEventKind, type LiveEvent } from "@redline/proto";
import { Rng, textOf } from "@redline/simulator";

/**
 * Events injected into the open-loop load whose outcome is known, so every
 * phase has actions of both paths to time: an under-age streamer's room start
 * (fired early, on receipt: BLOCK_STREAM) and an account posting abusive
 * comments (a repeat offender, judged behind the watermark: the ordered path).
 * Each trigger uses a fresh room, so no cooldown hides one.
 */
export class TriggerSource {
  private readonly rng: Rng;
  private underage = 0;
  private offenders = 0;

  constructor(seed: number, private readonly runId: string) {
    this.rng = new Rng(seed);
  }

  underageStart(nowMs: number): LiveEvent {
    const i = this.underage++;
    return {
      eventId: `${this.runId}-u${i}`,
      roomId: `${this.runId}-minor-room-${i}`,
      eventTimeMs: nowMs,
      platform: "bench",
      body: {
        $case: "room",
        value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, streamer: { userId: `${this.runId}-minor-${i}`, age: 14, realNameVerified: true, virtualAvatar: false }, followerCount: 120, category: "toys", title: "live" },
      },
    };
  }

  /** `count` abusive comments by one account in a fresh room, `spacingMs` apart in event time from `nowMs`. */
  repeatOffender(nowMs: number, count = 3, spacingMs = 1): LiveEvent[] {
    const i = this.offenders++;
    const roomId = `${this.runId}-offender-room-${i}`;
    const author = { userId: `${this.runId}-offender-${i}`, accountCreatedMs: nowMs - 400 * 86_400_000, deviceId: `${this.runId}-d${i}`, ipPrefix: "198.51.100.0/24", ageBand: 1, realNameVerified: true };
    return Array.from({ length: count }, (_, k) => ({
      eventId: `${this.runId}-o${i}-${k}`,
      roomId,
      eventTimeMs: nowMs + k * spacingMs,
      platform: "bench",
      body: { $case: "comment" as const, value: { commentId: `${this.runId}-c${i}-${k}`, author, text: textOf(this.rng, "harassment", 0) } },
    }));
  }
}
