/**
 * Plain ustar files taken apart and put back by hand, for tests that tamper
 * with evidence bundles: a second reader of the format, independent of the
 * library that wrote it, and a way to reorder, drop or rewrite entries.
 */

export interface TarEntry {
  name: string;
  /** The entry's 512-byte header as written. */
  header: Buffer;
  data: Buffer;
}

const BLOCK = 512;

export function splitTar(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
    const size = parseInt(header.subarray(124, 136).toString("ascii").replace(/\0.*$/s, "").trim(), 8);
    const data = tar.subarray(at + BLOCK, at + BLOCK + size);
    entries.push({ name, header: Buffer.from(header), data: Buffer.from(data) });
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}

/** Writes entries back, rewriting each header's size and checksum for its (maybe changed) data. */
export function joinTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const header = Buffer.from(e.header);
    header.write(`${e.data.length.toString(8).padStart(11, "0")}\0`, 124, 12, "ascii");
    header.fill(" ", 148, 156);
    const sum = header.reduce((a, b) => a + b, 0);
    header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8, "ascii");
    parts.push(header, e.data, Buffer.alloc((BLOCK - (e.data.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}
