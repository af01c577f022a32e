/**
 * How the combiner is fitted, thresholded and judged before it ships (issue 12), all on development seeds:
 * - a window of a room attacked in the kind's label is positive from a minute after the attack starts (the
 *   minute before it can hardly show); windows of other rooms, and of the room before its attack, are negative;
 * - the threshold is the highest room score (a room's highest window logit) among the development rooms the
 *   combiner could only add false alerts to (no attack of the label, no MEDIUM+ alert of the label from the
 *   rules), plus a margin;
 * - a kind ships only if, with one field-generator development seed held out at a time, the combiner alone added
 *   at least `minAdded` catchable rooms the rules missed, no room without an attack, and at most `maxOtherLabel`
 *   rooms attacked in another label.
 */
import { fitLogistic, logitOf, type FitOptions, type LogisticModel, DEFAULT_FIT } from "./combiner-fit";
import type { LabelledRoom } from "./labelled-scoring";

export interface LabelledWindow {
  seed: string;
  room: LabelledRoom;
  /** Milliseconds since the room's attack started (null: no attack). */
  sinceStartMs: number | null;
  x: readonly number[];
  /** The room is attacked in the kind's label. */
  own: boolean;
  /** The rules alone alerted the room at MEDIUM+ in the kind's label. */
  ruleAlerted: boolean;
}

export const SHIP_RULE = { positiveAfterMs: 60_000, marginLogit: 0.5, minAdded: 3, maxOtherLabel: 1 } as const;

const isPositive = (w: LabelledWindow): boolean => w.own && w.sinceStartMs !== null && w.sinceStartMs >= SHIP_RULE.positiveAfterMs;
/** The attack's first minute is neither: too early to show, too late to call clean. */
const isTrainable = (w: LabelledWindow): boolean => !(w.own && w.sinceStartMs !== null && w.sinceStartMs >= 0 && w.sinceStartMs < SHIP_RULE.positiveAfterMs);

export interface RoomScore {
  key: string;
  logit: number;
  window: LabelledWindow;
}

const accountsOf = (w: LabelledWindow): number => Math.round(Math.expm1(w.x.at(-1)!)); // the last feature: log(1 + accounts)

/** The most accounts of any positive window: the combiner does not judge windows beyond what it was fitted on. */
export function maxAttackedAccounts(windows: readonly LabelledWindow[]): number {
  return windows.filter(isPositive).reduce((m, w) => Math.max(m, accountsOf(w)), 0);
}

/**
 * Each room's highest logit over the windows the combiner would judge (no more accounts than `maxAccounts`); an
 * attacked room's windows before its attack do not count for it.
 */
export function roomScores(model: Readonly<LogisticModel>, windows: readonly LabelledWindow[], maxAccounts = Infinity): RoomScore[] {
  const best = new Map<string, RoomScore>();
  for (const w of windows) {
    if ((w.own && (w.sinceStartMs ?? 0) < 0) || accountsOf(w) > maxAccounts) continue;
    const key = `${w.seed}|${w.room.roomId}`;
    const logit = logitOf(model, w.x);
    const prev = best.get(key);
    if (prev === undefined || logit > prev.logit) best.set(key, { key, logit, window: w });
  }
  return [...best.values()];
}

/** Rooms where a combiner alert would be false and new: not attacked in the label, not already alerted in it. */
const couldOnlyBeFalse = (r: RoomScore): boolean => !r.window.own && !r.window.ruleAlerted;

export function thresholdFor(rooms: readonly RoomScore[]): number {
  const top = rooms.filter(couldOnlyBeFalse).reduce((m, r) => Math.max(m, r.logit), -Infinity);
  return top + SHIP_RULE.marginLogit;
}

export interface Added {
  /** Catchable rooms of the label the rules missed and the combiner caught. */
  caught: number;
  /** Catchable rooms of the label the rules missed. */
  missed: number;
  otherLabel: number;
  innocent: number;
}

export function addedBy(rooms: readonly RoomScore[], threshold: number): Added {
  const missed = rooms.filter((r) => r.window.own && r.window.room.shouldCatch && !r.window.ruleAlerted);
  const over = (r: RoomScore) => r.logit >= threshold;
  return {
    caught: missed.filter(over).length,
    missed: missed.length,
    otherLabel: rooms.filter((r) => couldOnlyBeFalse(r) && r.window.room.label !== null && over(r)).length,
    innocent: rooms.filter((r) => r.window.room.label === null && !r.window.ruleAlerted && over(r)).length,
  };
}

export function fitWindows(windows: readonly LabelledWindow[], opts: Readonly<FitOptions> = DEFAULT_FIT): LogisticModel {
  const train = windows.filter(isTrainable);
  return fitLogistic(train.map((w) => w.x), train.map(isPositive), opts);
}

export interface HeldOut extends Added {
  seed: string;
  threshold: number;
}

/** Fits without each of `heldSeeds` in turn and counts what the combiner adds on it. */
export function leaveOneSeedOut(windows: readonly LabelledWindow[], heldSeeds: readonly string[], opts: Readonly<FitOptions> = DEFAULT_FIT): HeldOut[] {
  return heldSeeds.map((seed) => {
    const rest = windows.filter((w) => w.seed !== seed);
    const model = fitWindows(rest, opts);
    const maxAccounts = maxAttackedAccounts(rest);
    const threshold = thresholdFor(roomScores(model, rest, maxAccounts));
    return { seed, threshold, ...addedBy(roomScores(model, windows.filter((w) => w.seed === seed), maxAccounts), threshold) };
  });
}

export function ships(folds: readonly Added[]): boolean {
  const sum = (k: keyof Added) => folds.reduce((s, f) => s + f[k], 0);
  return sum("caught") >= SHIP_RULE.minAdded && sum("innocent") === 0 && sum("otherLabel") <= SHIP_RULE.maxOtherLabel;
}
