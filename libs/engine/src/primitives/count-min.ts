/**
 * Count-min sketch: per-key counts in fixed memory that never undercount.
 * Rows are indexed by double hashing (Kirsch–Mitzenmacher) from one 32-bit
 * hash, so an add costs one string hash however deep the sketch is.
 */
export interface CountMinSketch {
  width: number;
  depth: number;
  table: Float64Array;
}

export function createCountMin(width = 256, depth = 3): CountMinSketch {
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(depth) || depth < 1) {
    throw new RangeError(`count-min width and depth must be positive integers, got ${width}x${depth}`);
  }
  return { width, depth, table: new Float64Array(width * depth) };
}

function cell(cms: CountMinSketch, hash: number, row: number): number {
  const h2 = ((hash >>> 16) | (hash << 16)) | 1;
  return row * cms.width + (((hash + Math.imul(row, h2)) >>> 0) % cms.width);
}

/** Adds `amount` to the key and returns its new estimate. */
export function cmsAdd(cms: CountMinSketch, hash: number, amount = 1): number {
  let min = Number.POSITIVE_INFINITY;
  for (let row = 0; row < cms.depth; row++) {
    const i = cell(cms, hash, row);
    const v = cms.table[i]! + amount;
    cms.table[i] = v;
    if (v < min) min = v;
  }
  return min;
}

export function cmsEstimate(cms: CountMinSketch, hash: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let row = 0; row < cms.depth; row++) {
    const v = cms.table[cell(cms, hash, row)]!;
    if (v < min) min = v;
  }
  return min;
}

/** Multiplies every count by `factor` (decay between ticks; 0 resets). */
export function cmsScale(cms: CountMinSketch, factor: number): void {
  if (factor === 0) cms.table.fill(0);
  else for (let i = 0; i < cms.table.length; i++) cms.table[i]! *= factor;
}
