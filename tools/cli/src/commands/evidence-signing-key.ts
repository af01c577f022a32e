import { readFileSync } from "node:fs";
import type { KeyObject } from "node:crypto";
import { ConfigError, EnvReader } from "@redline/common";
import { parseSigningKey } from "@redline/evidence-bundle";

export const SIGNING_KEY_VARIABLE = "REDLINE_EVIDENCE_SIGNING_KEY_FILE";

/**
 * The configured Ed25519 signing key, read from the PEM file that
 * REDLINE_EVIDENCE_SIGNING_KEY_FILE names. The key itself never sits in the
 * environment, where child processes and crash dumps would see it.
 * Throws ConfigError naming the variable, or EvidenceKeyError naming the file.
 */
export function loadSigningKey(env: Readonly<Record<string, string | undefined>>): KeyObject {
  const file = new EnvReader(env).optionalString(SIGNING_KEY_VARIABLE);
  if (file === undefined || file.trim() === "") {
    throw new ConfigError(SIGNING_KEY_VARIABLE, "must name an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519 -out evidence.pem)");
  }
  let pem: Buffer;
  try {
    pem = readFileSync(file);
  } catch (err) {
    throw new ConfigError(SIGNING_KEY_VARIABLE, `names '${file}', which cannot be read: ${(err as Error).message}`);
  }
  return parseSigningKey(pem, `${SIGNING_KEY_VARIABLE} (${file})`);
}
