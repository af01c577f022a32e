/**
 * HyperLogLog distinct counter on plain data (so engine state serialises as
 * is). `precision` p gives 2^p one-byte registers and ~1.04/sqrt(2^p) error.
 */
export interface HyperLogLog {
  precision: number;
  registers: Uint8Array;
}

export function createHyperLogLog(precision = 10): HyperLogLog {
  if (!Number.isInteger(precision) || precision < 4 || precision > 16) {
    throw new RangeError(`HyperLogLog precision must be an integer in [4, 16], got ${precision}`);
  }
  return { precision, registers: new Uint8Array(1 << precision) };
}

/** Adds an item by its 32-bit hash (see `hash32`). */
export function hllAdd(hll: HyperLogLog, hash: number): void {
  const p = hll.precision;
  const index = hash >>> (32 - p);
  const rest = (hash << p) >>> 0;
  // Leading zeros of the remaining 32-p bits, plus one; capped when they are all zero.
  const rank = rest === 0 ? 32 - p + 1 : Math.clz32(rest) + 1;
  if (rank > hll.registers[index]!) hll.registers[index] = rank;
}

export function hllEstimate(hll: HyperLogLog): number {
  const m = hll.registers.length;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < m; i++) {
    const r = hll.registers[i]!;
    sum += 1 / 2 ** r;
    if (r === 0) zeros++;
  }
  const alpha = m === 16 ? 0.673 : m === 32 ? 0.697 : m === 64 ? 0.709 : 0.7213 / (1 + 1.079 / m);
  const raw = (alpha * m * m) / sum;
  // Linear counting is far more accurate while many registers are still empty.
  if (raw <= 2.5 * m && zeros > 0) return m * Math.log(m / zeros);
  return raw;
}

/** Merges `other` into `into` (same precision): the union's distinct count. */
export function hllMerge(into: HyperLogLog, other: HyperLogLog): void {
  if (into.precision !== other.precision) throw new RangeError("cannot merge HyperLogLogs of different precision");
  for (let i = 0; i < into.registers.length; i++) {
    if (other.registers[i]! > into.registers[i]!) into.registers[i] = other.registers[i]!;
  }
}
