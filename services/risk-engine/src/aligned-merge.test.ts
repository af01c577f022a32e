import { LiveEvent } from "@redline/proto";
import { AlignedMerge, type Released } from "./aligned-merge";

const ev = (id: string, t: number) => LiveEvent.fromPartial({ eventId: id, roomId: "r", eventTimeMs: t });
const recs = (start: number, ...events: LiveEvent[]) => events.map((event, i) => ({ offset: BigInt(start + i), event }));
const ids = (released: Released[]) => released.map((r) => r.event.eventId);

describe("AlignedMerge", () => {
  it("holds a backlog until a lagging topic delivers, then releases in event-time order", () => {
    const m = new AlignedMerge(["likes", "follows"]);
    m.startLane("likes", 0n, 3n);
    m.startLane("follows", 0n, 2n);
    m.add("likes", recs(0, ev("l1", 10), ev("l2", 30), ev("l3", 50)), 3n);
    expect(ids(m.release())).toEqual([]); // follows is behind and empty: it may hold earlier events
    m.add("follows", recs(0, ev("f1", 20), ev("f2", 40)), 2n);
    expect(ids(m.release())).toEqual(["l1", "f1", "l2", "f2", "l3"]);
  });

  it("does not wait for a caught-up topic that has nothing", () => {
    const m = new AlignedMerge(["likes", "rooms"]);
    m.startLane("likes", 0n, 2n);
    m.startLane("rooms", 5n, 5n);
    m.add("likes", recs(0, ev("a", 1), ev("b", 2)), 2n);
    expect(ids(m.release())).toEqual(["a", "b"]);
  });

  it("breaks time ties by event id and skips records it already received", () => {
    const m = new AlignedMerge(["x", "y"]);
    m.add("x", recs(0, ev("b", 5)), 1n);
    m.add("y", recs(0, ev("a", 5)), 1n);
    expect(m.add("x", recs(0, ev("b", 5)), 1n)).toBe(0);
    expect(ids(m.release())).toEqual(["a", "b"]);
  });

  it("hands each event back with its topic and trace context", () => {
    const m = new AlignedMerge(["x"]);
    m.add("x", [{ offset: 0n, event: ev("a", 1), traceparent: "00-abc-def-01" }], 1n);
    expect(m.release()).toEqual([{ event: ev("a", 1), topic: "x", traceparent: "00-abc-def-01" }]);
  });

  it("reports the first unreleased offset per topic for snapshots", () => {
    const m = new AlignedMerge(["x", "y"]);
    m.startLane("x", 10n, 13n);
    m.startLane("y", 4n, 5n);
    m.add("x", recs(10, ev("x1", 1), ev("x2", 9), ev("x3", 10)), 13n);
    expect(m.firstUnreleased()).toEqual(new Map([["x", 10n], ["y", 4n]]));
    m.add("y", recs(4, ev("y1", 5)), 5n);
    expect(ids(m.release())).toEqual(["x1", "y1", "x2", "x3"]);
    expect(m.firstUnreleased()).toEqual(new Map([["x", 13n], ["y", 5n]]));
  });
});

