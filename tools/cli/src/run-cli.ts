import type { CommandContext, CommandModule } from "./command";

/** Subcommands, loaded lazily by name. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {};

export function registerCommand(
  name: string,
  summary: string,
  load: () => Promise<CommandModule>,
): void {
  COMMANDS[name] = { summary, load };
}

function usage(): string {
  const lines = Object.entries(COMMANDS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: redline <command> [options]\n\ncommands:\n${lines.join("\n")}\n`;
}

/** Runs one CLI invocation; returns the process exit code. */
export async function runCli(argv: string[], ctx: CommandContext): Promise<number> {
  await import("./commands");
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    ctx.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    ctx.stderr.write(`redline: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const mod = await entry.load();
  return mod.run(rest, ctx);
}
