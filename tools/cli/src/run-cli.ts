import type { CommandContext } from "./command";
import { COMMANDS } from "./commands";

function usage(): string {
  const lines = Object.entries(COMMANDS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: redline <command> [options]\n\ncommands:\n${lines.join("\n")}\n`;
}

/** Runs one CLI invocation; returns the process exit code. */
export async function runCli(argv: string[], ctx: CommandContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    ctx.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  // Own properties only: `redline toString` is an unknown command, not Object.prototype's.
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (entry === undefined) {
    ctx.stderr.write(`redline: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const mod = await entry.load();
  return mod.run(rest, ctx);
}
