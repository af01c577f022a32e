import { accountRiskVersions, CrewDetector, type AccountActivity, type AccountRiskVersion, type CrewOutput } from "@redline/crews";
import type { PipelineOutput, RiskPipeline } from "@redline/engine";
import { MinuteVersionedTable, minuteStart, ProducerProgress, WatermarkRelease } from "@redline/minute-table";
import { LiveEvent, RoomEventKind, Severity, ViewKind } from "@redline/proto";
import { createPipeline, drainAccountActivity, sealAccountActivity } from "./create-pipeline";
import { InProcessAccountRisk } from "./in-process-account-risk";
import { MinuteTableHold } from "./minute-table-hold";

const M = 60_000;
const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

/** Three rooms (or `rooms`) of as many streamers in as many categories, five minutes apart: viewers join, like and leave; a crew of four works them all. */
function traffic(rooms = 3): LiveEvent[] {
  const out: LiveEvent[] = [];
  let seq = 0;
  const ev = (roomId: string, atMs: number, body: NonNullable<Parameters<typeof LiveEvent.fromPartial>[0]>["body"]) =>
    out.push(LiveEvent.fromPartial({ eventId: `e${String(seq++).padStart(5, "0")}`, roomId, eventTimeMs: atMs, platform: "test", body }));
  ["room-a", "room-b", "room-c", "room-d"].slice(0, rooms).forEach((roomId, r) => {
    const start = T0 + r * 5 * M;
    ev(roomId, start, { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, category: ["beauty", "food", "home", "toys"][r]!, streamer: { userId: `streamer-${r}`, age: 30, realNameVerified: true } } });
    const visit = (userId: string, atMs: number, stayMs: number) => {
      ev(roomId, atMs, { $case: "view", value: { user: { userId, deviceId: `d-${userId}` }, kind: ViewKind.VIEW_KIND_JOIN } });
      ev(roomId, atMs + 20_000, { $case: "like", value: { user: { userId, deviceId: `d-${userId}` }, count: 2 } });
      ev(roomId, atMs + stayMs, { $case: "view", value: { user: { userId, deviceId: `d-${userId}` }, kind: ViewKind.VIEW_KIND_LEAVE } });
    };
    for (let i = 0; i < 4; i++) visit(`crew-${i}`, start + M + i * 2_000, 3 * M + i * 1_000);
    for (let v = 0; v < 10; v++) visit(`viewer-${r}-${v}`, start + ((v * 37_000) % (6 * M)), M + ((v * 23_000) % (3 * M)));
  });
  return out.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
}

/**
 * The loop of #21 in one process, as the services run it over Kafka: engine
 * partitions publish account activity with progress (records at their time
 * less one, a mark each minute their engine is done through); the crew
 * detector releases records behind the least of those and writes the
 * account-risk table with a mark through its frontier; each engine's hold
 * reads that table. `quietMarks`: an engine that holds nothing promises
 * through the newest time any engine is done through, as the service's
 * quiet partitions do.
 */
class Loop {
  readonly table = new MinuteVersionedTable<AccountRiskVersion>(1);
  readonly engines: RiskPipeline[];
  readonly records: AccountActivity[][];
  private readonly progress = new ProducerProgress(1);
  private readonly release = new WatermarkRelease<AccountActivity>();
  private readonly detector = new CrewDetector();
  private readonly markedMinuteMs: number[];
  private tableFrontierMs = Number.NEGATIVE_INFINITY;
  maxHeld = 0;
  /** False: the crew detector's table marks are in flight (a slow broker, a busy detector) and do not arrive. */
  tableMarksArrive = true;

  constructor(
    partitions: number,
    private readonly quietMarks: boolean,
  ) {
    const hold = new MinuteTableHold({ "account-risk": this.table });
    this.engines = Array.from({ length: partitions }, () => createPipeline({ accountActivity: true, hold }));
    this.records = this.engines.map(() => []);
    this.markedMinuteMs = this.engines.map(() => Number.NEGATIVE_INFINITY);
  }

  push(partition: number, event: LiveEvent): void {
    this.engines[partition]!.push(event);
    this.settle();
  }

  end(): void {
    for (const e of this.engines) e.end();
    this.settle();
  }

