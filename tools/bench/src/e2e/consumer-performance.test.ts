import { childCpuFromTimes, parseConsumerPerformance } from "./consumer-performance";

describe("ConsumerPerformance output", () => {
  it("reads the records and the fetch rate from its CSV line", () => {
    const stdout = [
      "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
      "2026-12-03 21:35:10:000, 2026-12-03 21:35:14:000, 19.8, 4.95, 200000, 50000.0, 3000, 1000, 19.8, 200000.0",
    ].join("\n");
    expect(parseConsumerPerformance(stdout)).toEqual({ records: 200_000, fetchMs: 1000, fetchRecordsPerSecond: 200_000 });
    expect(() => parseConsumerPerformance("WARN something\n")).toThrow(/no result line/);
  });

  it("sums the child's user and system time from bash's times", () => {
    expect(childCpuFromTimes("0m0.010s 0m0.002s\n1m2.500s 0m0.500s\n")).toBeCloseTo(63, 6);
    expect(Number.isNaN(childCpuFromTimes("nothing"))).toBe(true);
  });
});
