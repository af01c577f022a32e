import type { Alert, LiveEvent } from "@redline/proto";
import { Severity } from "@redline/proto";
import { alertsFor } from "../testing/run-engine";
import { actor, join, like, seeded, T0 } from "../testing/event-builders";
import { organicRoom } from "../testing/organic";

const ROOM = "room-cover";
const DAY_MS = 86_400_000;

const alertsOf = (events: LiveEvent[], sub: string): Alert[] => alertsFor(events).filter((a) => a.subcategory === sub && a.severity >= Severity.SEVERITY_MEDIUM);

/**
 * A farm of `phones` handsets with 8 fresh accounts each, all joining in the first minutes of the attack and staying;
 * `likers(phone, slot)` says which accounts tap, at a human rate (a few taps every few seconds).
 */
function farm(phones: number, likers: (phone: number, slot: number) => boolean): LiveEvent[] {
  const start = T0 + 300_000;
  const rand = seeded(11);
  const out: LiveEvent[] = [];
  for (let p = 0; p < phones; p++) {
    for (let s = 0; s < 8; s++) {
      const bot = actor(`farm-${p}-${s}`, { device: `farm-phone-${p}`, createdMs: start - 2 * DAY_MS, ip: `100.64.${p * 8 + s}.0/24` });
      const joined = start + (p * 8 + s) * 1_500;
      out.push(join(ROOM, joined, bot));
      if (!likers(p, s)) continue;
      // Irregular gaps, as a person's: a metronome would be a like tell of its own (scheduled_timing).
      for (let k = 0, t = joined + 20_000; k < 12; k++, t += 3_000 + Math.floor(rand() * 9_000)) out.push(like(ROOM, t, bot, 1 + Math.floor(rand() * 4)));
    }
  }
  return out;
}

describe("a view farm's cover likes", () => {
  const room = () => organicRoom(ROOM, { seed: 7, viewersPerMinute: 30, durationMs: 20 * 60_000 });

  it("are not a like farm when most accounts on each phone never like", () => {
    // Six phones of eight silent accounts; one account a phone taps to make the crowd look alive.
    expect(alertsOf([...room(), ...farm(6, (_, s) => s === 0)], "FAKE_LIKES")).toEqual([]);
  });

  it("leave a like farm alerting when its accounts like", () => {
    expect(alertsOf([...room(), ...farm(6, () => true)], "FAKE_LIKES")).not.toEqual([]);
  });

  it("still count where the phone's accounts mostly like, even if some stay silent", () => {
    expect(alertsOf([...room(), ...farm(6, (_, s) => s < 5)], "FAKE_LIKES")).not.toEqual([]);
  });
});