  /** Carries records and marks around the loop until nothing moves. */
  private settle(): void {
    for (let moved = true; moved; ) {
      moved = false;
      const doneThrough = Math.max(...this.engines.map((e) => e.engine.appliedThroughMs));
      this.engines.forEach((pipeline, p) => {
        pipeline.applyHeld();
        this.maxHeld = Math.max(this.maxHeld, pipeline.engine.bufferedEvents);
        for (const a of drainAccountActivity(pipeline)) {
          this.records[p]!.push(a);
          expect(this.release.add(a)).toBe(true);
          this.progress.observe(0, { producerPartition: p, producerPartitions: this.engines.length, watermarkMs: a.eventTimeMs - 1 });
          moved = true;
        }
        const quiet = this.quietMarks && pipeline.engine.bufferedEvents === 0;
        const sealed = sealAccountActivity(pipeline, quiet ? doneThrough : Number.NEGATIVE_INFINITY);
        // A mark each time the promise completes a minute, as the service's AccountActivityOutputs.
        if (sealed >= 0 && minuteStart(sealed + 1) > this.markedMinuteMs[p]!) {
          this.markedMinuteMs[p] = minuteStart(sealed + 1);
          this.progress.observe(0, { producerPartition: p, producerPartitions: this.engines.length, watermarkMs: sealed });
          moved = true;
        }
      });
      const frontier = this.progress.frontierMs();
      for (const finding of this.detector.ingestAll(this.release.releaseThrough(frontier))) {
        if (finding.level !== "account") continue;
        for (const v of accountRiskVersions(finding, this.detector.config.windowMs)) this.table.put(v.accountId, { minuteMs: minuteStart(finding.eventTimeMs), producerPartition: 0, value: v });
      }
      if (this.tableMarksArrive && frontier > this.tableFrontierMs) {
        this.tableFrontierMs = frontier;
        this.table.observe(0, { producerPartition: 0, producerPartitions: 1, watermarkMs: frontier });
        moved = true;
      }
    }
  }
}

