import { QuantileSketch } from "@redline/baselines";
import type { Alert, LiveEvent } from "@redline/proto";
import { RiskEngine, type EngineDeps } from "./engine";
import type { BaselinePartial } from "./peer-baselines";
import { actor, join, leave, like, roomEnded, T0 } from "./testing/event-builders";
import { organicRoom } from "./testing/organic";

const MINUTE = 60_000;
const DAY = 86_400_000;

const byTime = (events: LiveEvent[]) => [...events].sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));

/** Runs the events through an engine that reads `peers` (a fixed sketch per key, or none); returns its partials and alerts. */
function run(events: LiveEvent[], peers: (key: string) => QuantileSketch | undefined = () => undefined, engine = new RiskEngine({}, { peerBaselineAt: (key) => peers(key) })): { alerts: Alert[]; partials: BaselinePartial[] } {
  const alerts: Alert[] = [];
  const partials: BaselinePartial[] = [];
  for (const e of byTime(events)) {
    alerts.push(...engine.ingest(e).outputs.map((o) => o.alert));
    partials.push(...engine.takeBaselinePartials());
  }
  alerts.push(...engine.flush().outputs.map((o) => o.alert));
  engine.sealBaselines();
  partials.push(...engine.takeBaselinePartials());
  return { alerts, partials };
}

const busyRoom = (roomId: string, seed: number) => organicRoom(roomId, { seed, viewersPerMinute: 40, durationMs: 20 * MINUTE });

describe("the engine's baseline partials", () => {
  it("adds each live room's silent share every minute to its peer group's window, one partial per minute", () => {
    const { partials } = run([...busyRoom("a", 1), ...busyRoom("b", 2)]);
    const minutes = partials.map((p) => p.minuteMs);
    expect(minutes).toEqual([...minutes].sort((x, y) => x - y));
    // One partial per key and minute (a room's size band may move it between groups).
    expect(new Set(partials.map((p) => `${p.key}@${p.minuteMs}`)).size).toBe(partials.length);
    expect(partials.every((p) => p.sketch !== null && p.minuteMs % MINUTE === 0)).toBe(true);
    const mid = partials.filter((p) => p.key === "test|?|m/views.silent_share");
    expect(mid.length).toBeGreaterThan(10);
    const counts = mid.map((p) => QuantileSketch.decode(p.sketch!).count);
    // Two rooms a minute once their windows hold ten settled viewers, accumulating over the 30-minute window.
    expect(counts.at(-1)).toBeGreaterThan(20);
    expect(counts.every((c, i) => i === 0 || c >= counts[i - 1]!)).toBe(true);
    expect(new Set(partials.map((p) => p.key.split("/")[1]))).toEqual(new Set(["views.silent_share"]));
    expect(partials[0]!.key.startsWith("test|?|")).toBe(true);
  });

  it("continues from a snapshot exactly as the original: the same partials and alerts", () => {
    const events = byTime([...busyRoom("a", 3), ...busyRoom("b", 4)]);
    const half = Math.floor(events.length / 2);
    const deps: EngineDeps = { peerBaselineAt: () => undefined };
    const original = new RiskEngine({}, deps);
    for (const e of events.slice(0, half)) original.ingest(e);
    const firstHalf = original.takeBaselinePartials();
    expect(firstHalf.length).toBeGreaterThan(3);
    const restored = RiskEngine.restore(original.snapshot(), {}, deps);
    expect(run(events.slice(half), undefined, restored)).toEqual(run(events.slice(half), undefined, original));
  });

  it("withdraws a group's key once no room of it is left in the window", () => {
    const events = [...busyRoom("a", 5), roomEnded("a", T0 + 21 * MINUTE)];
    // A small room keeps event time moving past the window without joining the group.
    for (let m = 0; m < 70; m++) events.push(like("quiet", T0 + m * MINUTE + 5, actor("fan")));
    const { partials } = run(events);
    const keys = new Set(partials.map((p) => p.key));
    expect(keys.size).toBeGreaterThan(0);
    for (const key of keys) {
      const ofKey = partials.filter((p) => p.key === key);
      expect(ofKey.at(-1)!.sketch).toBeNull();
      expect(ofKey.filter((p) => p.sketch === null)).toHaveLength(1);
      // Withdrawn only once the group's last values left the 30-minute window.
      expect(ofKey.at(-1)!.minuteMs - ofKey.at(-2)!.minuteMs).toBe(MINUTE);
    }
    expect(Math.max(...partials.filter((p) => p.sketch === null).map((p) => p.minuteMs))).toBeGreaterThan(T0 + 50 * MINUTE);
  });

  it("makes no partials when it reads no baselines", () => {
    const engine = new RiskEngine();
    for (const e of byTime(busyRoom("a", 6))) engine.ingest(e);
    engine.flush();
    expect(engine.sealBaselines()).toBeGreaterThan(T0);
    expect(engine.takeBaselinePartials()).toEqual([]);
  });
});

describe("a finding's peer explanation", () => {
  /** Hanging viewers: fresh accounts that join, never interact, and stay (silent settled viewers). */
  function viewFarm(): LiveEvent[] {
    const events = organicRoom("farm", { seed: 7, viewersPerMinute: 20, durationMs: 15 * MINUTE });
    for (let b = 0; b < 60; b++) {
      const bot = actor(`ghost-${b}`, { createdMs: T0 - 400 * DAY, device: `d-ghost-${b}`, ip: `100.70.${b}.0/24` });
      for (let v = 0; v < 6; v++) {
        const t = T0 + 300_000 + b * 700 + v * 20_000;
        events.push(join("farm", t, bot), leave("farm", t + 3_000 + (b % 7) * 500, bot));
      }
    }
    return events;
  }
  const fakeViews = (alerts: Alert[]) => alerts.filter((a) => a.subcategory === "FAKE_VIEWS");
  const signal = (a: Alert, name: string) => a.explanation!.signals.find((s) => s.name === name);

  it("lists the room's silent share and its quantile among peers, without changing the score", () => {
    const peers = new QuantileSketch();
    for (let i = 0; i < 100; i++) peers.add(0.2 + i / 1000);
    const judged = fakeViews(run(viewFarm(), () => peers).alerts);
    const plain = new RiskEngine();
    const without: Alert[] = [];
    for (const e of byTime(viewFarm())) without.push(...plain.ingest(e).outputs.map((o) => o.alert));
    without.push(...plain.flush().outputs.map((o) => o.alert));
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.map((a) => [a.severity, a.score])).toEqual(fakeViews(without).map((a) => [a.severity, a.score]));
    const share = signal(judged[0]!, "peer_silent_share")!;
    expect(share.value).toBeGreaterThan(0.3);
    expect(signal(judged[0]!, "peer_silent_share_quantile")!.value).toBe(1);
    expect(share.contribution).toBe(0);
  });

  it("names the prior when the group has too few peers", () => {
    const [alert] = fakeViews(run(viewFarm()).alerts);
    expect(signal(alert!, "peer_silent_share_quantile_prior")).toBeDefined();
    expect(signal(alert!, "peer_silent_share_quantile")).toBeUndefined();
  });
});
