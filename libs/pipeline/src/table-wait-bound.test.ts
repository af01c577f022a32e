import { TableWaitBound } from "./table-wait-bound";

const M = 60_000;
const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const WALL = 1_000_000;

describe("the bound on waiting for a minute table", () => {
  it("passes a table over once it stood still for the bound behind the watermark, and waits again when it moves", () => {
    const bound = new TableWaitBound({ maxWaitMs: 300_000 });
    const ready = T0 + M - 1;
    expect(bound.observe({ readyThroughMs: ready, watermarkMs: T0 + 90_000, nowMs: WALL })).toEqual({ passOver: false, lagMs: 30_001 });
    expect(bound.observe({ readyThroughMs: ready, watermarkMs: T0 + 5 * M, nowMs: WALL + 299_999 }).passOver).toBe(false);
    expect(bound.observe({ readyThroughMs: ready, watermarkMs: T0 + 5 * M, nowMs: WALL + 300_000 })).toEqual({ passOver: true, change: "entered", lagMs: 4 * M + 1 });
    expect(bound.observe({ readyThroughMs: ready, watermarkMs: T0 + 6 * M, nowMs: WALL + 400_000 })).toEqual({ passOver: true, lagMs: 5 * M + 1 });
    // The producer is back: any move of the table ends the pass, even one still behind the watermark.
    expect(bound.observe({ readyThroughMs: ready + M, watermarkMs: T0 + 6 * M, nowMs: WALL + 401_000 })).toEqual({ passOver: false, change: "left", lagMs: 4 * M + 1 });
    // And the wait starts over from there.
    expect(bound.observe({ readyThroughMs: ready + M, watermarkMs: T0 + 6 * M, nowMs: WALL + 700_999 }).passOver).toBe(false);
    expect(bound.observe({ readyThroughMs: ready + M, watermarkMs: T0 + 6 * M, nowMs: WALL + 701_000 }).change).toBe("entered");
  });

  it("never passes over a table that moves, however far behind it is (a backlog), nor one nothing waits on (quiet input)", () => {
    const moving = new TableWaitBound({ maxWaitMs: 1000 });
    for (let i = 0; i < 50; i++) expect(moving.observe({ readyThroughMs: T0 + i * M - 1, watermarkMs: T0 + 600 * M, nowMs: WALL + i * 999 }).passOver).toBe(false);
    const quiet = new TableWaitBound({ maxWaitMs: 1000 });
    expect(quiet.observe({ readyThroughMs: T0 + M - 1, watermarkMs: T0 + 30_000, nowMs: WALL }).lagMs).toBe(0);
    expect(quiet.observe({ readyThroughMs: T0 + M - 1, watermarkMs: T0 + 30_000, nowMs: WALL + 3_600_000 }).passOver).toBe(false);
    // Input comes back after an hour's quiet: the wait starts now, not when the table last moved.
    expect(quiet.observe({ readyThroughMs: T0 + M - 1, watermarkMs: T0 + 2 * M, nowMs: WALL + 3_600_001 }).passOver).toBe(false);
    expect(quiet.observe({ readyThroughMs: T0 + M - 1, watermarkMs: T0 + 2 * M, nowMs: WALL + 3_601_001 }).passOver).toBe(true);
  });

  it("waits for ever with a bound of 0, and measures a table never heard from against the first watermark", () => {
    const bound = new TableWaitBound({ maxWaitMs: 0 });
    const never = Number.NEGATIVE_INFINITY;
    expect(bound.observe({ readyThroughMs: never, watermarkMs: -1, nowMs: WALL }).lagMs).toBe(0);
    expect(bound.observe({ readyThroughMs: never, watermarkMs: T0, nowMs: WALL + 1 }).lagMs).toBe(1);
    expect(bound.observe({ readyThroughMs: never, watermarkMs: T0 + 10 * M, nowMs: WALL + 1e9 })).toEqual({ passOver: false, lagMs: 10 * M + 1 });
  });

  it("counts each event-time minute applied without the table once, and none while it waits", () => {
    const bound = new TableWaitBound({ maxWaitMs: 1000 });
    const ready = T0 + M - 1;
    bound.observe({ readyThroughMs: ready, watermarkMs: T0 + 3 * M, nowMs: WALL });
    expect(bound.minutesPassedOver(T0 + 3 * M)).toBe(0);
    bound.observe({ readyThroughMs: ready, watermarkMs: T0 + 3 * M, nowMs: WALL + 1000 });
    // Minutes 1, 2 and 3 (the one the watermark is in) went without the table.
    expect(bound.minutesPassedOver(T0 + 3 * M)).toBe(3);
    expect(bound.minutesPassedOver(T0 + 3 * M + 30_000)).toBe(0);
    expect(bound.minutesPassedOver(T0 + 5 * M)).toBe(2);
    bound.observe({ readyThroughMs: T0 + 6 * M - 1, watermarkMs: T0 + 5 * M, nowMs: WALL + 2000 });
    expect(bound.minutesPassedOver(T0 + 5 * M)).toBe(0);
  });
});
