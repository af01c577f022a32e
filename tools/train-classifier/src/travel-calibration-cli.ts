/**
 * `npm run fit:travel-calibration [-- --scores FILE --out FILE --kinds NEGATIVE_REVIEW=slope,...]`: reads the
 * held-out scores written by `npm run eval:classifier -- --scores FILE`,
 * prints the cross-fitted check (each domain corrected by a map fitted on
 * the other domains of its label) and writes the per-label corrections
 * fitted on every domain to FILE (default results/travel-calibration.json),
 * which `npm run train:classifier` folds into the model's Platt parameters.
 * `--kinds` picks per label "platt" (slope and intercept, the default) or
 * "slope" (slope only; see CorrectionKind).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { TEXT_LABELS, type TextLabel } from "@redline/text-classifier";
import { TrainingError } from "./errors";
import type { HeldOutScores } from "./lodo";
import { crossFitted, fitCorrections, type CorrectionKind, type CrossFittedRow } from "./travel-calibration";
import { PACKAGE_DIR } from "./train-config";

const THRESHOLD = 0.5;

function table(rows: readonly CrossFittedRow[]): string {
  const lines = [
    "| label | held-out domain | fold | n | correction (a, b) | balanced accuracy before → after | ECE before → after |",
    "|---|---|---|---:|---|---|---|",
  ];
  for (const label of TEXT_LABELS) {
    const mine = rows.filter((r) => r.label === label);
    for (const r of mine) {
      lines.push(
        `| ${r.label} | ${r.family}: ${r.domain} | ${r.fold} | ${r.n} | (${r.correction.a.toFixed(2)}, ${r.correction.b.toFixed(2)}) | ${r.before.balancedAccuracy} → ${r.after.balancedAccuracy} | ${r.before.ece} → ${r.after.ece} |`,
      );
    }
    if (mine.length === 0) continue;
    const worst = (pick: (r: CrossFittedRow) => number | null): number => Math.min(...mine.map((r) => pick(r) ?? 1));
    const maxEce = (pick: (r: CrossFittedRow) => number): number => Math.max(...mine.map(pick));
    const met = (pick: (r: CrossFittedRow) => number): number => mine.filter((r) => pick(r) <= 0.05).length;
    lines.push(
      `| ${label} | **worst / max** | | | | ${worst((r) => r.before.balancedAccuracy)} → ${worst((r) => r.after.balancedAccuracy)} | ${maxEce((r) => r.before.ece)} → ${maxEce((r) => r.after.ece)} (≤ 0.05: ${met((r) => r.before.ece)} → ${met((r) => r.after.ece)} of ${mine.length}) |`,
    );
  }
  return lines.join("\n");
}

function parseKinds(text: string): Partial<Record<TextLabel, CorrectionKind>> {
  const kinds: Partial<Record<TextLabel, CorrectionKind>> = {};
  for (const item of text.split(",").filter((x) => x.trim() !== "")) {
    const [label, kind] = item.split("=").map((x) => x.trim());
    if (!TEXT_LABELS.includes(label as TextLabel) || (kind !== "platt" && kind !== "slope")) {
      throw new TrainingError(`--kinds: "${item}" is not LABEL=platt or LABEL=slope`, { item });
    }
    kinds[label as TextLabel] = kind;
  }
  return kinds;
}

function main(argv: readonly string[]): void {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scoresPath = value("--scores");
  if (scoresPath === undefined) throw new TrainingError("--scores FILE is required: write it with npm run eval:classifier -- --scores FILE");
  const outPath = resolve(value("--out") ?? join(PACKAGE_DIR, "results", "travel-calibration.json"));
  const input = JSON.parse(readFileSync(resolve(scoresPath), "utf8")) as { settings: unknown; heldOut: HeldOutScores[] };
  const kinds = parseKinds(value("--kinds") ?? "");
  const kindOf = (label: TextLabel): CorrectionKind => kinds[label] ?? "platt";
  const rows = crossFitted(input.heldOut, () => THRESHOLD, kindOf);
  const corrections = fitCorrections(input.heldOut, kindOf);
  writeFileSync(
    outPath,
    `${JSON.stringify({ kinds: Object.fromEntries(TEXT_LABELS.map((l) => [l, kindOf(l)])), fittedOn: { lodoSettings: input.settings, domains: input.heldOut.map((g) => `${g.fold}: ${g.label} ${g.domain}`) }, corrections, crossFitted: rows }, null, 2)}\n`,
  );
  process.stdout.write(`${table(rows)}\n\ncorrections fitted on every domain: ${JSON.stringify(corrections)}\n`);
}

main(process.argv.slice(2));
