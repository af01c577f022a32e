import { EXIT_CODES, type CommandContext } from "../command";

export async function run(_options: unknown, ctx: CommandContext): Promise<number> {
  ctx.stdout.write("redline 0.1.0 (contract redline.v1)\n");
  return EXIT_CODES.ok;
}
