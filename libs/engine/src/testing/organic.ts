/**
 * An ordinary room for tests: viewers arrive at random, a share swipe
 * through within seconds, the rest stay minutes, like in human bursts,
 * comment, sometimes follow or buy. Deterministic for a seed.
 */
import type { LiveEvent } from "@redline/proto";
import { actor, comment, follow, join, leave, like, order, seeded, T0 } from "./event-builders";

export interface OrganicOptions {
  seed: number;
  viewersPerMinute: number;
  durationMs: number;
  startMs?: number;
  userPrefix?: string;
}

export function organicRoom(roomId: string, o: OrganicOptions): LiveEvent[] {
  const rand = seeded(o.seed);
  const start = o.startMs ?? T0;
  const out: LiveEvent[] = [];
  const arrivals = Math.round((o.viewersPerMinute * o.durationMs) / 60_000);
  for (let i = 0; i < arrivals; i++) {
    const u = actor(`${o.userPrefix ?? roomId}-u${i}`);
    const t = start + Math.floor(rand() * o.durationMs);
    out.push(join(roomId, t, u));
    const swipe = rand() < 0.35;
    const dwell = swipe ? 1_500 + Math.floor(rand() * 12_000) : 60_000 + Math.floor(rand() * 600_000);
    if (!swipe) {
      if (rand() < 0.4) {
        let lt = t + 5_000 + Math.floor(rand() * 20_000);
        for (let k = 0; k < 10 && lt < t + dwell; k++) {
          out.push(like(roomId, lt, u, 1 + Math.floor(rand() * 6)));
          lt += 1_000 + Math.floor(rand() * 8_000);
        }
      }
      if (rand() < 0.2) out.push(comment(roomId, t + Math.floor(rand() * dwell), u));
      if (rand() < 0.05) out.push(follow(roomId, t + Math.floor(rand() * dwell), u));
      if (rand() < 0.03) out.push(order(roomId, t + Math.floor(rand() * dwell), u));
    }
    out.push(leave(roomId, t + dwell, u));
  }
  return out;
}