describe("MinuteTableHold", () => {
  it("is ready through the least of its tables, and names the tables an event waits for", () => {
    const ready = (ms: number) => ({ readyThroughMs: () => ms });
    const hold = new MinuteTableHold({ "account-risk": ready(T0 + 5 * M), "peer-baselines": ready(T0 + 2 * M) });
    expect(hold.readyThroughMs()).toBe(T0 + 2 * M);
    expect(hold.waitingFor(T0 + 3 * M)).toEqual(["peer-baselines"]);
    expect(hold.waitingFor(T0 + 6 * M)).toEqual(["account-risk", "peer-baselines"]);
    expect(new MinuteTableHold({}).readyThroughMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it("holds an engine partition until the table is ready, and the loop through the crew detector moves minute by minute, quiet partition included", () => {
    const events = traffic();
    // The same events without a hold: the records the engine gives when nothing waits.
    const plain = createPipeline({ accountActivity: true });
    let plainMaxBuffered = 0;
    const expected: AccountActivity[] = [];
    for (const e of events) {
      plain.push(e);
      plainMaxBuffered = Math.max(plainMaxBuffered, plain.engine.bufferedEvents);
      expected.push(...drainAccountActivity(plain));
    }
    plain.end();
    expected.push(...drainAccountActivity(plain));

    // Engine partition 1 gets no input at all. Settled, the loop never waits: the table is ready a minute past
    // what every engine is done with, and the engine needs no more than that for what its watermark passed.
    const loop = new Loop(2, true);
    const half = events.findIndex((e) => e.eventTimeMs >= T0 + 6 * M);
    for (const e of events.slice(0, half)) loop.push(0, e);
    expect(loop.maxHeld).toBeLessThanOrEqual(plainMaxBuffered);
    // The table's marks stop arriving: the engine holds what its watermark passes beyond the table's minute.
    loop.tableMarksArrive = false;
    for (const e of events.slice(half)) loop.push(0, e);
    expect(loop.maxHeld).toBeGreaterThan(plainMaxBuffered);
    const heldAt = Math.max(...loop.records[0]!.map((a) => a.eventTimeMs));
    expect(heldAt).toBeLessThan(T0 + 8 * M);
    loop.tableMarksArrive = true;
    loop.end();
    // Nothing lost, nothing reordered: the records of the run without a hold.
    expect(loop.records[0]).toEqual(expected);
    expect(loop.records[1]).toEqual([]);
    expect(loop.engines[0]!.engine.bufferedEvents).toBe(0);
    // The crew was found and the table holds its accounts.
    expect(loop.table.valueAt("crew-0", T0 + 20 * M)?.crewId).toMatch(/^crew-/);
  });

  it("holds everything, losing nothing, while a quiet partition says nothing", () => {
    const events = traffic();
    const loop = new Loop(2, false);
    for (const e of events) loop.push(0, e);
    loop.end();
    expect(loop.records[0]).toEqual([]);
    expect(loop.engines[0]!.engine.bufferedEvents).toBe(events.length);
    expect(loop.table.readyFor(T0)).toBe(false);
  });
});

describe("InProcessAccountRisk (redline replay --crews)", () => {
  /** Pushes every event, settling the loop after each step as replay does; the engine's and the crew detector's outputs in order. */
  function replay(events: LiveEvent[], loop: InProcessAccountRisk) {
    const pipeline = createPipeline(loop.spec());
    const outputs: PipelineOutput[] = [];
    const crews: CrewOutput[] = [];
    let maxBuffered = 0;
    const step = (released: PipelineOutput[]) => {
      outputs.push(...released);
      const settled = loop.settle(pipeline);
      outputs.push(...settled.outputs);
      crews.push(...settled.crews);
      maxBuffered = Math.max(maxBuffered, pipeline.engine.bufferedEvents);
    };
    for (const e of events) step(pipeline.push(e));
    step(pipeline.end());
    return { pipeline, outputs, crews, maxBuffered };
  }

  it("builds the account-risk table behind the engine, holding nothing longer than the lateness buffer, and loses nothing", () => {
    const events = traffic();
    const plain = createPipeline({ accountActivity: true });
    const direct = new CrewDetector();
    const plainOutputs: PipelineOutput[] = [];
    const plainCrews: CrewOutput[] = [];
    let plainMaxBuffered = 0;
    for (const e of events) {
      plainOutputs.push(...plain.push(e));
      plainMaxBuffered = Math.max(plainMaxBuffered, plain.engine.bufferedEvents);
      plainCrews.push(...direct.ingestAll(drainAccountActivity(plain)));
    }
    plainOutputs.push(...plain.end());
    plainCrews.push(...direct.ingestAll(drainAccountActivity(plain)));

    const loop = new InProcessAccountRisk();
    const run = replay(events, loop);
    // Settled after every step, the table is always ready a minute past the engine: the hold never waits.
    expect(run.maxBuffered).toBeLessThanOrEqual(plainMaxBuffered);
    expect(run.pipeline.engine.bufferedEvents).toBe(0);
    expect(run.outputs).toEqual(plainOutputs);
    expect(run.crews).toEqual(plainCrews);
    expect(loop.records).toBeGreaterThan(0);
    // The crew's accounts are in the table from the minute after its finding, as the service writes them.
    const finding = run.crews.find((c) => c.level === "account" && c.severity >= Severity.SEVERITY_MEDIUM);
    expect(finding).toBeDefined();
    const from = minuteStart(finding!.eventTimeMs) + M;
    expect(loop.table.valueAt("crew-0", from - 1)).toBeUndefined();
    expect(loop.table.valueAt("crew-0", from)?.crewId).toBe(finding!.crewId);
    expect(loop.versions).toBeGreaterThanOrEqual(4);
  });

  it("raises the falsification finding of a room the crew works once it is known, from the table it built", () => {
    const events = traffic(4);
    const loop = new InProcessAccountRisk();
    const run = replay(events, loop);
    const known = run.outputs.flatMap((o) => ("alert" in o && o.alert.explanation?.signals.some((s) => s.name === "known_crew_accounts") ? [o.alert] : []));
    // Found over rooms a to c, the crew is known when it works room d: that room alone alerts, naming the crew.
    const crewId = run.crews.find((c) => c.level === "account" && c.severity >= Severity.SEVERITY_MEDIUM)!.crewId;
    expect(known.map((a) => [a.roomId, a.subcategory])).toEqual([["room-d", "FAKE_LIKES"]]);
    expect(known[0]!.severity).toBeGreaterThanOrEqual(Severity.SEVERITY_MEDIUM);
    expect(known[0]!.explanation?.summary).toContain(crewId);
    // Without the table the engine sees four fans in room d.
    const plain = createPipeline({ accountActivity: true });
    const plainOutputs = [...events.flatMap((e) => plain.push(e)), ...plain.end()];
    expect(plainOutputs.filter((o) => "alert" in o && o.alert.roomId === "room-d")).toEqual([]);
  });

  it("gives the same table and outputs however the input is cut into steps", () => {
    const events = traffic(4);
    const once = new InProcessAccountRisk();
    const a = replay(events, once);
    // Settling only every 50 events: the hold keeps the engine behind the table, and the table behind the engine.
    const chunked = new InProcessAccountRisk();
    const pipeline = createPipeline(chunked.spec());
    const outputs: PipelineOutput[] = [];
    events.forEach((e, i) => {
      outputs.push(...pipeline.push(e));
      if (i % 50 === 49) outputs.push(...chunked.settle(pipeline).outputs);
    });
    outputs.push(...pipeline.end(), ...chunked.settle(pipeline).outputs);
    expect(outputs).toEqual(a.outputs);
    expect(chunked.versions).toBe(once.versions);
    expect(chunked.table.valueAt("crew-3", T0 + 30 * M)).toEqual(once.table.valueAt("crew-3", T0 + 30 * M));
  });
});
