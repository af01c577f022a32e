import { longestGroupStallMs, pausesAfter, type CommitSample } from "./commit-timeline";

const at = (atMs: number, ...offsets: number[]): CommitSample => ({ atMs, offsets });

describe("pausesAfter", () => {
  it("counts a handover as paused until a commit passes the old owner's high point, not while the new owner re-reads", () => {
    const samples = [at(0, 100, 100), at(1000, 200, 200), at(2000, 200, 200), at(3000, 150, 300), at(4000, 190, 400), at(5000, 260, 500)];
    expect(pausesAfter(samples, 1500, [1000, 1000])).toEqual([
      { partition: 0, highBefore: 200, pauseMs: 3500 },
      { partition: 1, highBefore: 200, pauseMs: 1500 },
    ]);
  });

  it("leaves out a partition complete before the event and says when one never resumed", () => {
    const samples = [at(0, 1000, 10), at(1000, 1000, 10), at(2000, 1000, 10)];
    expect(pausesAfter(samples, 500, [1000, 50])).toEqual([{ partition: 1, highBefore: 10, pauseMs: undefined }]);
  });
});

describe("longestGroupStallMs", () => {
  it("is the longest run of samples after the start in which no partition passed its high point", () => {
    const samples = [at(0, 0, 0), at(1000, 10, 0), at(2000, 10, 0), at(3000, 5, 0), at(4000, 10, 0), at(5000, 10, 1), at(6000, 11, 1)];
    // From 1000: no progress at 2000, 3000 (a re-read below the high), 4000 (equal); progress at 5000.
    expect(longestGroupStallMs(samples, 1000)).toBe(4000);
    expect(longestGroupStallMs(samples, 5500)).toBe(500);
  });
});
