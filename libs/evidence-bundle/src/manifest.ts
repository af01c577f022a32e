import { createHash } from "node:crypto";

/** The format tag: in the manifest, in the signed text and at the root of the chain. */
export const BUNDLE_FORMAT = "redline-evidence-bundle/1";

/** The tar entry holding the manifest; always the last entry. */
export const MANIFEST_ENTRY = "manifest.json";

export interface ManifestItem {
  /** 1-based position in the bundle. */
  index: number;
  /** The tar entry's name. */
  name: string;
  bytes: number;
  /** SHA-256 of the entry's bytes, hex. */
  sha256: string;
  /** The chain hash after this item, hex. */
  chain: string;
}

export interface ManifestSignature {
  algorithm: "Ed25519";
  /** The signer's public key: base64 of its DER SubjectPublicKeyInfo (what `redline evidence key` prints). */
  publicKey: string;
  /** Exactly the text that was signed (UTF-8). */
  signedText: string;
  /** base64 of the 64-byte signature. */
  value: string;
}

export interface Manifest {
  format: typeof BUNDLE_FORMAT;
  hashAlgorithm: "sha256";
  itemCount: number;
  headHash: string;
  items: ManifestItem[];
  signature: ManifestSignature;
}

export const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** The chain's value before any item: a fixed root, so an empty prefix cannot be passed off as another format's. */
export const CHAIN_ROOT = sha256Hex(BUNDLE_FORMAT);

/**
 * One link: the previous chain hash, the item's position, name and content
 * hash. Position and name are in the link so that moving an item, or
 * renaming it, changes every later link and the head.
 */
export function chainLink(previous: string, index: number, name: string, itemSha256: string): string {
  return sha256Hex(`${previous}\n${index}\n${name}\n${itemSha256}`);
}

/** The text signed: the head hash and the item count, so neither a dropped tail nor an edited middle keeps the signature. */
export function signedText(headHash: string, itemCount: number): string {
  return `${BUNDLE_FORMAT}\nitems=${itemCount}\nhead=${headHash}\n`;
}

/** Appends items and keeps the running chain; the writer and the verifier both use it. */
export class HashChain {
  private head = CHAIN_ROOT;
  private readonly list: ManifestItem[] = [];

  add(name: string, bytes: number, itemSha256: string): ManifestItem {
    const index = this.list.length + 1;
    this.head = chainLink(this.head, index, name, itemSha256);
    const item = { index, name, bytes, sha256: itemSha256, chain: this.head };
    this.list.push(item);
    return item;
  }

  get headHash(): string {
    return this.head;
  }

  get items(): readonly ManifestItem[] {
    return this.list;
  }
}
