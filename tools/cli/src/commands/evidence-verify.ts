/** `redline evidence verify FILE --public-key K`: checks a bundle's items, chain and signature. */
import { createReadStream, existsSync, readFileSync } from "node:fs";
import type { KeyObject } from "node:crypto";
import { BundleVerificationError, parsePublicKey, verifyBundle, type VerifiedBundle } from "@redline/evidence-bundle";
import { EXIT_CODES, type CommandContext } from "../command";

export interface EvidenceVerifyOptions {
  file: string;
  /** The key as `redline evidence key` prints it, or a file holding it (base64 or PEM). */
  publicKey: string;
}

export async function run(o: EvidenceVerifyOptions, ctx: CommandContext): Promise<number> {
  let key: KeyObject;
  try {
    key = parsePublicKey(existsSync(o.publicKey) ? readFileSync(o.publicKey, "utf8") : o.publicKey);
  } catch (err) {
    ctx.stderr.write(`redline evidence verify: --public-key: ${(err as Error).message}\n`);
    return EXIT_CODES.usage;
  }
  try {
    const verified = await verifyBundleFile(o.file, key);
    ctx.stdout.write(`verified ${o.file}: ${verified.itemCount} items, head ${verified.headHash}, signed by the given key\n`);
    return EXIT_CODES.ok;
  } catch (err) {
    if (!(err instanceof BundleVerificationError)) {
      ctx.stderr.write(`redline evidence verify: cannot read ${o.file}: ${(err as Error).message}\n`);
      return EXIT_CODES.failed;
    }
    ctx.stderr.write(`redline evidence verify: ${o.file}: ${err.message}\n`);
    return EXIT_CODES.failed;
  }
}

async function verifyBundleFile(file: string, key: KeyObject): Promise<VerifiedBundle> {
  const input = createReadStream(file);
  // An unreadable file is reported as such, not as a broken bundle.
  await new Promise<void>((resolve, reject) => {
    input.once("open", () => resolve());
    input.once("error", reject);
  });
  return verifyBundle(input, key);
}
