import type { Alert, LiveEvent } from "@redline/proto";
import { Severity } from "@redline/proto";
import { alertsFor } from "../testing/run-engine";
import { actor, join, leave, seeded, T0 } from "../testing/event-builders";
import { organicRoom } from "../testing/organic";
import { DEFAULT_FALSIFICATION_CONFIG } from "./falsification-config";

const ROOM = "room-g";
const DAY = 86_400_000;


const viewAlerts = (events: LiveEvent[], config?: Parameters<typeof alertsFor>[1]): Alert[] => alertsFor(events, config).filter((a) => a.subcategory === "FAKE_VIEWS" && a.severity >= Severity.SEVERITY_MEDIUM);
const signal = (a: Alert, name: string) => a.explanation!.signals.find((s) => s.name === name);

/**
 * Aged accounts, each on its own phone and /24, joining at random from a pool and leaving within 0.5-4 s, so
 * each comes back only `visits` times during the attack: every one of them looks like a dropped connection.
 */
function ghostPool(pool: number, visits: number, startMs: number, spanMs: number): LiveEvent[] {
  const rand = seeded(31);
  const out: LiveEvent[] = [];
  for (let b = 0; b < pool; b++) {
    const bot = actor(`ghost-${b}`, { createdMs: T0 - (60 + b) * DAY, device: `g-dev-${b}`, ip: `100.64.${b % 250}.0/24` });
    for (let v = 0; v < visits; v++) {
      const t = startMs + Math.floor(((v + rand()) * spanMs) / visits);
      out.push(join(ROOM, t, bot), leave(ROOM, t + 500 + Math.floor(rand() * 3_500), bot));
    }
  }
  return out;
}

/** Viewers whose connection drops two or three times within seconds of joining; each then stays ten minutes. */
function droppedConnections(viewers: number, startMs: number, spanMs: number): LiveEvent[] {
  const rand = seeded(37);
  const out: LiveEvent[] = [];
  for (let v = 0; v < viewers; v++) {
    const viewer = actor(`flaky-${v}`, { createdMs: T0 - (90 + v) * DAY, device: `f-dev-${v}`, ip: `100.65.${v % 250}.0/24` });
    let t = startMs + Math.floor(rand() * spanMs);
    for (let drop = 0; drop < 2 + (v % 2); drop++) {
      const stay = 1_000 + Math.floor(rand() * 6_000);
      out.push(join(ROOM, t, viewer), leave(ROOM, t + stay, viewer));
      t += stay + 1_000 + Math.floor(rand() * 3_000);
    }
    out.push(join(ROOM, t, viewer), leave(ROOM, t + 10 * 60_000, viewer));
  }
  return out;
}

describe("ghost crowds", () => {
  const room = () => organicRoom(ROOM, { seed: 8, viewersPerMinute: 20, durationMs: 15 * 60_000 });

  it("fires when most of the room's settled viewers came back for seconds, twice or three times each", () => {
    const alerts = viewAlerts([...room(), ...ghostPool(200, 3, T0 + 240_000, 360_000)]);
    expect(alerts.length).toBeGreaterThan(0);
    expect(signal(alerts[0]!, "tell_ghost_crowd")!.value).toBeGreaterThan(0.5);
  });

  it("stays quiet on dropped connections: two or three rejoins seconds apart, then the viewer stays", () => {
    // 40 viewers reconnecting among a room of ~60 viewers a minute (threat model §4: 2-3 joins, short gaps).
    const busy = organicRoom(ROOM, { seed: 8, viewersPerMinute: 60, durationMs: 15 * 60_000 });
    expect(viewAlerts([...busy, ...droppedConnections(40, T0 + 240_000, 360_000)])).toEqual([]);
  });

  it("fires on a minority of a busy room that only ever came for seconds, three times each (rules-21)", () => {
    const busy = organicRoom(ROOM, { seed: 8, viewersPerMinute: 60, durationMs: 15 * 60_000 });
    const alerts = viewAlerts([...busy, ...ghostPool(40, 3, T0 + 240_000, 360_000)]);
    expect(alerts.length).toBeGreaterThan(0);
    expect(signal(alerts[0]!, "tell_ghost_visits")!.value).toBeGreaterThan(0.5);
  });

  it("leaves the same minority to the four-visit rule when ghostOnlyVisits is off", () => {
    const busy = organicRoom(ROOM, { seed: 8, viewersPerMinute: 60, durationMs: 15 * 60_000 });
    const off = { falsification: { ...DEFAULT_FALSIFICATION_CONFIG, ghostOnlyVisits: 0 } };
    expect(viewAlerts([...busy, ...ghostPool(40, 3, T0 + 240_000, 360_000)], off)).toEqual([]);
  });

  it("does not count one short visit each: a feed's swipe-throughs are one visit per viewer", () => {
    expect(viewAlerts([...room(), ...ghostPool(300, 1, T0 + 240_000, 360_000)])).toEqual([]);
  });
});
