import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { EvidenceBundleWriter, publicKeyText } from "@redline/evidence-bundle";
import type { CommandContext } from "../command";
import { instant } from "../option-parsers";
import { runCli } from "../run-cli";

const dir = mkdtempSync(join(tmpdir(), "redline-evidence-cli-"));
const { privateKey } = generateKeyPairSync("ed25519");
const keyFile = join(dir, "evidence.pem");
writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));

function context(env: NodeJS.ProcessEnv = { REDLINE_EVIDENCE_SIGNING_KEY_FILE: keyFile }) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: "", err: "" };
  stdout.on("data", (c: Buffer) => (chunks.out += c.toString()));
  stderr.on("data", (c: Buffer) => (chunks.err += c.toString()));
  const ctx: CommandContext = { stdin: new PassThrough(), stdout, stderr, env };
  return { ctx, chunks };
}

async function bundleFile(name: string, items: [string, string][]): Promise<string> {
  const file = join(dir, name);
  const { createWriteStream } = await import("node:fs");
  const writer = new EvidenceBundleWriter(createWriteStream(file), privateKey, new Date(0));
  for (const [n, text] of items) await writer.addItem(n, Buffer.from(text));
  await writer.finish();
  return file;
}

describe("redline evidence key", () => {
  it("prints the configured key's public half, and names the variable when it is missing or not Ed25519", async () => {
    const ok = context();
    expect(await runCli(["evidence", "key"], ok.ctx)).toBe(0);
    expect(ok.chunks.out).toBe(`${publicKeyText(privateKey)}\n`);

    const missing = context({});
    expect(await runCli(["evidence", "key"], missing.ctx)).toBe(1);
    expect(missing.chunks.err).toContain("REDLINE_EVIDENCE_SIGNING_KEY_FILE must name an Ed25519 private key");

    const rsaFile = join(dir, "rsa.pem");
    writeFileSync(rsaFile, generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }));
    const rsa = context({ REDLINE_EVIDENCE_SIGNING_KEY_FILE: rsaFile });
    expect(await runCli(["evidence", "key"], rsa.ctx)).toBe(1);
    expect(rsa.chunks.err).toContain("is a rsa key; evidence bundles are signed with Ed25519");
  });
});

describe("redline evidence verify", () => {
  it("exits 0 on a good bundle with the key as text or as a file, 1 naming what broke otherwise", async () => {
    const file = await bundleFile("good.tar", [["bundle.json", "{}"], ["alerts/000001.jsonl", '{"alertId":"a"}\n']]);
    const ok = context();
    expect(await runCli(["evidence", "verify", file, "--public-key", publicKeyText(privateKey)], ok.ctx)).toBe(0);
    expect(ok.chunks.out).toMatch(/^verified .*good\.tar: 2 items, head [0-9a-f]{64}, signed by the given key\n$/);
    const pubFile = join(dir, "evidence.pub");
    writeFileSync(pubFile, `${publicKeyText(privateKey)}\n`);
    expect(await runCli(["evidence", "verify", file, "--public-key", pubFile], context().ctx)).toBe(0);

    const bytes = readFileSync(file);
    const at = bytes.indexOf('{"alertId":"a"}');
    bytes[at + 12] = "b".charCodeAt(0);
    const edited = join(dir, "edited.tar");
    writeFileSync(edited, bytes);
    const bad = context();
    expect(await runCli(["evidence", "verify", edited, "--public-key", publicKeyText(privateKey)], bad.ctx)).toBe(1);
    expect(bad.chunks.err).toContain("item 2 'alerts/000001.jsonl' was edited");
  });

  it("tells an unreadable file and a bad key from a broken bundle", async () => {
    const gone = context();
    expect(await runCli(["evidence", "verify", join(dir, "nope.tar"), "--public-key", publicKeyText(privateKey)], gone.ctx)).toBe(1);
    expect(gone.chunks.err).toContain("cannot read");
    const badKey = context();
    expect(await runCli(["evidence", "verify", join(dir, "nope.tar"), "--public-key", "not-a-key"], badKey.ctx)).toBe(2);
    expect(badKey.chunks.err).toContain("--public-key: the public key is neither base64 DER");
  });
});

describe("redline evidence export (command line)", () => {
  it("refuses flags that do not make a scope, before touching the archive", async () => {
    const out = join(dir, "x.tar");
    const none = context();
    expect(await runCli(["evidence", "export", "--out", out], none.ctx)).toBe(2);
    expect(none.chunks.err).toContain("give --alert ID, or --room ID with --from and --to");
    const both = context();
    expect(await runCli(["evidence", "export", "--alert", "a", "--room", "r", "--out", out], both.ctx)).toBe(2);
    expect(both.chunks.err).toContain("cannot be used with option '--room");
    const noTo = context();
    expect(await runCli(["evidence", "export", "--room", "r", "--from", "2026-12-01", "--out", out], noTo.ctx)).toBe(2);
    expect(noTo.chunks.err).toContain("--room needs --from and --to");
    const localTime = context();
    expect(await runCli(["evidence", "export", "--room", "r", "--from", "2026-12-01T08:00", "--to", "1", "--out", out], localTime.ctx)).toBe(2);
    expect(localTime.chunks.err).toContain("ISO 8601 with a zone");
    const noKey = context({});
    expect(await runCli(["evidence", "export", "--alert", "a", "--out", out], noKey.ctx)).toBe(2);
    expect(noKey.chunks.err).toContain("REDLINE_EVIDENCE_SIGNING_KEY_FILE");
  });

  it("reads times as Unix ms or zoned ISO 8601", () => {
    expect(instant("1764748800000")).toBe(1764748800000);
    expect(instant("2026-12-03T08:00:00+08:00")).toBe(Date.UTC(2026, 11, 3, 0));
    expect(instant("2026-12-03")).toBe(Date.UTC(2026, 11, 3));
    expect(() => instant("yesterday")).toThrow("ISO 8601");
  });
});
