import type { KeyObject } from "node:crypto";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pack as tarPack, type Pack } from "tar-stream";
import { BUNDLE_FORMAT, HashChain, MANIFEST_ENTRY, sha256Hex, signedText, type Manifest } from "./manifest";
import { publicKeyText, signText } from "./signing";

export interface BundleSummary {
  itemCount: number;
  headHash: string;
  publicKey: string;
}

const ITEM_NAME = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

/**
 * Writes a bundle as a tar stream: items in the order added, then the signed
 * manifest as the last entry. Only the running chain and the list of item
 * hashes are held, so a bundle of any size streams through in bounded memory;
 * `addItem` resolves once the output has taken the item (backpressure).
 */
export class EvidenceBundleWriter {
  private readonly pack: Pack = tarPack();
  private readonly chain = new HashChain();
  private readonly piped: Promise<void>;
  private finished = false;

  constructor(
    out: Writable,
    private readonly signingKey: KeyObject,
    /** The entries' modification time: the export's time, so the same export writes the same bytes. */
    private readonly mtime: Date,
  ) {
    this.piped = pipeline(this.pack, out);
    // Surfaced by finish(); an early failure also rejects the pending addItem through the entry callback.
    this.piped.catch(() => undefined);
  }

  async addItem(name: string, content: Buffer): Promise<void> {
    if (this.finished) throw new Error("bundle already finished");
    if (!ITEM_NAME.test(name) || name === MANIFEST_ENTRY) throw new Error(`not a valid item name: ${JSON.stringify(name)}`);
    this.chain.add(name, content.length, sha256Hex(content));
    await this.entry(name, content);
  }

  get itemCount(): number {
    return this.chain.items.length;
  }

  /** Signs the head hash and item count, writes the manifest, ends the tar and waits for the output to finish. */
  async finish(): Promise<BundleSummary> {
    if (this.finished) throw new Error("bundle already finished");
    this.finished = true;
    const headHash = this.chain.headHash;
    const itemCount = this.chain.items.length;
    const text = signedText(headHash, itemCount);
    const publicKey = publicKeyText(this.signingKey);
    const manifest: Manifest = {
      format: BUNDLE_FORMAT,
      hashAlgorithm: "sha256",
      itemCount,
      headHash,
      items: [...this.chain.items],
      signature: { algorithm: "Ed25519", publicKey, signedText: text, value: signText(text, this.signingKey) },
    };
    await this.entry(MANIFEST_ENTRY, Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`, "utf8"));
    this.pack.finalize();
    await this.piped;
    return { itemCount, headHash, publicKey };
  }

  private entry(name: string, content: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pack.entry({ name, size: content.length, mtime: this.mtime, mode: 0o644 }, content, (err) => (err ? reject(err) : resolve()));
    });
  }
}
