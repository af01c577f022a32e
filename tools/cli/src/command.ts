/** What every subcommand gets: its streams and environment, injected for tests. */
export interface CommandContext {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export interface CommandModule {
  /** Runs the command with its own arguments; resolves to the exit code. */
  run(args: string[], ctx: CommandContext): Promise<number>;
}
