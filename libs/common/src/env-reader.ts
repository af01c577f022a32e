import { ConfigError } from "./errors";

/** The longest delay a Node timer honours: setTimeout and setInterval take anything longer as 1 ms. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * Typed reads of an environment map for `loadConfig(env)` functions. Each
 * read names the variable in its error so a bad deploy fails at start-up
 * with the fix in the message.
 */
export class EnvReader {
  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  private raw(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v.trim() === "" ? undefined : v.trim();
  }

  string(name: string, fallback?: string): string {
    const v = this.raw(name) ?? fallback;
    if (v === undefined) throw new ConfigError(name, "is required");
    return v;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, bounds: { min?: number; max?: number } = {}): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (!/^-?\d+$/.test(v)) throw new ConfigError(name, `must be an integer, got '${v}'`);
    const n = Number(v);
    // Past 2^53 the value read is not the one written (99999999999999999999 reads as 100000000000000000000).
    if (!Number.isSafeInteger(n)) throw new ConfigError(name, `must be a safe integer (at most ${Number.MAX_SAFE_INTEGER}), got '${v}'`);
    if (bounds.min !== undefined && n < bounds.min) throw new ConfigError(name, `must be ≥ ${bounds.min}, got ${n}`);
    if (bounds.max !== undefined && n > bounds.max) throw new ConfigError(name, `must be ≤ ${bounds.max}, got ${n}`);
    return n;
  }

  /**
   * An integer of milliseconds a timer waits (setTimeout, setInterval, a client's timeout): past
   * MAX_TIMER_DELAY_MS Node takes it as 1 ms, so a larger value is refused here, for every such setting.
   */
  timerMs(name: string, fallback: number, bounds: { min?: number } = {}): number {
    return this.int(name, fallback, { ...bounds, max: MAX_TIMER_DELAY_MS });
  }

  number(name: string, fallback: number, bounds: { min?: number; max?: number } = {}): number {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new ConfigError(name, `must be a number, got '${v}'`);
    if (bounds.min !== undefined && n < bounds.min) throw new ConfigError(name, `must be ≥ ${bounds.min}, got ${n}`);
    if (bounds.max !== undefined && n > bounds.max) throw new ConfigError(name, `must be ≤ ${bounds.max}, got ${n}`);
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.raw(name)?.toLowerCase();
    if (v === undefined) return fallback;
    if (["1", "true", "yes", "on"].includes(v)) return true;
    if (["0", "false", "no", "off"].includes(v)) return false;
    throw new ConfigError(name, `must be true or false, got '${v}'`);
  }

  list(name: string, fallback: readonly string[]): string[] {
    const v = this.raw(name);
    if (v === undefined) return [...fallback];
    return v.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const v = this.raw(name);
    if (v === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(v)) {
      throw new ConfigError(name, `must be one of ${allowed.join(", ")}, got '${v}'`);
    }
    return v as T;
  }
}
