import { generateKeyPairSync } from "node:crypto";
import { PassThrough, Readable } from "node:stream";
import { extract as tarExtract, pack as tarPack } from "tar-stream";
import { EvidenceBundleWriter } from "./bundle-writer";
import { verifyBundle } from "./bundle-verifier";
import { BundleVerificationError, type BundleDefect } from "./errors";
import { chainLink, CHAIN_ROOT, sha256Hex, signedText, type Manifest } from "./manifest";
import { parsePublicKey, parseSigningKey, publicKeyText } from "./signing";

const { privateKey } = generateKeyPairSync("ed25519");
const other = generateKeyPairSync("ed25519").privateKey;
const publicKey = parsePublicKey(publicKeyText(privateKey));

interface Entry {
  name: string;
  data: Buffer;
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function writeBundle(items: Entry[]): Promise<Buffer> {
  const out = new PassThrough();
  const bytes = collect(out);
  const writer = new EvidenceBundleWriter(out, privateKey, new Date(0));
  for (const i of items) await writer.addItem(i.name, i.data);
  await writer.finish();
  return bytes;
}

async function untar(tar: Buffer): Promise<Entry[]> {
  const extract = tarExtract();
  Readable.from([tar]).pipe(extract);
  const entries: Entry[] = [];
  for await (const e of extract) entries.push({ name: e.header.name, data: await collect(e) });
  return entries;
}

async function retar(entries: Entry[]): Promise<Buffer> {
  const pack = tarPack();
  const bytes = collect(pack);
  for (const e of entries) pack.entry({ name: e.name, mtime: new Date(0) }, e.data);
  pack.finalize();
  return bytes;
}

const items: Entry[] = ["bundle.json", "alerts/000001.jsonl", "events/000001.jsonl", "events/000002.jsonl", "summary.json"].map((name, i) => ({
  name,
  data: Buffer.from(`{"item":${i},"name":"${name}"}\n`),
}));

async function defectOf(tar: Buffer, key = publicKey): Promise<{ defect: BundleDefect; message: string }> {
  try {
    await verifyBundle(Readable.from([tar]), key);
  } catch (err) {
    if (err instanceof BundleVerificationError) return { defect: err.defect, message: err.message };
    throw err;
  }
  throw new Error("the bundle verified");
}

const manifestOf = (entries: Entry[]) => JSON.parse(entries.at(-1)!.data.toString()) as Manifest;
const withManifest = (entries: Entry[], m: Manifest): Entry[] => [...entries.slice(0, -1), { name: "manifest.json", data: Buffer.from(JSON.stringify(m)) }];

/** What someone without the key can do: make the manifest agree with the items again. */
function rechain(m: Manifest, listed: Entry[]): Manifest {
  let head = CHAIN_ROOT;
  const rebuilt = listed.map((e, i) => {
    const sha256 = sha256Hex(e.data);
    head = chainLink(head, i + 1, e.name, sha256);
    return { index: i + 1, name: e.name, bytes: e.data.length, sha256, chain: head };
  });
  return { ...m, items: rebuilt, itemCount: rebuilt.length, headHash: head, signature: { ...m.signature, signedText: signedText(head, rebuilt.length) } };
}

describe("evidence bundle", () => {
  let good: Buffer;
  let entries: Entry[];
  beforeAll(async () => {
    good = await writeBundle(items);
    entries = await untar(good);
  });

  it("round-trips: items in order, then a manifest whose chain and signature verify", async () => {
    expect(entries.map((e) => e.name)).toEqual([...items.map((i) => i.name), "manifest.json"]);
    expect(entries[2]!.data).toEqual(items[2]!.data);
    const verified = await verifyBundle(Readable.from([good]), publicKey);
    expect(verified.items).toEqual(items.map((i) => i.name));
    expect(verified.itemCount).toBe(5);
    const m = manifestOf(entries);
    expect(m.headHash).toBe(m.items.at(-1)!.chain);
    expect(m.signature.publicKey).toBe(publicKeyText(privateKey));
    // The same items, key and time write the same bytes.
    expect(await writeBundle(items)).toEqual(good);
  });

  it("names an edited item", async () => {
    const edited = entries.map((e, i) => (i === 2 ? { ...e, data: Buffer.from(e.data.toString().replace("2", "3")) } : e));
    const r = await defectOf(await retar(edited));
    expect(r.defect).toBe("ITEM_EDITED");
    expect(r.message).toContain("item 3 'events/000001.jsonl' was edited");
  });

  it("names a deleted item, in the middle and at the end", async () => {
    const middle = await defectOf(await retar(entries.filter((_, i) => i !== 1)));
    expect(middle.defect).toBe("ITEM_MISSING");
    expect(middle.message).toContain("item 2 'alerts/000001.jsonl' is missing");
    const last = await defectOf(await retar(entries.filter((_, i) => i !== items.length - 1)));
    expect(last.defect).toBe("ITEM_MISSING");
    expect(last.message).toContain("item 5 'summary.json' is missing");
  });

  it("names reordered items", async () => {
    const swapped = [entries[0]!, entries[3]!, entries[2]!, entries[1]!, ...entries.slice(4)];
    const r = await defectOf(await retar(swapped));
    expect(r.defect).toBe("ITEMS_REORDERED");
    expect(r.message).toContain("position 2 holds 'events/000002.jsonl' but the manifest lists 'alerts/000001.jsonl'");
  });

  it("refuses a chain recomputed without the key: after an edit, after dropping the last item", async () => {
    const edited = entries.slice(0, -1).map((e, i) => (i === 1 ? { ...e, data: Buffer.from("{}\n") } : e));
    const r = await defectOf(await retar(withManifest([...edited, entries.at(-1)!], rechain(manifestOf(entries), edited))));
    expect(r.defect).toBe("SIGNATURE_INVALID");
    expect(r.message).toContain("recomputed");
    const shorter = entries.slice(0, items.length - 1);
    const dropped = await defectOf(await retar(withManifest([...shorter, entries.at(-1)!], rechain(manifestOf(entries), shorter))));
    expect(dropped.defect).toBe("SIGNATURE_INVALID");
  });

  it("names a manifest edited without recomputing its chain, a missing manifest and an appended entry", async () => {
    const m = manifestOf(entries);
    m.items[1]!.sha256 = sha256Hex("forged");
    const broken = await defectOf(await retar(withManifest(entries, m)));
    expect(broken.defect).toBe("CHAIN_BROKEN");
    expect(broken.message).toContain("item 2 'alerts/000001.jsonl'");
    expect((await defectOf(await retar(entries.slice(0, -1)))).defect).toBe("MANIFEST_MISSING");
    expect((await defectOf(await retar([...entries, { name: "extra.json", data: Buffer.from("{}") }]))).defect).toBe("ENTRY_AFTER_MANIFEST");
    expect((await defectOf(await retar([{ name: "extra.json", data: Buffer.from("{}") }, ...entries]))).defect).toBe("ITEMS_REORDERED");
  });

  it("tells a bundle signed by another key from a forged one", async () => {
    const r = await defectOf(good, parsePublicKey(publicKeyText(other)));
    expect(r.defect).toBe("SIGNED_BY_ANOTHER_KEY");
    expect((await defectOf(Buffer.from("not a tar at all".repeat(64)))).defect).toBe("NOT_A_BUNDLE");
  });
});

describe("evidence keys", () => {
  it("reads an Ed25519 PEM key and refuses other kinds", () => {
    const pem = privateKey.export({ type: "pkcs8", format: "pem" });
    expect(publicKeyText(parseSigningKey(pem))).toBe(publicKeyText(privateKey));
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" });
    expect(() => parseSigningKey(rsa, "REDLINE_EVIDENCE_SIGNING_KEY_FILE")).toThrow(/rsa key; evidence bundles are signed with Ed25519/);
    expect(() => parseSigningKey("garbage")).toThrow(/not a PEM private key/);
    expect(() => parsePublicKey("AAAA")).toThrow(/neither base64 DER/);
    const publicPem = parsePublicKey(publicKeyText(privateKey)).export({ type: "spki", format: "pem" }).toString();
    expect(publicKeyText(parsePublicKey(publicPem))).toBe(publicKeyText(privateKey));
  });
});
