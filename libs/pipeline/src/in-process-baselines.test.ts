import type { Alert } from "@redline/proto";
import { LiveEvent, ViewKind } from "@redline/proto";
import { createPipeline } from "./create-pipeline";
import { InProcessBaselines } from "./in-process-baselines";
import { InProcessTables, SettledPipeline } from "./in-process-tables";

const M = 60_000;
const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
type Body = NonNullable<Parameters<typeof LiveEvent.fromPartial>[0]>["body"];

/**
 * Nine ordinary rooms of one platform (viewers join, most like, all leave
 * within minutes); in the last, sixty ghost accounts also join and leave
 * within seconds, again and again: a FAKE_VIEWS finding whose explanation
 * carries the room's peer signals.
 */
function traffic(): LiveEvent[] {
  const out: LiveEvent[] = [];
  let seq = 0;
  const ev = (roomId: string, atMs: number, body: Body) => out.push(LiveEvent.fromPartial({ eventId: `e${String(seq++).padStart(6, "0")}`, roomId, eventTimeMs: atMs, platform: "test", body }));
  const view = (roomId: string, userId: string, atMs: number, kind: ViewKind) => ev(roomId, atMs, { $case: "view", value: { user: { userId, deviceId: `d-${userId}`, ipPrefix: `10.${userId.length}.${seq % 250}.0/24`, accountCreatedMs: T0 - 400 * 86_400_000 }, kind } });
  for (let r = 0; r < 9; r++) {
    for (let v = 0; v < 120; v++) {
      const userId = `v-${r}-${v}`;
      const at = T0 + ((v * 7_919 + r * 1_301) % (15 * M));
      view(`room-${r}`, userId, at, ViewKind.VIEW_KIND_JOIN);
      if (v % 3 !== 0) ev(`room-${r}`, at + 15_000, { $case: "like", value: { user: { userId, deviceId: `d-${userId}` }, count: 1 + (v % 4) } });
      view(`room-${r}`, userId, at + 2 * M + ((v * 13_007) % (4 * M)), ViewKind.VIEW_KIND_LEAVE);
    }
  }
  for (let b = 0; b < 60; b++) {
    for (let k = 0; k < 6; k++) {
      const at = T0 + 10 * M + b * 700 + k * 20_000;
      view("room-8", `ghost-${b}`, at, ViewKind.VIEW_KIND_JOIN);
      view("room-8", `ghost-${b}`, at + 3_000 + (b % 7) * 500, ViewKind.VIEW_KIND_LEAVE);
    }
  }
  return out.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
}

/** Runs the traffic through `partitions` pipelines (rooms spread by name) sharing one in-process baselines table. */
function run(partitions: number): { alerts: Alert[]; loop: InProcessBaselines } {
  const loop = new InProcessBaselines(partitions);
  const pipelines = Array.from({ length: partitions }, () => createPipeline(loop.spec()));
  const alerts: Alert[] = [];
  const collect = (released: ReturnType<InProcessBaselines["settle"]>) => released.flat().forEach((o) => "alert" in o && alerts.push(o.alert));
  for (const event of traffic()) {
    const p = Number(event.roomId.slice("room-".length)) % partitions;
    pipelines[p]!.push(event).forEach((o) => "alert" in o && alerts.push(o.alert));
    collect(loop.settle(pipelines));
  }
  pipelines.forEach((pipeline) => pipeline.end().forEach((o) => "alert" in o && alerts.push(o.alert)));
  collect(loop.finish(pipelines));
  return { alerts: alerts.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.alertId < b.alertId ? -1 : 1)), loop };
}

describe("the baselines table in one process", () => {
  it("judges a finding against its peers once the group holds enough room-minutes", () => {
    const { alerts, loop } = run(1);
    const views = alerts.filter((a) => a.subcategory === "FAKE_VIEWS");
    expect(views.map((a) => a.roomId)).toContain("room-8");
    const names = views.at(-1)!.explanation!.signals.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["peer_silent_share", "peer_silent_share_quantile"]));
    expect(loop.partials).toBeGreaterThan(10);
  });

  it("raises the same alerts with the rooms spread over three producers as with one", () => {
    const one = run(1).alerts;
    expect(one.length).toBeGreaterThan(0);
    expect(run(3).alerts).toEqual(one);
  });

  it("holds a pipeline's events until every producer is through the minute before them", () => {
    const loop = new InProcessBaselines(2);
    const [busy, quiet] = [createPipeline(loop.spec()), createPipeline(loop.spec())];
    const events = traffic().filter((e) => e.roomId === "room-0");
    quiet.push(events[0]!);
    for (const e of events.slice(1)) busy.push(e);
    loop.settle([busy, quiet]);
    // The quiet producer is through its only event's time less the lateness: the busy one may apply that minute and the next.
    expect(busy.engine.bufferedEvents).toBeGreaterThan(0);
    expect(busy.engine.appliedThroughMs).toBeLessThan(T0 + 2 * M);
    // End of input: the quiet producer promises through what the busy one is done with, minute by minute.
    busy.end();
    quiet.end();
    loop.finish([busy, quiet]);
    expect(busy.engine.bufferedEvents).toBe(0);
    expect(busy.engine.appliedThroughMs).toBe(events.at(-1)!.eventTimeMs);
  });

  it("runs the same through SettledPipeline (replay's and the eval's path): peer lines added, nothing else changed", () => {
    const outputsOf = (pipeline: SettledPipeline) => [...traffic().flatMap((e) => pipeline.push(e)), ...pipeline.end()];
    const alertsOf = (outs: ReturnType<typeof outputsOf>) => outs.flatMap((o) => ("alert" in o ? [o.alert] : [])).sort((a, b) => (a.alertId < b.alertId ? -1 : 1));
    const plain = alertsOf(outputsOf(new SettledPipeline({}, new InProcessTables({}))));
    const judged = alertsOf(outputsOf(new SettledPipeline({}, new InProcessTables({ baselines: true }))));
    expect(judged.map((a) => a.alertId)).toEqual(plain.map((a) => a.alertId));
    const withoutPeers = judged.map((a) => ({ ...a, explanation: { ...a.explanation!, signals: a.explanation!.signals.filter((x) => !x.name.startsWith("peer_")) } }));
    expect(withoutPeers).toEqual(plain);
    expect(judged.some((a) => a.explanation!.signals.some((x) => x.name === "peer_silent_share_peers" && x.value >= 30))).toBe(true);
    // ...and the same as the three-producer run above, alert for alert.
    expect(judged).toEqual([...run(1).alerts].sort((a, b) => (a.alertId < b.alertId ? -1 : 1)));
  });
});
