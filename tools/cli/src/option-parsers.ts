import { InvalidArgumentError } from "commander";

/** Option value parsers for commander: each refuses a bad value with a sentence, which commander prints after the flag. */
export function integerAtLeast(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isInteger(n) || n < min) {
      throw new InvalidArgumentError(min === 0 ? "must be a non-negative integer." : min === 1 ? "must be a positive integer." : `must be an integer >= ${min}.`);
    }
    return n;
  };
}

export function numberAtLeast(min: number, exclusive = false): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || (exclusive ? n <= min : n < min)) {
      throw new InvalidArgumentError(`must be a number ${exclusive ? ">" : ">="} ${min}.`);
    }
    return n;
  };
}

/** `LO,HI` with 0 <= LO <= HI <= 1. */
export function unitRange(value: string): [number, number] {
  const parts = value.split(",").map((p) => (p.trim() === "" ? Number.NaN : Number(p)));
  const [lo, hi] = parts;
  if (parts.length !== 2 || !(lo! >= 0 && hi! <= 1 && lo! <= hi!)) throw new InvalidArgumentError("must be LO,HI with 0 <= LO <= HI <= 1.");
  return [lo!, hi!];
}

/** For repeatable options: `--room a --room b` → ["a", "b"]. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * A point in time as Unix milliseconds or ISO 8601 (`2026-12-03`, `2026-12-03T08:00:00Z`,
 * `2026-12-03T16:00+08:00`); a time of day without a zone is refused rather than read in the machine's zone.
 */
export function instant(value: string): number {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const hasTime = v.includes("T");
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(v);
  const ms = Date.parse(v);
  if (Number.isNaN(ms) || (hasTime && !hasZone)) {
    throw new InvalidArgumentError("must be Unix milliseconds or ISO 8601 with a zone (2026-12-03T08:00:00Z).");
  }
  return ms;
}
