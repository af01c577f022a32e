/** npm run faults:bad-input [-- --per-class N --valid N --seed N --no-write --keep-topics]: the bad-input run of issue 17, written into docs/reliability.md. */
import { join } from "node:path";
import { createJsonLogger } from "@redline/common";
import { REPO_ROOT } from "./engine-process";
import { failedChecks, renderSection, writeSection } from "./bad-input/report";
import { runBadInput } from "./bad-input/run-bad-input";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`--${name} must be a whole number, got '${process.argv[i + 1]}'`);
  return v;
}

async function main(): Promise<number> {
  const perClass = flag("per-class", 10_000);
  const seed = flag("seed", 17);
  const logger = createJsonLogger({ namespace: "faults.bad-input", level: "info" });
  const result = await runBadInput({
    perClass,
    validCount: flag("valid", 20_000),
    seed,
    partitions: flag("partitions", 3),
    timeoutMs: flag("timeout-s", 900) * 1000,
    env: process.env,
    logger,
    keepTopics: process.argv.includes("--keep-topics"),
  });
  const section = renderSection(result, perClass, seed, new Date());
  process.stdout.write(`${section}\n`);
  if (!process.argv.includes("--no-write")) {
    writeSection(join(REPO_ROOT, "docs", "reliability.md"), section, "## Bad input at volume");
  }
  const failed = failedChecks(result, perClass);
  if (failed.length > 0) process.stderr.write(`bad-input: ${failed.length} checks failed; engine log: ${result.engineLog}\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bad-input: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
