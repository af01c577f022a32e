import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { DEFAULT_MODEL_DIR } from "@redline/text-classifier";
import { runCli } from "../run-cli";

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function classify(args: string[], stdinText = ""): Promise<Captured> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (b: Buffer) => out.push(b));
  stderr.on("data", (b: Buffer) => err.push(b));
  const code = await runCli(["classify", ...args], { stdin: Readable.from([stdinText]), stdout, stderr, env: {} });
  return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

const outputLines = (s: string): Record<string, unknown>[] =>
  s
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("redline classify", () => {
  it("adds scores to each input object from stdin, in order, keeping its fields", async () => {
    const input = ['{"id":1,"text":"加我 V 信 abc8899 私聊"}', '{"id":2,"text":"物流太慢了 等了一个星期"}', '{"id":3,"text":"how much is shipping?"}'].join("\n");
    const r = await classify([], input);
    expect(r.code).toBe(0);
    const lines = outputLines(r.stdout);
    expect(lines.map((l) => l.id)).toEqual([1, 2, 3]);
    const scores = lines.map((l) => l.scores as Record<string, number>);
    expect(Object.keys(scores[0]!).sort()).toEqual(["DIVERSION", "HARASSMENT", "MINOR_RISK", "NEGATIVE_REVIEW", "PROHIBITED"]);
    expect(scores[0]!.DIVERSION).toBeGreaterThanOrEqual(0.5);
    expect(scores[1]!.NEGATIVE_REVIEW).toBeGreaterThanOrEqual(0.5);
    expect(scores[2]!.DIVERSION).toBeLessThan(0.5);
  });

  it("reports bad lines in place and goes on", async () => {
    const input = ['{"text":"hello"}', "not json", '{"id":7}', '{"text":42}', "[1,2]", "", '{"text":"bye"}'].join("\n");
    const r = await classify(["--input", "-"], input);
    expect(r.code).toBe(0);
    const lines = outputLines(r.stdout);
    expect(lines).toHaveLength(6); // the blank line is skipped
    expect(lines[0]!.scores).toBeDefined();
    expect(lines[1]).toEqual({ line: 2, error: expect.stringMatching(/^not JSON/) });
    expect(lines[2]).toEqual({ id: 7, error: 'missing string field "text"' });
    expect(lines[3]).toMatchObject({ text: 42, error: 'missing string field "text"' });
    expect(lines[4]).toEqual({ line: 5, error: "not a JSON object" });
    expect(lines[5]).toMatchObject({ text: "bye", scores: expect.any(Object) });
    expect(r.stderr).toMatch(/done, 7 lines, 4 errors/);
  });

  it("reads --input FILE and reports progress on stderr", async () => {
    const dir = mkdtempSync(join(tmpdir(), "classify-"));
    const file = join(dir, "in.jsonl");
    writeFileSync(file, Array.from({ length: 25 }, (_, i) => JSON.stringify({ n: i, text: `comment ${i}` })).join("\n"));
    const r = await classify(["--input", file, "--progress-every", "10"]);
    expect(r.code).toBe(0);
    expect(outputLines(r.stdout).map((l) => l.n)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(r.stderr.match(/^classify: \d+ lines/gm)).toEqual(["classify: 10 lines", "classify: 20 lines"]);
  });

  it("fails clearly on a missing file or a bad option", async () => {
    const missing = await classify(["--input", "/no/such/file.jsonl"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
    const bad = await classify(["--progress-every", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/positive integer/);
  });
});

describe("redline classify --explain", () => {
  async function explain(env: Record<string, string>, input: string, args: string[] = []): Promise<Captured> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    stdout.on("data", (b: Buffer) => out.push(b));
    stderr.on("data", (b: Buffer) => err.push(b));
    const code = await runCli(["classify", "--explain", ...args], { stdin: Readable.from([input]), stdout, stderr, env });
    return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
  }

  interface Explained {
    flagged: string[];
    labels: { label: string; threshold: number; top: { feature: string; contribution: number }[] }[];
  }

  it("names the features behind a flagged label, largest pull first", async () => {
    const r = await explain({}, '{"text":"加我 V 信 abc8899 私聊"}');
    expect(r.code).toBe(0);
    const e = outputLines(r.stdout)[0]!.explain as Explained;
    expect(e.flagged).toContain("DIVERSION");
    const diversion = e.labels.find((l) => l.label === "DIVERSION")!;
    expect(diversion.top.length).toBeGreaterThan(0);
    expect(diversion.top[0]!.contribution).toBeGreaterThan(0);
    expect(diversion.top.every((t) => typeof t.feature === "string" && t.feature !== "")).toBe(true);
  });

  it("flags by the operator's per-label thresholds and refuses a bad setting naming the variable", async () => {
    const strict = await explain({ REDLINE_TEXT_THRESHOLDS: "DIVERSION=0.9999999" }, '{"text":"加我 V 信 abc8899 私聊"}');
    const e = outputLines(strict.stdout)[0]!.explain as Explained;
    expect(e.flagged).not.toContain("DIVERSION");
    expect(e.labels).toHaveLength(1);
    const bad = await explain({ REDLINE_TEXT_THRESHOLDS: "DIVERSION=2" }, '{"text":"hi"}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/REDLINE_TEXT_THRESHOLDS/);
  });

  it("flags by the artifact's own thresholds when the operator sets none", async () => {
    // The committed artifact with only DIVERSION's header threshold raised past the lure's 0.99998.
    const dir = mkdtempSync(join(tmpdir(), "classify-thresholds-"));
    const header = JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, "text-classifier.json"), "utf8")) as { thresholds: Record<string, number> };
    writeFileSync(join(dir, "text-classifier.json"), JSON.stringify({ ...header, thresholds: { ...header.thresholds, DIVERSION: 0.9999999 } }));
    copyFileSync(join(DEFAULT_MODEL_DIR, "text-classifier.weights.bin"), join(dir, "text-classifier.weights.bin"));
    const lure = '{"text":"加我 V 信 abc8899 私聊"}';
    const flagged = async (env: Record<string, string>): Promise<string[]> => (outputLines((await explain(env, lure, ["--model", dir])).stdout)[0]!.explain as Explained).flagged;
    expect(await flagged({})).not.toContain("DIVERSION");
    expect(await flagged({ REDLINE_TEXT_THRESHOLDS: "DIVERSION=0.5" })).toContain("DIVERSION");
  });
});
