import type { Alert, LiveEvent } from "@redline/proto";
import { Severity } from "@redline/proto";
import { alertsFor } from "../testing/run-engine";
import { accountSlot, createRoomState } from "../room-state";
import { DEFAULT_ENGINE_CONFIG } from "../config";
import { actor, join, like, seeded, T0 } from "../testing/event-builders";
import { organicRoom } from "../testing/organic";
import { countLike, isWaveSecond, newLikeBeat } from "./like-waves";

const ROOM = "room-w";
const DAY = 86_400_000;
const LIMITS = { waveMinAccounts: 8, waveQuietRatio: 4 };


const falsification = (alerts: Alert[]) => alerts.filter((a) => a.subcategory === "FAKE_LIKES" && a.severity >= Severity.SEVERITY_MEDIUM);
const background = () => organicRoom(ROOM, { seed: 5, viewersPerMinute: 60, durationMs: 15 * 60_000 });

/** Aged accounts, each on its own phone and /24, liking together every `periodMs` within `spreadMs`. */
function emulatorFleet(bots: number, periodMs: number, spreadMs: number, startMs: number, waves: number): LiveEvent[] {
  const rand = seeded(9);
  const out: LiveEvent[] = [];
  for (let b = 0; b < bots; b++) {
    const bot = actor(`emu-${b}`, { createdMs: T0 - (30 + b * 7) * DAY, device: `emu-dev-${b}`, ip: `10.${b}.${b % 7}.0/24` });
    out.push(join(ROOM, startMs - 20_000 + b * 300, bot));
    for (let w = 0; w < waves; w++) if (rand() < 0.85) out.push(like(ROOM, startMs + w * periodMs + Math.floor(rand() * spreadMs), bot, 1 + Math.floor(rand() * 4)));
  }
  return out;
}

describe("wave seconds", () => {
  it("is a crowd of likers out of a lull in the three seconds before", () => {
    expect(isWaveSecond(8, [0, 20, 20], LIMITS)).toBe(true);
    expect(isWaveSecond(8, [3, 20, 20], LIMITS)).toBe(false);
    expect(isWaveSecond(7, [0, 0, 0], LIMITS)).toBe(false);
    expect(isWaveSecond(40, [10, 30, 30], LIMITS)).toBe(true);
  });

  it("credits every account of a wave second once, when a later second's like closes it", () => {
    const room = createRoomState(ROOM, T0);
    const cfg = DEFAULT_ENGINE_CONFIG;
    const beat = newLikeBeat(Math.floor(T0 / 1_000));
    const likeAt = (id: string, t: number) => countLike(beat, id, accountSlot(room, actor(id), cfg), t, LIMITS, room.accounts);
    for (let a = 0; a < 8; a++) {
      likeAt(`u${a}`, T0 + 5_000 + a * 10);
      likeAt(`u${a}`, T0 + 5_500 + a * 10); // the same second again: counted once
    }
    expect(room.accounts.get("u0")!.waveLikes).toBe(0);
    likeAt("u0", T0 + 6_200);
    for (let a = 0; a < 8; a++) expect(room.accounts.get(`u${a}`)!.waveLikes).toBe(1);
    expect(room.accounts.get("u0")!.likeSeconds).toBe(2);
    likeAt("late", T0 + 4_000);
    expect(room.accounts.has("late") && room.accounts.get("late")!.likeSeconds).toBe(0);
  });

  it("credits an account once per wave, however many of the wave's seconds it liked in", () => {
    const room = createRoomState(ROOM, T0);
    const beat = newLikeBeat(Math.floor(T0 / 1_000));
    const likeAt = (id: string, t: number) => countLike(beat, id, accountSlot(room, actor(id), DEFAULT_ENGINE_CONFIG), t, LIMITS, room.accounts);
    // Seconds 5 and 6 are both wave seconds (a lull at second 4): one wave. Second 20 starts another.
    for (const s of [5, 6, 20]) for (let a = 0; a < 9; a++) likeAt(`u${a}`, T0 + s * 1_000 + a);
    likeAt("closer", T0 + 30_000);
    expect(beat.waves).toBe(2);
    expect(room.accounts.get("u3")!.waveLikes).toBe(2);
    expect(room.accounts.get("u3")!.likeSeconds).toBe(3);
  });
});

describe("lockstep likes in the engine", () => {
  it("raises FAKE_LIKES on aged, spread emulators that like together every few seconds, naming the tell", () => {
    const alerts = falsification(alertsFor([...background(), ...emulatorFleet(30, 8_000, 900, T0 + 300_000, 40)]));
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0]!.explanation!.signals.find((s) => s.name === "tell_lockstep_likes")!.value).toBeGreaterThan(0.5);
    expect(alerts[0]!.eventTimeMs - (T0 + 300_000)).toBeLessThan(90_000);
  });

  it("stays silent on a like storm: a crowd tapping at random for two minutes after a lull", () => {
    const rand = seeded(21);
    const events = background();
    for (let u = 0; u < 80; u++) {
      const fan = actor(`fan-${u}`);
      events.push(join(ROOM, T0 + 200_000 + u * 500, fan));
      for (let t = T0 + 300_000 + Math.floor(rand() * 3_000); t < T0 + 420_000; t += 600 + Math.floor(rand() * 2_500)) events.push(like(ROOM, t, fan, 1 + Math.floor(rand() * 8)));
    }
    expect(falsification(alertsFor(events))).toEqual([]);
  });

  it("stays silent on a host's repeated cues: fans tapping for a few seconds each time, then going quiet", () => {
    const rand = seeded(22);
    const events = background();
    for (let u = 0; u < 60; u++) {
      const fan = actor(`cue-${u}`);
      events.push(join(ROOM, T0 + 200_000 + u * 500, fan));
      for (let cue = 0; cue < 12; cue++) {
        if (rand() < 0.3) continue;
        // Reaction times of 0.3–4 s, then a few taps a second or two apart.
        let t = T0 + 300_000 + cue * 30_000 + 300 + Math.floor(rand() * 3_700);
        for (let k = 0; k < 1 + Math.floor(rand() * 4); k++, t += 700 + Math.floor(rand() * 1_800)) events.push(like(ROOM, t, fan, 1 + Math.floor(rand() * 6)));
      }
    }
    expect(falsification(alertsFor(events))).toEqual([]);
  });
});
