/**
 * What one kind's window shows as a whole, for the fitted combiner (combiner.ts): for each tell, the share of
 * the window's recent activity carried by accounts that show it, the shares carried by accounts with any tell
 * and with a suspicious weight of tells, and the window's size. The cohort rule (cohort.ts) counts accounts
 * that each show two tells; these shares also see a room where many accounts each show one (a real person paid
 * to order and refund, a phone behind a proxy), which no single account makes suspicious.
 */
import { TELLS } from "./tells";

export const WINDOW_FEATURES = [...TELLS.map((t) => `share_${t}`), "share_any_tell", "share_suspicious", "share_left", "share_never_liked", "log_active"] as const;

export type WindowFeatureName = (typeof WINDOW_FEATURES)[number];

const ANY = TELLS.length;
const SUSPICIOUS = TELLS.length + 1;
const LEFT = TELLS.length + 2;
const NEVER_LIKED = TELLS.length + 3;
const LOG_ACTIVE = TELLS.length + 4;

/** Sums one window's activity by tell while its accounts are judged, then turns the sums into shares. */
export class WindowFeatureSums {
  readonly values = new Float64Array(WINDOW_FEATURES.length);
  private total = 0;
  private active = 0;
  private finished = false;

  reset(): this {
    this.values.fill(0);
    this.total = 0;
    this.active = 0;
    this.finished = false;
    return this;
  }

  /**
   * One account of the window: its decayed activity weight, its tells' mask, whether it is suspicious, whether
   * it has left the room and whether it ever liked here (a funnel: paid buyers who come, buy and go, silent).
   */
  add(weight: number, mask: number, suspicious: boolean, left: boolean, liked: boolean): void {
    this.total += weight;
    this.active++;
    if (left) this.values[LEFT]! += weight;
    if (!liked) this.values[NEVER_LIKED]! += weight;
    if (mask === 0) return;
    // Only the set bits: this runs for every judged account with a tell, at every measure (#15).
    for (let m = mask; m !== 0; m &= m - 1) this.values[31 - Math.clz32(m & -m)]! += weight;
    this.values[ANY]! += weight;
    if (suspicious) this.values[SUSPICIOUS]! += weight;
  }

  /** An account in the window whose tells are not read yet (a viewer not settled): it only dilutes. */
  addUnjudged(weight: number): void {
    this.total += weight;
    this.active++;
  }

  get accounts(): number {
    return this.active;
  }

  /** The shares (0-1) and log(1 + accounts), made once: a second call returns the same values. */
  finish(): Float64Array {
    const v = this.values;
    if (this.finished) return v;
    this.finished = true;
    const inv = this.total > 0 ? 1 / this.total : 0;
    for (let i = 0; i < LOG_ACTIVE; i++) v[i]! *= inv;
    v[LOG_ACTIVE] = Math.log1p(this.active);
    return v;
  }
}
