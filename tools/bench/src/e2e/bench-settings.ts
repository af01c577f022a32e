import { ConfigError } from "@redline/common";
import { parseVariant, type EngineVariant } from "./tuning-phase";

/** What one `npm run bench:e2e` run does; `--quick` is the small version used while developing. */
export interface BenchSettings {
  quick: boolean;
  /** Records in the throughput topic (≥ 2 million in a full run, issue 15). */
  records: number;
  partitions: number;
  rooms: number;
  zipfS: number;
  seed: number;
  /** Seconds of open-loop load per latency phase. */
  latencyPhaseSeconds: number;
  /** Shares of the measured maximum offered in the latency phases. */
  loadShares: readonly number[];
  /** Where the report and plot go. */
  outFile: string;
  plotFile: string;
  /** Extra phases: `--only a,b` runs only those (ceilings, throughput, latency). */
  phases: ReadonlySet<string>;
  /** `--profile`: the throughput run's engine writes a CPU profile (node --cpu-prof) and the report lists its hottest functions. */
  profile: boolean;
  /**
   * Engine settings compared by the `tuning` phase (`--variant name:VAR=value,...`, repeatable), each
   * draining the same topic once per round (`--rounds`, 2 unless given), interleaved; the first is the baseline.
   */
  variants: readonly EngineVariant[];
  rounds: number;
  /** `--split-topics`: the tuning phase reads the events split into one topic per kind, as deployed. */
  splitTopics: boolean;
  /** Engine variables for the engine processes of the `scaleout` and `latency` phases (`--engine-env VAR=value,...`). */
  engineEnv: Record<string, string>;
}

const ALL_PHASES = ["ceilings", "throughput", "latency"] as const;
/** Run only when named in --only: they answer questions a full run does not ask every time. */
const EXTRA_PHASES = ["tuning", "scaleout"] as const;

export function parseBenchArgs(argv: readonly string[]): BenchSettings {
  const quick = argv.includes("--quick");
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i < 0 ? undefined : argv[i + 1];
  };
  const only = value("--only");
  const phases = new Set(only === undefined ? ALL_PHASES : only.split(","));
  const known: readonly string[] = [...ALL_PHASES, ...EXTRA_PHASES];
  for (const p of phases) if (!known.includes(p)) throw new ConfigError("--only", `names an unknown phase ${p} (known: ${known.join(", ")})`);
  const variants = argv.flatMap((a, i) => (a === "--variant" && argv[i + 1] !== undefined ? [parseVariant(argv[i + 1]!)] : []));
  if (phases.has("tuning") && variants.length < 2) throw new ConfigError("--variant", "the tuning phase compares at least two (the first is the baseline), e.g. --variant defaults: --variant c8:REDLINE_ENGINE_PARTITIONS_CONCURRENTLY=8");
  const rounds = Number(value("--rounds") ?? "2");
  if (!Number.isInteger(rounds) || rounds < 1) throw new ConfigError("--rounds", `must be a positive integer, got ${value("--rounds")}`);
  const recordsText = value("--records");
  const records = recordsText === undefined ? (quick ? 200_000 : 2_000_000) : Number(recordsText);
  if (!Number.isInteger(records) || records < 1000) throw new ConfigError("--records", `must be an integer >= 1000, got ${recordsText}`);
  return Object.freeze({
    quick,
    records,
    partitions: 8,
    rooms: quick ? 2_000 : 20_000,
    zipfS: 1.1,
    seed: 15,
    latencyPhaseSeconds: quick ? 12 : 30,
    loadShares: [0.2, 0.5, 0.8],
    outFile: value("--out") ?? (quick ? ".local/bench-e2e/performance-quick.md" : "docs/performance.md"),
    plotFile: value("--plot") ?? (quick ? ".local/bench-e2e/latency-vs-load-quick.svg" : "docs/performance-latency.svg"),
    phases,
    profile: argv.includes("--profile"),
    variants,
    rounds,
    splitTopics: argv.includes("--split-topics"),
    engineEnv: parseVariant(`engine-env:${value("--engine-env") ?? ""}`).env,
  });
}
