/**
 * The heaviest functions of a V8 CPU profile (`node --cpu-prof`), by self
 * time, with the package they live in: what bench:e2e --profile reports.
 */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
  samples?: number[];
  timeDeltas?: number[];
}

export interface HotFunction {
  name: string;
  where: string;
  selfShare: number;
}

/** Self time by function (samples per node), largest first; `where` is the file relative to node_modules or the repository. */
export function hottestFunctions(profile: CpuProfile, top = 25): HotFunction[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  if (profile.samples !== undefined) for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  else for (const n of profile.nodes) hits.set(n.id, n.hitCount ?? 0);
  const total = [...hits.values()].reduce((s, n) => s + n, 0);
  const byFunction = new Map<string, HotFunction>();
  for (const [id, count] of hits) {
    const frame = byNode.get(id)!.callFrame;
    const where = shortPath(frame.url, frame.lineNumber);
    const name = frame.functionName === "" ? "(anonymous)" : frame.functionName;
    const key = `${name}@${where}`;
    const entry = byFunction.get(key) ?? { name, where, selfShare: 0 };
    entry.selfShare += count / total;
    byFunction.set(key, entry);
  }
  return [...byFunction.values()].sort((a, b) => b.selfShare - a.selfShare).slice(0, top);
}

/** Self time summed by package (node_modules/<pkg>, libs/<x>, services/<x>, node internals, GC...). */
export function selfTimeByPackage(profile: CpuProfile): Array<{ pkg: string; selfShare: number }> {
  const all = hottestFunctions(profile, Number.MAX_SAFE_INTEGER);
  const byPkg = new Map<string, number>();
  for (const f of all) {
    const pkg = packageOf(f.where, f.name);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + f.selfShare);
  }
  return [...byPkg].map(([pkg, selfShare]) => ({ pkg, selfShare })).sort((a, b) => b.selfShare - a.selfShare);
}

function shortPath(url: string, line: number): string {
  if (url === "") return "";
  const nm = url.lastIndexOf("node_modules/");
  const path = nm >= 0 ? url.slice(nm + "node_modules/".length) : url.replace(/^file:\/\//, "").replace(/^.*?\/(libs|services|tools|proto)\//, "$1/");
  return `${path}:${line + 1}`;
}

function packageOf(where: string, name: string): string {
  if (where === "") return name.startsWith("(") ? name : "(native)";
  if (where.startsWith("node:")) return "node internals";
  const parts = where.split("/");
  if (parts[0]!.startsWith("@")) return `${parts[0]}/${parts[1]}`;
  if (["libs", "services", "tools", "proto"].includes(parts[0]!)) return `${parts[0]}/${parts[1]}`;
  return parts[0]!;
}
