import { PassThrough, Readable } from "node:stream";
import { runCli } from "./run-cli";

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (b: Buffer) => out.push(b));
  stderr.on("data", (b: Buffer) => err.push(b));
  const code = await runCli(args, { stdin: Readable.from([""]), stdout, stderr, env: {} });
  return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

describe("redline", () => {
  it("lists every command in order on --help, and exits 2 with the same list when given none", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    const names = help.stdout.split("\n").flatMap((l) => /^ {2}(\S+)/.exec(l)?.[1] ?? []);
    expect(names).toEqual(["classify", "produce", "replay", "review", "simulate", "tail", "topics", "version"]);
    expect(await cli([])).toMatchObject({ code: 2, stdout: help.stdout });
  });

  it("refuses an unknown command, including names every object has", async () => {
    for (const name of ["nope", "toString", "constructor"]) {
      const r = await cli([name]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`unknown command '${name}'`);
    }
  });

  it("runs a command by loading its module", async () => {
    const r = await cli(["version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^redline \S+ \(contract redline\.v1\)\n$/);
  });
});
