import type { KeyObject } from "node:crypto";
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { extract as tarExtract } from "tar-stream";
import { BundleVerificationError } from "./errors";
import { BUNDLE_FORMAT, chainLink, CHAIN_ROOT, MANIFEST_ENTRY, signedText, type Manifest, type ManifestItem } from "./manifest";
import { parsePublicKey, publicKeyText, verifyText } from "./signing";

export interface VerifiedBundle {
  itemCount: number;
  headHash: string;
  /** Item names in order. */
  items: string[];
}

interface ReadEntry {
  name: string;
  sha256: string;
}

/** A manifest bigger than this is not one we wrote; refusing it bounds memory. */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

/**
 * Checks a bundle against a public key, streaming: each entry is hashed as
 * it is read and only the hashes are kept. Throws BundleVerificationError
 * naming what broke. The manifest is checked first (its chain, then the
 * signature over head and count), then the entries against it, so an edited
 * item is told apart from a manifest rewritten without the key.
 */
export async function verifyBundle(input: Readable, publicKey: KeyObject): Promise<VerifiedBundle> {
  const { entries, manifestBytes } = await readEntries(input);
  if (manifestBytes === undefined) {
    throw new BundleVerificationError(
      "MANIFEST_MISSING",
      `${MANIFEST_ENTRY} is missing after ${entries.length} item(s): the bundle was cut short or its manifest removed`,
      { entries: entries.length },
    );
  }
  const manifest = parseManifest(manifestBytes);
  checkChain(manifest);
  checkSignature(manifest, publicKey);
  checkEntries(entries, manifest.items);
  return { itemCount: manifest.itemCount, headHash: manifest.headHash, items: manifest.items.map((i) => i.name) };
}

async function readEntries(input: Readable): Promise<{ entries: ReadEntry[]; manifestBytes?: Buffer }> {
  const extract = tarExtract();
  input.on("error", (err) => extract.destroy(err));
  input.pipe(extract);
  const entries: ReadEntry[] = [];
  let manifestBytes: Buffer | undefined;
  try {
    for await (const entry of extract) {
      const name = entry.header.name;
      if (manifestBytes !== undefined) {
        entry.resume();
        throw new BundleVerificationError("ENTRY_AFTER_MANIFEST", `entry '${name}' follows the manifest, which must be last: something was appended`, { name });
      }
      if (name === MANIFEST_ENTRY) {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of entry) {
          size += (chunk as Buffer).length;
          if (size > MAX_MANIFEST_BYTES) throw new BundleVerificationError("MANIFEST_MALFORMED", `${MANIFEST_ENTRY} is over ${MAX_MANIFEST_BYTES} bytes`);
          chunks.push(chunk as Buffer);
        }
        manifestBytes = Buffer.concat(chunks);
        continue;
      }
      const hash = createHash("sha256");
      for await (const chunk of entry) hash.update(chunk as Buffer);
      entries.push({ name, sha256: hash.digest("hex") });
    }
  } catch (err) {
    if (err instanceof BundleVerificationError) throw err;
    throw new BundleVerificationError("NOT_A_BUNDLE", `not a readable tar (${err instanceof Error ? err.message : String(err)}) after ${entries.length} item(s)`, {
      entries: entries.length,
    });
  }
  return manifestBytes === undefined ? { entries } : { entries, manifestBytes };
}

function parseManifest(bytes: Buffer): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(bytes.toString("utf8")) as Manifest;
  } catch {
    throw new BundleVerificationError("MANIFEST_MALFORMED", `${MANIFEST_ENTRY} is not JSON`);
  }
  const itemsOk =
    Array.isArray(m?.items) &&
    m.items.every((i) => typeof i?.name === "string" && typeof i.sha256 === "string" && typeof i.chain === "string" && typeof i.index === "number");
  if (m?.format !== BUNDLE_FORMAT || !itemsOk || typeof m.headHash !== "string" || typeof m.itemCount !== "number" || typeof m.signature?.value !== "string") {
    throw new BundleVerificationError("MANIFEST_MALFORMED", `${MANIFEST_ENTRY} is not a ${BUNDLE_FORMAT} manifest`);
  }
  return m;
}

function checkChain(m: Manifest): void {
  let head = CHAIN_ROOT;
  for (const [i, item] of m.items.entries()) {
    head = chainLink(head, i + 1, item.name, item.sha256);
    if (item.index !== i + 1 || item.chain !== head) {
      throw new BundleVerificationError(
        "CHAIN_BROKEN",
        `the manifest's hash chain breaks at item ${i + 1} '${item.name}': the manifest was edited`,
        { index: i + 1, name: item.name },
      );
    }
  }
  if (m.headHash !== head || m.itemCount !== m.items.length) {
    throw new BundleVerificationError(
      "CHAIN_BROKEN",
      `the manifest's head hash or item count (${m.itemCount}) does not match its ${m.items.length} listed item(s): the manifest was edited`,
    );
  }
}

function checkSignature(m: Manifest, publicKey: KeyObject): void {
  const text = signedText(m.headHash, m.itemCount);
  if (verifyText(text, m.signature.value, publicKey)) return;
  const expected = publicKeyText(publicKey);
  if (typeof m.signature.publicKey === "string" && m.signature.publicKey !== expected && verifyWithOwnKey(m, text)) {
    throw new BundleVerificationError(
      "SIGNED_BY_ANOTHER_KEY",
      `the manifest is signed by key ${m.signature.publicKey.slice(-16)}…, not by the key given (…${expected.slice(-16)})`,
    );
  }
  throw new BundleVerificationError(
    "SIGNATURE_INVALID",
    `the signature does not match the head hash ${m.headHash.slice(0, 16)}… and ${m.itemCount} item(s): the hash chain was recomputed or the manifest changed without the signing key`,
    { headHash: m.headHash, itemCount: m.itemCount },
  );
}

/** Whether the manifest is signed by the key it names: then it was re-signed by someone else, not merely tampered with. */
function verifyWithOwnKey(m: Manifest, text: string): boolean {
  try {
    return verifyText(text, m.signature.value, parsePublicKey(m.signature.publicKey));
  } catch {
    return false;
  }
}

function checkEntries(entries: readonly ReadEntry[], items: readonly ManifestItem[]): void {
  const names = new Set(entries.map((e) => e.name));
  for (let i = 0; i < Math.max(entries.length, items.length); i++) {
    const entry = entries[i];
    const item = items[i];
    const position = i + 1;
    if (item === undefined) {
      throw new BundleVerificationError("ITEM_UNLISTED", `entry ${position} '${entry!.name}' is not in the manifest: it was added`, { index: position, name: entry!.name });
    }
    if (entry === undefined || (entry.name !== item.name && !names.has(item.name))) {
      throw new BundleVerificationError("ITEM_MISSING", `item ${position} '${item.name}' is missing: it was deleted`, { index: position, name: item.name });
    }
    if (entry.name !== item.name) {
      throw new BundleVerificationError(
        "ITEMS_REORDERED",
        `position ${position} holds '${entry.name}' but the manifest lists '${item.name}' there: the items were reordered`,
        { index: position, found: entry.name, expected: item.name },
      );
    }
    if (entry.sha256 !== item.sha256) {
      throw new BundleVerificationError(
        "ITEM_EDITED",
        `item ${position} '${item.name}' was edited: its SHA-256 is ${entry.sha256.slice(0, 16)}…, the signed manifest says ${item.sha256.slice(0, 16)}…`,
        { index: position, name: item.name },
      );
    }
  }
}
