/** `redline evidence key`: prints the public key of the configured signing key, for verifiers. */
import { publicKeyText } from "@redline/evidence-bundle";
import { EXIT_CODES, type CommandContext } from "../command";
import { loadSigningKey } from "./evidence-signing-key";

export async function run(_options: object, ctx: CommandContext): Promise<number> {
  try {
    ctx.stdout.write(`${publicKeyText(loadSigningKey(ctx.env))}\n`);
    return EXIT_CODES.ok;
  } catch (err) {
    ctx.stderr.write(`redline evidence key: ${(err as Error).message}\n`);
    return EXIT_CODES.failed;
  }
}
