import { Command, CommanderError } from "commander";
import { EXIT_CODES, type CommandContext } from "./command";
import { defineCommands, type Runner } from "./commands";

const EXIT_CODES_HELP = `
Exit codes:
  0  done (tail: the stream ended, or Ctrl-C)
  1  the work failed: unreadable input, a broker or gateway error, a refused call
  2  usage error: unknown command or option, missing or bad value

Run 'redline <command> --help' for a command's options and examples.
`;

/**
 * The `redline` program for one invocation: commander parses, validates and
 * answers --help; its output goes to the context's streams, and it never calls
 * process.exit (exitOverride), so tests and the launcher get an exit code.
 */
export function buildProgram(ctx: CommandContext, onExit: (code: number) => void): Command {
  const program = new Command("redline");
  const configure = (cmd: Command): Command =>
    cmd
      .configureOutput({ writeOut: (s) => void ctx.stdout.write(s), writeErr: (s) => void ctx.stderr.write(s) })
      .exitOverride()
      .showSuggestionAfterError(true)
      .allowExcessArguments(false);
  configure(program)
    .description("Real-time risk control for live-commerce streaming: tools for operators, inspectors and developers.")
    .version("0.1.0", "-V, --version", "print the CLI version")
    .addHelpText("after", EXIT_CODES_HELP);
  const run: Runner = async (load, options) => {
    onExit(await (await load()).run(options, ctx));
  };
  defineCommands(program, run);
  // Settings that commander copies to subcommands only when they are created through the parent's defaults.
  const visit = (cmd: Command): void => {
    for (const sub of cmd.commands) {
      configure(sub);
      visit(sub);
    }
  };
  visit(program);
  return program;
}

/** Runs one CLI invocation; resolves to the process exit code (see `redline --help`). */
export async function runCli(argv: string[], ctx: CommandContext): Promise<number> {
  let code: number = EXIT_CODES.ok;
  const program = buildProgram(ctx, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    // --help, -V and `help <command>` end parsing by "exiting" with 0.
    if (err.exitCode === 0) return EXIT_CODES.ok;
    return EXIT_CODES.usage;
  }
}
