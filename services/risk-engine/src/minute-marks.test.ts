import { MinuteMarks } from "./minute-marks";

const M = 60_000;
const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

describe("MinuteMarks", () => {
  it("marks after a step only when the promise completes another minute", () => {
    const marks = new MinuteMarks(1, 4, ["a", "b"]);
    expect(marks.completesMinute(-1)).toBe(false);
    expect(marks.completesMinute(T0 + 10_000)).toBe(true);
    expect(marks.markThrough(T0 + 10_000)).toEqual({ producerPartition: 1, producerPartitions: 4, watermarkMs: T0 + 10_000 });
    // Minute T0 is not complete until its last millisecond.
    expect(marks.completesMinute(T0 + 50_000)).toBe(false);
    expect(marks.completesMinute(T0 + M - 1)).toBe(true);
    marks.markThrough(T0 + M - 1);
    expect(marks.completesMinute(T0 + M + 30_000)).toBe(false);
  });

  it("marks a quiet partition whenever its promise moved, not only by whole minutes", () => {
    const marks = new MinuteMarks(0, 2, ["a"]);
    expect(marks.movedPast(Number.NEGATIVE_INFINITY)).toBe(false);
    expect(marks.movedPast(T0)).toBe(true);
    marks.markThrough(T0);
    expect(marks.movedPast(T0)).toBe(false);
    expect(marks.movedPast(T0 + 1)).toBe(true);
    expect(marks.markKeys).toEqual(["a"]);
  });
});
