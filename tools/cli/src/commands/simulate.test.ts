import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { LiveEvent } from "@redline/proto";
import { runCli } from "../run-cli";

async function cli(args: string[], stdinText = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (b: Buffer) => out.push(b));
  stderr.on("data", (b: Buffer) => err.push(b));
  const code = await runCli(args, { stdin: Readable.from([stdinText]), stdout, stderr, env: {} });
  return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

describe("redline simulate", () => {
  it("writes the same events and truth for the same seed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "redline-sim-"));
    const run = async (n: number): Promise<[string, string]> => {
      const out = join(dir, `e${n}.jsonl`);
      const truth = join(dir, `t${n}.jsonl`);
      const r = await cli(["simulate", "--seed", "4", "--scale", "0.05", "--out", out, "--truth", truth]);
      expect(r.code).toBe(0);
      return [readFileSync(out, "utf8"), readFileSync(truth, "utf8")];
    };
    const [events, truth] = await run(1);
    expect(await run(2)).toEqual([events, truth]);
    const first = LiveEvent.fromJSON(JSON.parse(events.split("\n")[0]!));
    expect(first.roomId).toMatch(/^s4-h0-r\d+$/);
    const rooms = truth.trim().split("\n").map((l) => JSON.parse(l));
    expect(rooms.some((t) => t.labels.length > 0)).toBe(true);
    expect(rooms.some((t) => t.hardNegative !== null)).toBe(true);
  });

  it("requires --seed and exactly one destination", async () => {
    expect((await cli(["simulate", "--out", "/tmp/x"])).code).toBe(2);
    expect((await cli(["simulate", "--seed", "1"])).stderr).toMatch(/exactly one of --out FILE and --to-kafka/);
    expect((await cli(["simulate", "--seed", "1", "--out", "/tmp/x", "--to-kafka"])).code).toBe(2);
    expect((await cli(["simulate", "--seed", "1", "--out", "/tmp/x", "--rate", "5"])).stderr).toMatch(/--rate and --topic-prefix go with --to-kafka/);
  });

  it("counts hours on a progress bar on a terminal, and prints only its summary line otherwise", async () => {
    const dir = mkdtempSync(join(tmpdir(), "redline-sim-bar-"));
    const run = async (isTTY: boolean) => {
      const stderr = Object.assign(new PassThrough(), { isTTY, columns: 120 });
      const err: Buffer[] = [];
      stderr.on("data", (b: Buffer) => err.push(b));
      const args = ["simulate", "--seed", "4", "--scale", "0.02", "--hours", "2", "--out", join(dir, `e-${isTTY}.jsonl`)];
      const code = await runCli(args, { stdin: Readable.from([""]), stdout: new PassThrough(), stderr, env: {} });
      return { code, stderr: Buffer.concat(err).toString("utf8") };
    };
    const tty = await run(true);
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/100% \| 2\/2 hours \| [\d.]+ hours\/s \| ETA \d+s \d+ events, \d+ rooms/);
    const piped = await run(false);
    expect(piped.stderr).toMatch(/^simulate: \d+ events, \d+ rooms\n$/);
  });
});
