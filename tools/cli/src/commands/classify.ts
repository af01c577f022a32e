/**
 * `redline classify [--input FILE] [--model DIR] [--progress-every N] [--explain]`
 *
 * Reads JSON lines with a string `text` field (from FILE, or stdin when FILE
 * is absent or `-`) and writes, in order, one JSON line per input line: the
 * input object plus `"scores": {LABEL: p}`. A line that is not a JSON object,
 * or has no string `text`, yields an `"error"` and the run goes on; a line
 * that is not JSON at all is reported as `{"line": N, "error": ...}` since
 * there is no object to extend. Blank lines are skipped. Progress goes to
 * stderr every N lines (default 10000); stdout carries only results.
 *
 * `--explain` adds `"explain": {"flagged": [...], "labels": [...]}`: the
 * labels at or above their threshold (the model's, or REDLINE_TEXT_THRESHOLDS
 * such as `DIVERSION=0.7,HARASSMENT=0.6`) and, for each of them (or for the
 * top-scoring label when none is flagged), the n-grams and shape features
 * that pulled its raw score most, so an inspector can see why.
 */
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import {
  flaggedLabels,
  loadClassifier,
  loadDefaultClassifier,
  loadThresholdConfig,
  ThresholdConfigError,
  type LabelThresholds,
  type TextClassifier,
  type TextScores,
} from "@redline/text-classifier";
import { EXIT_CODES, type CommandContext } from "../command";

/** Features named per explained label. */
const EXPLAIN_TOP_FEATURES = 5;

/** Parsed by the command's definition (commands/index.ts). */
export interface ClassifyOptions {
  /** A file, or "-" for stdin. */
  input: string;
  model?: string;
  progressEvery: number;
  explain?: boolean;
}

export interface ClassifiedLine {
  json: string;
  failed: boolean;
}

/** Flagged labels and, for each (or for the top label when none is), the features that drove it. */
function explanation(classifier: TextClassifier, text: string, thresholds: LabelThresholds): unknown {
  const all = classifier.explain(text, EXPLAIN_TOP_FEATURES);
  const scores = Object.fromEntries(all.map((e) => [e.label, e.score])) as TextScores;
  const flagged = flaggedLabels(scores, thresholds);
  const top = all.reduce((best, e) => (e.score > best.score ? e : best));
  const labels = flagged.length > 0 ? all.filter((e) => flagged.includes(e.label)) : [top];
  return {
    flagged,
    labels: labels.map((e) => ({ label: e.label, score: e.score, threshold: thresholds[e.label], raw: +e.raw.toFixed(3), bias: +e.bias.toFixed(3), top: e.top })),
  };
}

/**
 * The output line for one input line, or undefined for a blank line. With
 * `thresholds`, the line also explains its scores (`--explain`).
 */
export function classifyLine(classifier: TextClassifier, line: string, lineNumber: number, thresholds?: LabelThresholds): ClassifiedLine | undefined {
  if (line.trim() === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    return { json: JSON.stringify({ line: lineNumber, error: `not JSON: ${(err as Error).message}` }), failed: true };
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { json: JSON.stringify({ line: lineNumber, error: "not a JSON object" }), failed: true };
  }
  const record = parsed as Record<string, unknown>;
  if (typeof record.text !== "string") {
    return { json: JSON.stringify({ ...record, error: 'missing string field "text"' }), failed: true };
  }
  const scores = classifier.classify(record.text);
  if (thresholds === undefined) return { json: JSON.stringify({ ...record, scores }), failed: false };
  return { json: JSON.stringify({ ...record, scores, explain: explanation(classifier, record.text, thresholds) }), failed: false };
}

function write(stream: NodeJS.WritableStream, chunk: string): Promise<void> | undefined {
  // Honour backpressure so a slow consumer does not make us buffer the whole file.
  if (stream.write(chunk)) return undefined;
  return new Promise((resolve) => stream.once("drain", () => resolve()));
}

export async function run(options: ClassifyOptions, ctx: CommandContext): Promise<number> {
  const inputPath = options.input === "-" ? undefined : options.input;
  if (inputPath !== undefined && !existsSync(inputPath)) {
    ctx.stderr.write(`redline classify: input file ${inputPath} does not exist\n`);
    return EXIT_CODES.failed;
  }
  const classifier = options.model === undefined ? loadDefaultClassifier() : loadClassifier(options.model);
  let thresholds: LabelThresholds | undefined;
  try {
    thresholds = options.explain ? loadThresholdConfig(ctx.env, classifier.thresholds) : undefined;
  } catch (err) {
    if (!(err instanceof ThresholdConfigError)) throw err;
    ctx.stderr.write(`redline classify: ${err.message}\n`);
    return EXIT_CODES.usage;
  }
  const input = inputPath === undefined ? ctx.stdin : createReadStream(inputPath);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });

  const startedMs = Date.now();
  let lineNumber = 0;
  let errorLines = 0;
  let batch = "";
  for await (const line of lines) {
    lineNumber++;
    const out = classifyLine(classifier, line, lineNumber, thresholds);
    if (out === undefined) continue;
    if (out.failed) errorLines++;
    batch += `${out.json}\n`;
    // Batching writes matters at 50k+ lines/s; 64 KiB keeps memory flat.
    if (batch.length >= 65_536) {
      await write(ctx.stdout, batch);
      batch = "";
    }
    if (lineNumber % options.progressEvery === 0) {
      const seconds = (Date.now() - startedMs) / 1000;
      ctx.stderr.write(`classify: ${lineNumber} lines, ${errorLines} errors, ${Math.round(lineNumber / Math.max(seconds, 1e-3))} lines/s\n`);
    }
  }
  if (batch !== "") await write(ctx.stdout, batch);
  ctx.stderr.write(`classify: done, ${lineNumber} lines, ${errorLines} errors, model ${classifier.version}\n`);
  return EXIT_CODES.ok;
}
