/**
 * String hashing for sketches and ids. FNV-1a with a murmur3 finaliser: fast on
 * short ids, well mixed in every bit (HyperLogLog reads the top bits, count-min
 * the bottom ones), and identical on every platform so snapshots and alert ids
 * are stable across processes.
 */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 64 bits as 16 hex characters, from two independently seeded 32-bit hashes. */
export function hashHex64(text: string): string {
  return hash32(text, 0x9e3779b9).toString(16).padStart(8, "0") + hash32(text, 0x7f4a7c15).toString(16).padStart(8, "0");
}
