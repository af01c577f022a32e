import { decodeCursor } from "@redline/common";
import { Alert, RiskCategory, Severity } from "@redline/proto";
import { AlertFeed } from "./alert-feed";
import type { FeedRecord } from "./alert-ring";
import { CatchUpLimitError, SlowClientError } from "./errors";
import type { CatchUpOpener, FeedSubscription, QueuedAlert } from "./feed-subscription";
import { alertFilter, MATCH_ALL } from "./filters";

const rec = (partition: number, offset: number, roomId = `room-${partition}`, severity = Severity.SEVERITY_HIGH): FeedRecord => ({
  partition,
  offset: BigInt(offset),
  alert: Alert.fromPartial({
    alertId: `p${partition}-o${offset}`,
    roomId,
    severity,
    category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION,
  }),
});

/** Records interleaved over two partitions: p0@0, p1@0, p0@1, p1@1, … */
const interleaved = (count: number, from = 0): FeedRecord[] =>
  Array.from({ length: count }, (_, i) => rec((from + i) % 2, Math.floor((from + i) / 2)));

function drain(sub: FeedSubscription): QueuedAlert[] {
  const out: QueuedAlert[] = [];
  for (let item = sub.take(); item !== undefined; item = sub.take()) out.push(item);
  return out;
}

const ids = (items: QueuedAlert[]) => items.map((i) => i.alert.alertId);
const start = new Map([[0, 0n], [1, 0n]]);

describe("alert feed fan-out", () => {
  it("delivers only matching alerts to each client, from the live end", () => {
    const feed = new AlertFeed({ start, ringCapacity: 100 });
    feed.ingest([rec(0, 0)]); // before anyone subscribed: not delivered
    const all = feed.subscribe(MATCH_ALL, undefined);
    const room1 = feed.subscribe(alertFilter({ rooms: ["room-1"] }), undefined);
    const critical = feed.subscribe(alertFilter({ minSeverity: Severity.SEVERITY_CRITICAL }), undefined);
    feed.ingest([rec(0, 1), rec(1, 0), rec(1, 1, "room-1", Severity.SEVERITY_CRITICAL)]);
    expect(ids(drain(all))).toEqual(["p0-o1", "p1-o0", "p1-o1"]);
    expect(ids(drain(room1))).toEqual(["p1-o0", "p1-o1"]);
    expect(ids(drain(critical))).toEqual(["p1-o1"]);
  });

  it("resumes from any delivered cursor with exactly the later alerts, across partitions", () => {
    const feed = new AlertFeed({ start, ringCapacity: 100 });
    const first = feed.subscribe(MATCH_ALL, undefined);
    const records = interleaved(20);
    feed.ingest(records);
    const delivered = drain(first);
    expect(delivered).toHaveLength(20);
    for (const cut of [0, 7, 19]) {
      const resumed = feed.subscribe(MATCH_ALL, decodeCursor(delivered[cut]!.cursor));
      expect(ids(drain(resumed))).toEqual(ids(delivered.slice(cut + 1)));
      resumed.close();
    }
  });

  it("advances the cursor past filtered-out alerts", () => {
    const feed = new AlertFeed({ start, ringCapacity: 100 });
    const room0 = feed.subscribe(alertFilter({ rooms: ["room-0"] }), undefined);
    feed.ingest(interleaved(6));
    const got = drain(room0);
    expect(ids(got)).toEqual(["p0-o0", "p0-o1", "p0-o2"]);
    // After p0@2 it had also passed p1@0 and p1@1.
    expect(decodeCursor(got[2]!.cursor)).toEqual(new Map([[0, 3n], [1, 2n]]));
  });
});

