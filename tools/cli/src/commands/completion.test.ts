import { execFileSync } from "node:child_process";
import { PassThrough, Readable } from "node:stream";
import { runCli } from "../run-cli";

async function script(shell: string): Promise<{ code: number; text: string }> {
  const stdout = new PassThrough();
  const out: Buffer[] = [];
  stdout.on("data", (b: Buffer) => out.push(b));
  const code = await runCli(["completion", shell], { stdin: Readable.from([""]), stdout, stderr: new PassThrough(), env: {} });
  return { code, text: Buffer.concat(out).toString("utf8") };
}

/** What bash offers after the words typed so far (the last one is being completed). */
function complete(bashScript: string, words: string[]): string[] {
  const program = `${bashScript}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}
_redline; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync("bash", ["-c", program], { encoding: "utf8" }).split("\n").filter((l) => l !== "");
}

describe("redline completion", () => {
  it("completes commands, subcommands and each command's own flags in bash", async () => {
    const bash = await script("bash");
    expect(bash.code).toBe(0);
    expect(complete(bash.text, ["redline", "re"])).toEqual(["replay", "review"]);
    expect(complete(bash.text, ["redline", "topics", ""])).toEqual(["ensure", "help", "--help"]);
    expect(complete(bash.text, ["redline", "topics", "ensure", "--p"])).toEqual(["--partitions"]);
    expect(complete(bash.text, ["redline", "replay", "--input", "x.jsonl", "--sh"])).toEqual(["--shadow-policy"]);
    // A command's flags are its own: tail's, not replay's.
    expect(complete(bash.text, ["redline", "tail", "--in"])).toEqual([]);
  });

  it("prints a zsh script that loads the same completion through bashcompinit", async () => {
    const zsh = await script("zsh");
    expect(zsh.code).toBe(0);
    expect(zsh.text.startsWith("#compdef redline\n")).toBe(true);
    expect(zsh.text).toContain("bashcompinit");
    expect(zsh.text).toContain("complete -o default -F _redline redline");
    // The zsh script is bash syntax too (bashcompinit runs it as such).
    execFileSync("bash", ["-n"], { input: zsh.text });
  });

  it("refuses a shell it has no script for", async () => {
    expect((await script("fish")).code).toBe(2);
  });
});
