import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LiveEvent } from "@redline/proto";
import { simulate, generateRoom, ATTACK_STYLES } from "./scenario";
import { Rng } from "./rng";
import type { AttackStyle } from "./scenario";

function hourOf(seed: number) {
  return [...simulate({ seed, scale: 0.05 })][0]!;
}

describe("simulate", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const room = (seed: number): string[] =>
      generateRoom({ roomId: "r", size: "medium", hardNegative: "viral_spike", attack: "device_farm", strength: 0.5 }, new Rng(seed), 0).events.map((e) => JSON.stringify(LiveEvent.toJSON(e)));
    const a = room(5);
    expect(room(5)).toEqual(a);
    expect(room(6)).not.toEqual(a);
  });

  it("labels every attack style and hard negative at room level", () => {
    const { truth } = hourOf(1);
    const styles = new Set(truth.flatMap((t) => t.labels.map((l) => l.style.replace(/^(viewer_bots|fresh_follow_burst).*$/, "$1"))));
    expect([...styles].sort()).toEqual(["aged_superhuman", "brushing_mules", "brushing_repeat", "device_farm", "emulator_waves", "fresh_follow_burst", "viewer_bots"]);
    const negatives = new Set(truth.map((t) => t.hardNegative).filter((h) => h !== null));
    expect([...negatives].sort()).toEqual(["devoted_fan", "family_device", "flash_sale", "viral_spike"]);
    for (const t of truth) for (const l of t.labels) {
      expect(l.attackStartMs).toBeGreaterThanOrEqual(t.startMs);
      expect(l.intensity.bots).toBeGreaterThan(0);
      expect(l.intensity.roomShare).toBeGreaterThan(0);
      expect(l.intensity.roomShare).toBeLessThanOrEqual(1);
    }
  });

  it("emits roughly time-ordered events with bounded jitter and unique ids", () => {
    const { events } = hourOf(2);
    const ids = new Set(events.map((e) => e.eventId));
    expect(ids.size).toBe(events.length);
    let maxSeen = 0;
    let beyond = 0;
    for (const e of events) {
      if (e.eventTimeMs < maxSeen - 5_000) beyond++;
      maxSeen = Math.max(maxSeen, e.eventTimeMs);
    }
    expect(beyond / events.length).toBeLessThan(0.002);
    expect(events.some((e, i) => i > 0 && e.eventTimeMs < events[i - 1]!.eventTimeMs)).toBe(true);
  });

  it("makes stronger attacks bigger", () => {
    for (const style of Object.keys(ATTACK_STYLES) as AttackStyle[]) {
      const size = (strength: number): number => {
        const { truth } = generateRoom({ roomId: `r-${style}`, size: "medium", hardNegative: null, attack: style, strength }, new Rng(3), 0);
        const i = truth.labels[0]!.intensity;
        return i.bots * i.actionsPerMinute;
      };
      expect(size(1)).toBeGreaterThan(size(0));
    }
  });

  it("never imports the engine: it models platforms, not detectors", () => {
    const dir = __dirname;
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
      expect(readFileSync(join(dir, f), "utf8")).not.toMatch(/@redline\/engine/);
    }
  });
});
