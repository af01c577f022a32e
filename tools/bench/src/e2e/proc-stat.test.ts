import { parseMachineStat, parseProcStat } from "./proc-stat";

describe("parseProcStat", () => {
  it("reads CPU ticks and resident pages after a command name with spaces and parentheses", () => {
    // Fields 3.. of /proc/<pid>/stat; utime (14) = 250, stime (15) = 50, rss (24) = 1000 pages.
    const after = ["S", "1", "2", "3", "0", "-1", "4194304", "10", "0", "0", "0", "250", "50", "0", "0", "20", "0", "11", "0", "100", "123456789", "1000"];
    const stat = `4242 (node (bench) x) ${after.join(" ")} 18446744073709551615 1 1 0 0`;
    expect(parseProcStat(stat)).toEqual({ cpuSeconds: 3, rssBytes: 1000 * 4096 });
  });

  it("reads the machine's busy share from /proc/stat, idle and iowait left out", () => {
    const m = parseMachineStat("cpu  100 10 40 800 50 0 0 0 0 0\ncpu0 50 5 20 400 25 0 0 0 0 0\n");
    expect(m).toEqual({ busyTicks: 150, totalTicks: 1000 });
  });
});
