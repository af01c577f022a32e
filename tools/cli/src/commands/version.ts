import type { CommandContext } from "../command";

export async function run(_args: string[], ctx: CommandContext): Promise<number> {
  ctx.stdout.write("redline 0.1.0 (contract redline.v1)\n");
  return 0;
}
