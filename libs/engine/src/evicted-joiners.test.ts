import type { Alert, LiveEvent } from "@redline/proto";
import { Severity } from "@redline/proto";
import { RiskEngine } from "./engine";
import type { EngineConfig } from "./config";
import { joinedBeforeEviction, noteEvictedJoiner } from "./evicted-joiners";
import { actor, follow, join, T0 } from "./testing/event-builders";

const ROOM = "room-evicted";

function run(events: readonly LiveEvent[], config: Partial<EngineConfig>): { alerts: Alert[]; engine: RiskEngine } {
  const engine = new RiskEngine(config);
  const sorted = [...events].sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
  const alerts = [...sorted.map((e) => engine.ingest(e)), engine.flush()].flatMap((s) => s.outputs.map((o) => o.alert));
  return { alerts, engine };
}

const followAlerts = (alerts: Alert[]) => alerts.filter((a) => a.subcategory === "FAKE_FOLLOWS" && a.severity >= Severity.SEVERITY_MEDIUM);

/** `count` viewers on their own phones and /24s joining one every `gapMs` from `startMs`. */
function joiners(prefix: string, count: number, startMs: number, gapMs: number): LiveEvent[] {
  return Array.from({ length: count }, (_, i) => join(ROOM, startMs + i * gapMs, actor(`${prefix}-${i}`, { device: `${prefix}-dev-${i}`, ip: `10.${i % 250}.${Math.floor(i / 250)}.0/24` })));
}

/** The same viewers following, one every `gapMs` from `startMs`. */
function followers(prefix: string, count: number, startMs: number, gapMs: number): LiveEvent[] {
  return Array.from({ length: count }, (_, i) => follow(ROOM, startMs + i * gapMs, actor(`${prefix}-${i}`, { device: `${prefix}-dev-${i}`, ip: `10.${i % 250}.${Math.floor(i / 250)}.0/24` })));
}

describe("evicted joiners", () => {
  it("remembers the accounts noted and, with a Bloom filter's odds, no others", () => {
    let filter = noteEvictedJoiner(undefined, "fan-1");
    for (let i = 2; i <= 5_000; i++) filter = noteEvictedJoiner(filter, `fan-${i}`);
    for (let i = 1; i <= 5_000; i++) expect(joinedBeforeEviction(filter, `fan-${i}`)).toBe(true);
    let strangers = 0;
    for (let i = 0; i < 20_000; i++) if (joinedBeforeEviction(filter, `stranger-${i}`)) strangers++;
    expect(strangers).toBeLessThan(20);
    expect(joinedBeforeEviction(undefined, "fan-1")).toBe(false);
  });

  // A room bigger than its account bound: the first viewers' slots are evicted by the later crowd, then they follow
  // while viewers keep arriving (the join stream has moved past the follows, so a missing JOIN is judged).
  const crowdedRoom = (): LiveEvent[] => [
    ...joiners("early", 30, T0, 1_000),
    ...joiners("crowd", 200, T0 + 60_000, 500),
    ...followers("early", 30, T0 + 200_000, 3_000),
    ...joiners("later", 60, T0 + 200_000, 5_000),
  ];
  const small: Partial<EngineConfig> = { maxAccountsPerRoom: 150 };

  it("does not read a follow by a viewer whose slot the bound evicted as a follow without a JOIN", () => {
    expect(followAlerts(run(crowdedRoom(), small).alerts)).toEqual([]);
  });

  it("still counts followers that never joined in the same crowded room", () => {
    const api = followers("api", 12, T0 + 200_000, 2_000);
    const alerts = followAlerts(run([...crowdedRoom(), ...api], small).alerts);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0]!.explanation!.signals.find((s) => s.name === "tell_acted_without_join")?.value).toBeGreaterThan(0.5);
  });

  it("keeps the evicted joiners through a snapshot", () => {
    const events = crowdedRoom().sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
    const cut = events.findIndex((e) => e.eventTimeMs >= T0 + 200_000);
    const engine = new RiskEngine(small);
    for (const e of events.slice(0, cut)) engine.ingest(e);
    const restored = RiskEngine.restore(engine.snapshot(), small);
    const steps = [...events.slice(cut).map((e) => restored.ingest(e)), restored.flush()];
    expect(followAlerts(steps.flatMap((s) => s.outputs.map((o) => o.alert)))).toEqual([]);
  });
});
