import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { LiveEvent } from "@redline/proto";
import { generateRoom, Rng, SIMULATION_EPOCH_MS } from "@redline/simulator";
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

/**
 * Two attacked rooms and a hard negative, time-sorted, as JSON lines. They start at the simulator's epoch,
 * not at 0: at 1970 every account would have been created before it, and account age means nothing.
 */
function streamLines(): string[] {
  const rooms = [
    generateRoom({ roomId: "farm", size: "medium", hardNegative: null, attack: "device_farm", strength: 0.8 }, new Rng(1), SIMULATION_EPOCH_MS),
    generateRoom({ roomId: "brush", size: "small", hardNegative: null, attack: "brushing_mules", strength: 0.8 }, new Rng(2), SIMULATION_EPOCH_MS),
    generateRoom({ roomId: "sale", size: "medium", hardNegative: "flash_sale", attack: null, strength: 0 }, new Rng(3), SIMULATION_EPOCH_MS),
  ];
  return rooms
    .flatMap((r) => r.events)
    .sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1))
    .map((e) => JSON.stringify(LiveEvent.toJSON(e)));
}

/** Displaces lines by up to `maxMs` of event time, as topic interleaving would. */
function shuffleWithin(lines: string[], maxMs: number, seed: number): string[] {
  const rng = new Rng(seed);
  return lines
    .map((l) => ({ l, key: (JSON.parse(l) as { eventTimeMs: number }).eventTimeMs + rng.uniform(0, maxMs) }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.l);
}

describe("redline replay", () => {
  const lines = streamLines();
  const dir = mkdtempSync(join(tmpdir(), "redline-replay-"));
  const input = join(dir, "events.jsonl");
  writeFileSync(input, lines.join("\n") + "\n");

  it("alerts on the attacked rooms only, as proto3 JSON lines", async () => {
    const r = await cli(["replay", "--input", input]);
    expect(r.code).toBe(0);
    const alerts = r.stdout.trim().split("\n").map((l) => JSON.parse(l).alert);
    const rooms = new Set(alerts.map((a) => `${a.roomId}:${a.subcategory}`));
    expect([...rooms].sort()).toEqual(["brush:FAKE_ORDERS", "farm:FAKE_LIKES"]);
    expect(alerts[0].category).toBe("RISK_CATEGORY_DATA_FALSIFICATION");
    expect(r.stderr).toMatch(/replay: \d+ lines, \d+ outputs, 0 invalid/);
  });

  it("writes identical bytes for the same input, and for any arrival order within the lateness bound", async () => {
    const first = await cli(["replay", "--input", input]);
    const again = await cli(["replay"], lines.join("\n"));
    const shuffled = await cli(["replay"], shuffleWithin(lines, 4_000, 9).join("\n"));
    expect(again.stdout).toBe(first.stdout);
    expect(shuffled.stdout).toBe(first.stdout);
    expect(first.stdout.length).toBeGreaterThan(0);
  });

  it("counts invalid lines by reason on stderr and goes on", async () => {
    const broken = ["not json", '{"eventId":"x"}', ...lines].join("\n");
    const r = await cli(["replay"], broken);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipped \d+ invalid line\(s\)/);
    expect(r.stdout).toBe((await cli(["replay", "--input", input])).stdout);
  });

  it("fails cleanly on bad options and unreadable input", async () => {
    expect((await cli(["replay", "--lateness-ms", "-1"])).code).toBe(2);
    const missing = await cli(["replay", "--input", join(dir, "nope.jsonl")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
  });

  it("draws a progress bar with rate and ETA on a terminal's stderr, and none when stderr is not a terminal", async () => {
    const run = async (isTTY: boolean) => {
      const stdout = new PassThrough();
      const stderr = Object.assign(new PassThrough(), { isTTY, columns: 120 });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      stdout.on("data", (b: Buffer) => out.push(b));
      stderr.on("data", (b: Buffer) => err.push(b));
      const code = await runCli(["replay", "--input", input], { stdin: Readable.from([""]), stdout, stderr, env: {} });
      return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
    };
    const tty = await run(true);
    const piped = await run(false);
    expect(tty.code).toBe(0);
    const size = Buffer.byteLength(lines.join("\n") + "\n");
    expect(tty.stderr).toMatch(new RegExp(`100% \\| ${size}/${size} bytes \\| [\\d.]+[kM]? bytes/s \\| ETA \\d+s ${lines.length} lines`));
    expect(piped.stderr).not.toMatch(/ETA|bytes\/s|\u001b/);
    expect(piped.stderr).toMatch(/^replay: \d+ lines, \d+ outputs/);
    // The bar never touches the results.
    expect(tty.stdout).toBe(piped.stdout);
  });
});
