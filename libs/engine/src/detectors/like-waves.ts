/**
 * Likes fired in waves by one controller (threat model §2: emulator racks and cloud phones run one script,
 * so their accounts act in the same second, every few seconds, however aged and spread their identities).
 * A *wave second* is one in which at least `waveMinAccounts` accounts liked while one of the three seconds
 * before it held at most a `waveQuietRatio`-th as many: a crowd out of a lull. People tapping along in a
 * storm fill the seconds around them, so only a storm's first seconds are wave seconds; a fleet on a clock
 * goes quiet between its waves and starts every wave out of a lull. Consecutive wave seconds make one wave.
 * An account that likes once per wave, and almost only in waves, keeps time with a fleet (`tells.ts`,
 * `lockstep_likes`): a fan answering a host's cue taps a few times over the seconds after it, so most of its
 * like seconds fall in a wave it already liked in, or after it.
 *
 * A second is judged when the room's first like of a later second is applied (events are applied in event
 * time), from counts already known, so the service and replay judge it the same way.
 */
import type { AccountSlot } from "../room-state";

export interface LikeBeat {
  /** The second (epoch s) being counted, and the accounts that liked in it (each once). */
  second: number;
  liked: string[];
  /** Accounts that liked in each of the three seconds before `second`, latest first. */
  before: [number, number, number];
  /** Waves so far (a wave: consecutive wave seconds), and the latest wave second (-1 none). */
  waves: number;
  lastWaveSecond: number;
}

export interface WaveLimits {
  waveMinAccounts: number;
  waveQuietRatio: number;
}

/** Accounts counted per second; a second past it is busy enough that the count is no longer needed exactly. */
const MAX_COUNTED_PER_SECOND = 1_024;

export const newLikeBeat = (second: number): LikeBeat => ({ second, liked: [], before: [0, 0, 0], waves: 0, lastWaveSecond: -1 });

/**
 * Counts a like of `userId` at `timeMs`. Closes the counted second first when the like belongs to a later
 * one, crediting each of its accounts (through `slotOf`) with a wave like when it was a wave second, once
 * per wave. A like dated before the counted second (a late event) is not counted.
 */
export function countLike(beat: LikeBeat, userId: string, slot: AccountSlot, timeMs: number, limits: Readonly<WaveLimits>, slots: ReadonlyMap<string, AccountSlot>): void {
  const second = Math.floor(timeMs / 1_000);
  if (second < beat.second) return;
  if (second > beat.second) closeSecond(beat, second, limits, slots);
  if (slot.likeSecond === second || beat.liked.length >= MAX_COUNTED_PER_SECOND) return;
  slot.likeSecond = second;
  slot.likeSeconds = (slot.likeSeconds ?? 0) + 1;
  beat.liked.push(userId);
}

function closeSecond(beat: LikeBeat, next: number, limits: Readonly<WaveLimits>, slots: ReadonlyMap<string, AccountSlot>): void {
  const count = beat.liked.length;
  if (isWaveSecond(count, beat.before, limits)) {
    if (beat.lastWaveSecond !== beat.second - 1) beat.waves++;
    beat.lastWaveSecond = beat.second;
    for (const userId of beat.liked) {
      const slot = slots.get(userId);
      if (slot === undefined || slot.likeWave === beat.waves) continue;
      slot.likeWave = beat.waves;
      slot.waveLikes = (slot.waveLikes ?? 0) + 1;
    }
  }
  const [b1, b2] = beat.before;
  const elapsed = next - beat.second;
  beat.before = elapsed === 1 ? [count, b1, b2] : elapsed === 2 ? [0, count, b1] : elapsed === 3 ? [0, 0, count] : [0, 0, 0];
  beat.second = next;
  beat.liked = [];
}

export function isWaveSecond(count: number, before: readonly [number, number, number], limits: Readonly<WaveLimits>): boolean {
  return count >= limits.waveMinAccounts && Math.min(before[0], before[1], before[2]) * limits.waveQuietRatio <= count;
}
