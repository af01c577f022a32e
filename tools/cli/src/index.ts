/**
 * @redline/cli — the `redline` command as a library, for tests.
 *
 * @example
 * const code = await runCli(["classify", "--input", "x.jsonl"], { stdin, stdout, stderr, env });
 */
export { runCli } from "./run-cli";
export type { CommandContext, CommandModule } from "./command";