describe("AlignedMerge while reading a backlog (issue 17)", () => {
  const at = (start: number, publishedAtMs: number, ...events: LiveEvent[]) =>
    events.map((event, i) => ({ offset: BigInt(start + i), event, publishedAtMs }));

  it("does not release past a drained topic records published after it was last known complete", () => {
    const m = new AlignedMerge(["likes", "views"], 0);
    m.startLane("likes", 0n, 1n, 0);
    m.startLane("views", 0n, 4n, 0);
    // likes drained to its end, as of a record published at 1,000.
    m.add("likes", at(0, 1_000, ev("l1", 10)), 1n);
    // views is behind (a fourth record to come); its second was published after likes was last known complete.
    m.add("views", [...at(0, 900, ev("v1", 20)), ...at(1, 5_000, ev("v2", 40_000)), ...at(2, 5_000, ev("v3", 40_001))], 4n);
    expect(ids(m.release())).toEqual(["l1", "v1"]);
    expect(m.waitingForConfirmation).toBe(true);
    // The broker, asked at 6,000, says likes got more since: it is behind and holds the rest back.
    expect(m.refreshHighWatermarks((t) => (t === "likes" ? 2n : 4n), 6_000)).toEqual(["likes", "views"]);
    expect(ids(m.release())).toEqual([]);
    // Reaching the mark read at 6,000 makes likes complete as of then: v2 and v3 need no further read.
    m.add("likes", at(1, 4_000, ev("l2", 30_000)), 2n);
    expect(ids(m.release())).toEqual(["l2", "v2", "v3"]);
  });

  it("goes on once the broker confirms the drained topic complete past the waiting record", () => {
    const m = new AlignedMerge(["likes", "views"], 0);
    m.startLane("likes", 0n, 1n, 0);
    m.startLane("views", 0n, 4n, 0);
    m.add("likes", at(0, 1_000, ev("l1", 10)), 1n);
    m.add("views", at(0, 5_000, ev("v1", 20), ev("v2", 30)), 4n);
    expect(ids(m.release())).toEqual(["l1"]);
    expect(m.waitingForConfirmation).toBe(true);
    expect(m.refreshHighWatermarks((t) => (t === "likes" ? 1n : 4n), 6_000)).toEqual(["views"]);
    expect(ids(m.release())).toEqual(["v1", "v2"]);
    expect(m.waitingForConfirmation).toBe(false);
  });

  it("takes a lane known complete at T as complete only up to T minus the in-flight margin", () => {
    const m = new AlignedMerge(["likes", "views"], 2_000);
    m.startLane("likes", 0n, 1n, 0);
    m.startLane("views", 0n, 4n, 0);
    m.add("likes", at(0, 10_000, ev("l1", 10)), 1n);
    m.add("views", [...at(0, 8_000, ev("v1", 20)), ...at(1, 8_001, ev("v2", 30))], 4n);
    expect(ids(m.release())).toEqual(["l1", "v1"]);
    expect(m.waitingForConfirmation).toBe(true);
  });

  it("reads a backfill as a backlog: records published long after their event time wait for a drained topic's confirmation", () => {
    const m = new AlignedMerge(["likes", "views"], 0, 10_000);
    m.startLane("likes", 0n, 1n, 0);
    m.startLane("views", 0n, 2n, 0);
    // Nothing is behind, but the views were published a minute after they happened.
    m.add("likes", at(0, 1_000, ev("l1", 10)), 1n);
    m.add("views", at(0, 70_000, ev("v1", 10_000), ev("v2", 10_500)), 2n);
    expect(ids(m.release())).toEqual(["l1"]);
    expect(m.waitingForConfirmation).toBe(true);
    // The broker says likes got a record of the same past in the same burst: it comes first.
    expect(m.refreshHighWatermarks((t) => (t === "likes" ? 2n : 2n), 71_000)).toEqual(["likes"]);
    expect(ids(m.release())).toEqual([]);
    m.add("likes", at(1, 70_000, ev("l2", 10_200)), 2n);
    expect(ids(m.release())).toEqual(["v1", "l2", "v2"]);
  });

  /** Both topics drained; a backfill of likes (published 30 s after it happened) waited for views' confirmation at 31,500 and was released. */
  const afterBackfill = (): AlignedMerge => {
    const m = new AlignedMerge(["likes", "views"], 0, 10_000);
    m.startLane("likes", 0n, 0n, 0);
    m.startLane("views", 0n, 0n, 0);
    m.add("likes", at(0, 31_000, ev("l1", 1_000)), 1n);
    expect(ids(m.release())).toEqual([]);
    expect(m.refreshHighWatermarks((t) => (t === "likes" ? 1n : 0n), 31_500)).toEqual([]);
    expect(ids(m.release())).toEqual(["l1"]);
    return m;
  };

  it("after a backfill, holds even records published on time until drained topics are confirmed past them (issue 17, network stall)", () => {
    // A producer held 30 s by a stall publishes its backlog at once: the first records are backfills, those after them
    // are not, and another topic's backfill published between the two is still on its way to this consumer.
    const m = afterBackfill();
    // l2 happened 6.6 s before it was published: on time. views is drained, as of a read at 31,500 only.
    m.add("likes", at(1, 31_600, ev("l2", 25_000)), 2n);
    expect(ids(m.release())).toEqual([]);
    expect(m.waitingForConfirmation).toBe(true);
    // Released, l2 would have moved the watermark to 15,000 and made v1 late.
    m.add("views", at(0, 31_550, ev("v1", 12_000)), 1n);
    expect(ids(m.release())).toEqual(["v1"]);
    expect(m.refreshHighWatermarks((t) => (t === "likes" ? 2n : 1n), 32_000)).toEqual([]);
    expect(ids(m.release())).toEqual(["l2"]);
  });

  it("holds an event dated after its own publication until drained topics are confirmed complete when it was published (#17)", () => {
    // The fault suite's closing event, six minutes ahead: released before the last likes published just before it
    // arrived, it made them late (91 in a network-stall run).
    const m = new AlignedMerge(["rooms", "likes"], 0, 10_000);
    m.startLane("rooms", 0n, 0n, 1_000);
    m.startLane("likes", 0n, 0n, 1_000);
    m.add("rooms", at(0, 5_000, ev("end", 365_000)), 1n);
    expect(ids(m.release())).toEqual([]);
    expect(m.waitingForConfirmation).toBe(true);
    m.add("likes", at(0, 4_600, ev("l1", 4_500)), 1n);
    expect(ids(m.release())).toEqual(["l1"]);
    expect(m.refreshHighWatermarks(() => 1n, 6_000)).toEqual([]);
    expect(ids(m.release())).toEqual(["end"]);
  });

  it("stops holding on-time records once they are published the lateness bound after the last backfill", () => {
    const m = afterBackfill();
    m.add("likes", at(1, 41_001, ev("l2", 41_000)), 2n);
    expect(ids(m.release())).toEqual(["l2"]);
    expect(m.waitingForConfirmation).toBe(false);
  });

  it("does not wait for confirmation when no topic is behind (live: the lateness bound absorbs the skew)", () => {
    const m = new AlignedMerge(["likes", "views"], 0);
    m.startLane("likes", 0n, 1n, 0);
    m.startLane("views", 0n, 2n, 0);
    m.add("likes", at(0, 1_000, ev("l1", 10)), 1n);
    m.add("views", at(0, 5_000, ev("v1", 20), ev("v2", 30)), 2n);
    expect(ids(m.release())).toEqual(["l1", "v1", "v2"]);
    expect(m.waitingForConfirmation).toBe(false);
  });
});
