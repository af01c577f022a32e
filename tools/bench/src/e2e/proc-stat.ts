import { readFileSync } from "node:fs";

/** CPU time and memory of a process, read from Linux's /proc (the bench measures child processes). */
export interface ProcSample {
  /** user + system CPU seconds since the process started. */
  cpuSeconds: number;
  rssBytes: number;
}

/** Clock ticks per second of /proc/<pid>/stat; 100 on every Linux the project runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

/** Parses /proc/<pid>/stat (fields after the parenthesised command name, which may hold spaces). */
export function parseProcStat(stat: string): ProcSample {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state): utime is field 14, stime 15, rss 24.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const rssPages = Number(fields[21]);
  return { cpuSeconds: (utime + stime) / CLOCK_TICKS_PER_SECOND, rssBytes: rssPages * PAGE_BYTES };
}

export function sampleProcess(pid: number): ProcSample {
  return parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
}

/** Busy and total CPU ticks of the whole machine, all cores, from the first line of /proc/stat. */
export interface MachineSample {
  busyTicks: number;
  totalTicks: number;
}

/** Parses /proc/stat's `cpu` line: user nice system idle iowait irq softirq steal ...; idle and iowait are not busy. */
export function parseMachineStat(stat: string): MachineSample {
  const fields = stat.split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const totalTicks = fields.reduce((a, b) => a + b, 0);
  return { busyTicks: totalTicks - fields[3]! - fields[4]!, totalTicks };
}

export function sampleMachine(): MachineSample {
  return parseMachineStat(readFileSync("/proc/stat", "utf8"));
}
