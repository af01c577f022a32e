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