describe("slow-client policy", () => {
  it("never queues more than the bound and fails a client that stays full past the grace", () => {
    let now = 1_000;
    const feed = new AlertFeed({ start, ringCapacity: 1000, maxQueuedAlerts: 5, slowClientGraceMs: 500, nowMs: () => now });
    const slow = feed.subscribe(MATCH_ALL, undefined);
    let notified = 0;
    slow.onReadable(() => (notified += 1));
    feed.ingest(interleaved(50));
    expect(slow.queued).toBe(5);
    expect(slow.peakQueued).toBe(5);
    now += 400;
    feed.enforceSlowClientPolicy();
    expect(slow.closed).toBe(false);
    now += 200;
    feed.enforceSlowClientPolicy();
    expect(slow.closed).toBe(true);
    expect(slow.error).toBeInstanceOf(SlowClientError);
    expect(slow.error?.message).toMatch(/too slow.*5-alert buffer.*full for 600 ms/);
    expect(slow.queued).toBe(0); // memory released
    expect(feed.stats()).toMatchObject({ subscribers: 0, slowClientsDropped: 1, peakQueued: 5 });
    expect(notified).toBeGreaterThan(0);
  });

  it("restarts the grace whenever the client makes room", () => {
    let now = 0;
    const feed = new AlertFeed({ start, ringCapacity: 1000, maxQueuedAlerts: 3, slowClientGraceMs: 100, nowMs: () => now });
    const sub = feed.subscribe(MATCH_ALL, undefined);
    feed.ingest(interleaved(30));
    const got: QueuedAlert[] = [];
    for (let step = 0; step < 9; step += 1) {
      now += 80;
      feed.enforceSlowClientPolicy();
      got.push(sub.take()!); // takes one; the ring refills the queue to the bound
      expect(sub.queued).toBe(3);
    }
    expect(sub.closed).toBe(false);
    expect(ids(got)).toEqual(ids(interleaved(9).map((r) => ({ alert: r.alert, cursor: "" }))));
  });

  it("a client that fell behind the ring continues from a catch-up read without gaps or repeats", async () => {
    const log = interleaved(40);
    const opened: Array<ReadonlyMap<number, bigint>> = [];
    const openCatchUp: CatchUpOpener = async (from, sink) => {
      opened.push(new Map(from));
      // Serve from the "topic": everything at or after `from`, per partition, in one batch.
      void sink(log.filter((r) => r.offset >= (from.get(r.partition) ?? 0n)));
      return { stop: async () => undefined };
    };
    const feed = new AlertFeed({ start, ringCapacity: 10, maxQueuedAlerts: 4, slowClientGraceMs: 60_000, openCatchUp });
    const sub = feed.subscribe(MATCH_ALL, undefined);
    feed.ingest(log); // ring keeps the last 10; the client has taken nothing
    const got: QueuedAlert[] = [];
    for (let i = 0; i < 200 && got.length < 40; i += 1) {
      const item = sub.take();
      if (item) got.push(item);
      else await new Promise((r) => setImmediate(r));
    }
    expect(opened).toEqual([new Map([[0, 2n], [1, 2n]])]);
    expect(new Set(ids(got)).size).toBe(40);
    expect(ids(got).sort()).toEqual(log.map((r) => r.alert.alertId).sort());
    expect(sub.peakQueued).toBeLessThanOrEqual(4);
    expect(sub.readingFromRing).toBe(true); // back on the ring once it caught up
  });

  it("serves an old cursor from a catch-up read, then joins the ring", async () => {
    const log = interleaved(30);
    const openCatchUp: CatchUpOpener = async (from, sink) => {
      setImmediate(() => void sink(log.filter((r) => r.offset >= (from.get(r.partition) ?? 0n) && r.offset < 12n)));
      return { stop: async () => undefined };
    };
    const feed = new AlertFeed({ start, ringCapacity: 8, maxQueuedAlerts: 100, openCatchUp });
    feed.ingest(log.slice(0, 24)); // ring holds p0/p1 offsets 8..11
    const sub = feed.subscribe(MATCH_ALL, new Map([[0, 3n], [1, 5n]]));
    expect(sub.readingFromRing).toBe(false);
    await new Promise((r) => setImmediate(r));
    expect(sub.readingFromRing).toBe(true);
    feed.ingest(log.slice(24));
    const got = ids(drain(sub));
    const expected = log
      .filter((r) => r.offset >= (r.partition === 0 ? 3n : 5n))
      .map((r) => r.alert.alertId);
    expect(got.sort()).toEqual(expected.sort());
    expect(new Set(got).size).toBe(got.length);
  });

  it("fails a client that fell behind when there is no catch-up reader", () => {
    const feed = new AlertFeed({ start, ringCapacity: 5, maxQueuedAlerts: 2 });
    const sub = feed.subscribe(MATCH_ALL, undefined);
    feed.ingest(interleaved(20));
    sub.take();
    expect(sub.error).toBeInstanceOf(SlowClientError);
  });

  it("releases a cancelled client", () => {
    const feed = new AlertFeed({ start });
    const sub = feed.subscribe(MATCH_ALL, undefined);
    feed.ingest(interleaved(3));
    sub.close();
    feed.ingest(interleaved(3, 3));
    expect(sub.take()).toBeUndefined();
    expect(feed.stats()).toMatchObject({ subscribers: 0, slowClientsDropped: 0 });
  });

  it("bounds the catch-up reads open at once and releases them when clients leave", async () => {
    let stopped = 0;
    const openCatchUp: CatchUpOpener = async () => ({ stop: async () => void (stopped += 1) });
    const feed = new AlertFeed({ start, ringCapacity: 4, openCatchUp, maxCatchUps: 2 });
    feed.ingest(interleaved(20)); // ring floor is now offset 8 on both partitions
    const old = new Map([[0, 1n], [1, 1n]]);
    const a = feed.subscribe(MATCH_ALL, old);
    const b = feed.subscribe(MATCH_ALL, old);
    const c = feed.subscribe(MATCH_ALL, old);
    await new Promise((r) => setImmediate(r));
    expect(feed.stats().catchUpsActive).toBe(2);
    expect(c.error).toBeInstanceOf(CatchUpLimitError);
    a.close();
    b.close();
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(2);
    expect(feed.stats()).toMatchObject({ catchUpsActive: 0, catchUpsOpened: 2 });
  });

  it("ends a client whose catch-up read fails, releasing its slot", async () => {
    let reportError: (err: Error) => void = () => undefined;
    const openCatchUp: CatchUpOpener = async (_from, _sink, onError) => {
      reportError = onError;
      return { stop: async () => undefined };
    };
    const feed = new AlertFeed({ start, ringCapacity: 4, openCatchUp });
    feed.ingest(interleaved(20));
    const sub = feed.subscribe(MATCH_ALL, new Map([[0, 0n], [1, 0n]]));
    await new Promise((r) => setImmediate(r));
    expect(feed.stats().catchUpsActive).toBe(1);
    reportError(new Error("broker gone"));
    expect(sub.closed).toBe(true);
    expect(sub.error?.message).toBe("broker gone");
    expect(feed.stats()).toMatchObject({ catchUpsActive: 0, subscribers: 0, slowClientsDropped: 0 });
  });
});
