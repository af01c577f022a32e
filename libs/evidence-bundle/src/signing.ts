import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { EvidenceKeyError } from "./errors";

/**
 * Reads an Ed25519 private key in PEM (PKCS#8, as `openssl genpkey -algorithm
 * ed25519` writes it). Anything else is refused: the bundle format names
 * Ed25519, and a verifier must not have to guess.
 */
export function parseSigningKey(pem: string | Buffer, source = "the signing key"): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new EvidenceKeyError(`${source} is not a PEM private key`, err);
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new EvidenceKeyError(`${source} is a ${key.asymmetricKeyType ?? "symmetric"} key; evidence bundles are signed with Ed25519`);
  }
  return key;
}

/** The public half as base64 DER SubjectPublicKeyInfo: one line, easy to publish and paste. */
export function publicKeyText(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return pub.export({ type: "spki", format: "der" }).toString("base64");
}

/** Reads a public key given as base64 DER (what `publicKeyText` prints) or as PEM. */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith("-----BEGIN")
      ? createPublicKey(trimmed)
      : createPublicKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "spki" });
  } catch (err) {
    throw new EvidenceKeyError("the public key is neither base64 DER (as `redline evidence key` prints) nor PEM", err);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new EvidenceKeyError(`the public key is ${key.asymmetricKeyType ?? "unknown"}, not Ed25519`);
  return key;
}

export function signText(text: string, key: KeyObject): string {
  // Ed25519 hashes internally: the algorithm argument must be null.
  return sign(null, Buffer.from(text, "utf8"), key).toString("base64");
}

export function verifyText(text: string, signatureBase64: string, key: KeyObject): boolean {
  const signature = Buffer.from(signatureBase64, "base64");
  if (signature.length !== 64) return false;
  return verify(null, Buffer.from(text, "utf8"), key, signature);
}
