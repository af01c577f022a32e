/** What every subcommand gets: its streams and environment, injected for tests. */
export interface CommandContext {
  stdin: NodeJS.ReadableStream;
  /** `isTTY` as on process streams: a progress bar is drawn on stderr only when it is a terminal. */
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
}

/**
 * A command's implementation, loaded only when it runs. It gets its options
 * already parsed and checked by the command's definition (commands/index.ts)
 * and resolves to the exit code (see EXIT_CODES).
 */
export interface CommandModule<Options> {
  run(options: Options, ctx: CommandContext): Promise<number>;
}

/** The exit codes of every `redline` command. */
export const EXIT_CODES = {
  /** The work is done (for `tail`: the stream ended or Ctrl-C). */
  ok: 0,
  /** The work failed: a file that cannot be read, a broker or gateway error, a refused call. */
  failed: 1,
  /** The command line is wrong: unknown command or flag, missing or bad value, flags that do not go together. */
  usage: 2,
} as const;
