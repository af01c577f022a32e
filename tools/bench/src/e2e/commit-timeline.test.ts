import { longestGroupStallMs, pausesAfter, type CommitSample } from "./commit-timeline";

const at = (atMs: number, ...offsets: number[]): CommitSample => ({ atMs, offsets });

describe("pausesAfter", () => {
  it("runs a handover's pause from the old owner's last commit until the new owner passes it, not while it re-reads", () => {
    // The event (a member starting) at 1500; the old owner commits on until 2000; the new owner re-reads from 0 on partition 0.
    const samples = [at(0, 100, 100), at(1000, 200, 200), at(2000, 250, 300), at(3000, 50, 400), at(4000, 190, 500), at(5000, 260, 600)];
    expect(pausesAfter(samples, 1500, [1000, 1000])).toEqual([
      { partition: 0, pauseMs: 3000 },
      { partition: 1, pauseMs: 1000 },
    ]);
  });

  it("leaves out a partition complete before the event and says when one never resumed", () => {
    const samples = [at(0, 1000, 10), at(1000, 1000, 10), at(2000, 1000, 10)];
    expect(pausesAfter(samples, 500, [1000, 50])).toEqual([{ partition: 1, pauseMs: undefined }]);
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
