import { PassThrough, Readable } from "node:stream";
import type { Command } from "commander";
import { buildProgram, runCli } from "./run-cli";

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

/** Every command path in the program: ["classify"], ["topics"], ["topics", "ensure"], … */
function commandPaths(): string[][] {
  const program = buildProgram({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env: {} }, () => undefined);
  const paths: string[][] = [];
  const visit = (cmd: Command, path: string[]): void => {
    for (const sub of cmd.commands) {
      paths.push([...path, sub.name()]);
      visit(sub, [...path, sub.name()]);
    }
  };
  visit(program, []);
  return paths;
}

describe("redline", () => {
  it("lists every command on --help with the exit codes, and exits 2 with the same help on stderr when given none", async () => {
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    const names = help.stdout.split("\n").flatMap((l) => /^ {2}([a-z]+)\b/.exec(l)?.[1] ?? []);
    expect(names).toEqual(["classify", "evidence", "produce", "replay", "review", "simulate", "tail", "topics", "version", "completion", "help"]);
    expect(help.stdout).toMatch(/Exit codes:\n {2}0 +done.*\n {2}1 +the work failed.*\n {2}2 +usage error/);
    expect(await cli([])).toMatchObject({ code: 2, stdout: "", stderr: help.stdout });
  });

  it("answers --help with usage and examples for every command and subcommand, and `help <command>` the same", async () => {
    const paths = commandPaths();
    expect(paths).toContainEqual(["replay"]);
    expect(paths).toContainEqual(["topics", "ensure"]);
    for (const path of paths) {
      const r = await cli([...path, "--help"]);
      expect({ path, code: r.code, stderr: r.stderr }).toEqual({ path, code: 0, stderr: "" });
      expect(r.stdout).toMatch(new RegExp(`^Usage: redline ${path.join(" ")} `));
      const examples = r.stdout.split("\nExamples:\n")[1] ?? "";
      expect({ path, examples: examples.startsWith("  $ ") && examples.includes(`redline ${path.join(" ")}`) }).toEqual({ path, examples: true });
      // `help` is a subcommand of each command that has subcommands: `redline topics help ensure`.
      expect((await cli([...path.slice(0, -1), "help", path[path.length - 1]!])).stdout).toBe(r.stdout);
    }
  });

  it("refuses an unknown command with a suggestion, including names every object has", async () => {
    const typo = await cli(["replya"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown command 'replya'\n\(Did you mean replay\?\)/);
    for (const name of ["toString", "constructor"]) {
      const r = await cli([name]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`unknown command '${name}'`);
    }
    expect((await cli(["topics", "ensrue"])).stderr).toMatch(/Did you mean ensure\?/);
  });

  it("refuses unknown flags with a suggestion, bad values naming the flag, and stray arguments", async () => {
    const flag = await cli(["replay", "--inptu", "x.jsonl"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown option '--inptu'\n\(Did you mean --input\?\)/);
    const value = await cli(["replay", "--lateness-ms", "soon"]);
    expect(value.code).toBe(2);
    expect(value.stderr).toMatch(/option '--lateness-ms <ms>' argument 'soon' is invalid\. must be a non-negative integer/);
    const missing = await cli(["simulate", "--out", "x"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--seed <n>' not specified/);
    expect((await cli(["version", "extra"])).code).toBe(2);
  });

  it("runs a command by loading its module", async () => {
    const r = await cli(["version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^redline \S+ \(contract redline\.v1\)\n$/);
    expect((await cli(["--version"])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
