/**
 * FAKE_LIKES: likes that no crowd of people produced. Three attack styles,
 * one signal each, so an attack that dodges one still trips another:
 * - farm phones: many accounts on one device (families share 2-4);
 * - bought accounts tapping beyond a human thumb (per-account count-min, 10 s);
 * - emulator waves: many accounts liking in the same second, then silence
 *   (a spike against the ten seconds around it; a viral ramp is not a spike),
 *   or, when waves come too often to stand out from their neighbours, a
 *   16-second frame whose per-second liker counts are far more dispersed
 *   than independent people produce (variance/mean well above Poisson's 1).
 * Fresh-account share supports but never carries an alert on its own.
 */
import { cmsAdd, cmsScale, createCountMin } from "../primitives/count-min";
import type { CountMinSketch } from "../primitives/count-min";
import { hash32 } from "../primitives/hash";
import { createSlidingWindow, swAdd, swSum } from "../primitives/sliding-window";
import type { SlidingWindow } from "../primitives/sliding-window";
import { createSpaceSaving, ssAdd } from "../primitives/space-saving";
import type { SpaceSaving } from "../primitives/space-saving";
import { normalizedEntropy, topShare } from "../primitives/concentration";
import { addEvidence } from "../evidence";
import type { EvidenceItem } from "../evidence";
import { combine, ramp, ratio } from "./scoring";
import { FAKE_LIKES } from "./finding";
import type { Finding } from "./finding";
import type { FalsificationConfig } from "./falsification-config";

const WINDOW_BUCKET_MS = 10_000;
const WINDOW_BUCKETS = 12;
const SECOND_RING = 16;
/** A second is judged once this many later seconds exist, against five either side. */
const WAVE_LOOKAHEAD_S = 6;

export interface LikeFeatures {
  taps: SlidingWindow;
  superhumanTaps: SlidingWindow;
  farmTaps: SlidingWindow;
  freshTaps: SlidingWindow;
  accountSeconds: SlidingWindow;
  waveAccountSeconds: SlidingWindow;
  dispersedAccountSeconds: SlidingWindow;
  /** Taps per account in the current 10 s window; reset at each boundary. */
  tapsPer10s: CountMinSketch;
  tapsWindowStartMs: number;
  /** Distinct likers per second for the last SECOND_RING seconds, and one event id of each. */
  secondCounts: Float64Array;
  secondEventIds: string[];
  currentSecond: number;
  /** Heaviest IP prefixes and devices by taps over the room's life (context for reviewers; CGNAT makes prefixes weak alone). */
  ipPrefixes: SpaceSaving;
  devices: SpaceSaving;
  evidence: EvidenceItem[];
}

export function createLikeFeatures(): LikeFeatures {
  const w = (): SlidingWindow => createSlidingWindow(WINDOW_BUCKET_MS, WINDOW_BUCKETS);
  return {
    taps: w(),
    superhumanTaps: w(),
    farmTaps: w(),
    freshTaps: w(),
    accountSeconds: w(),
    waveAccountSeconds: w(),
    dispersedAccountSeconds: w(),
    tapsPer10s: createCountMin(256, 2),
    tapsWindowStartMs: -1,
    secondCounts: new Float64Array(SECOND_RING),
    secondEventIds: new Array<string>(SECOND_RING).fill(""),
    currentSecond: -1,
    ipPrefixes: createSpaceSaving(16),
    devices: createSpaceSaving(16),
    evidence: [],
  };
}

export interface LikeObservation {
  eventId: string;
  timeMs: number;
  userId: string;
  taps: number;
  fresh: boolean;
  accountsOnDevice: number;
  ipPrefix: string;
  deviceId: string;
  /** True when this account has not liked yet in this second. */
  newAccountSecond: boolean;
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** Moves the per-second ring to `second`, judging each second that now has five seconds after it. */
function advanceSeconds(f: LikeFeatures, second: number, cfg: Readonly<FalsificationConfig>, maxEvidence: number): void {
  const old = f.currentSecond;
  if (old < 0) {
    f.currentSecond = second;
    return;
  }
  if (second <= old) return;
  // The ring holds exactly one frame when a frame boundary is crossed.
  const boundary = (Math.floor(old / SECOND_RING) + 1) * SECOND_RING;
  if (boundary <= second) judgeFrame(f, boundary - SECOND_RING, old, cfg);
  // Seconds after `old` saw no likes, so only seconds up to `old` can be waves.
  const lastCandidate = Math.min(second - WAVE_LOOKAHEAD_S, old);
  for (let c = old - WAVE_LOOKAHEAD_S + 1; c <= lastCandidate; c++) judgeSecond(f, c, old, cfg, maxEvidence);
  for (let s = Math.max(old + 1, second - SECOND_RING + 1); s <= second; s++) {
    f.secondCounts[s % SECOND_RING] = 0;
    f.secondEventIds[s % SECOND_RING] = "";
  }
  f.currentSecond = second;
}

function countAt(f: LikeFeatures, second: number, newest: number): number {
  return second <= newest && second > newest - SECOND_RING ? f.secondCounts[second % SECOND_RING]! : 0;
}

/** Index of dispersion of one frame's per-second liker counts. */
function judgeFrame(f: LikeFeatures, firstSecond: number, newest: number, cfg: Readonly<FalsificationConfig>): void {
  let sum = 0;
  let sumSq = 0;
  for (let s = firstSecond; s < firstSecond + SECOND_RING; s++) {
    const c = countAt(f, s, newest);
    sum += c;
    sumSq += c * c;
  }
  const mean = sum / SECOND_RING;
  if (mean < 1 || sum < cfg.waveMinAccounts * 2) return;
  const dispersion = (sumSq / SECOND_RING - mean * mean) / mean;
  if (dispersion >= cfg.waveDispersion) swAdd(f.dispersedAccountSeconds, (firstSecond + SECOND_RING - 1) * 1000, sum);
}

function judgeSecond(f: LikeFeatures, candidate: number, newest: number, cfg: Readonly<FalsificationConfig>, maxEvidence: number): void {
  const count = countAt(f, candidate, newest);
  if (count < cfg.waveMinAccounts) return;
  const neighbours: number[] = [];
  for (let d = 1; d <= 5; d++) neighbours.push(countAt(f, candidate - d, newest), countAt(f, candidate + d, newest));
  if (count < cfg.waveNeighbourRatio * Math.max(1, median(neighbours))) return;
  const timeMs = candidate * 1000;
  swAdd(f.waveAccountSeconds, timeMs, count);
  const id = f.secondEventIds[candidate % SECOND_RING]!;
  if (id !== "") addEvidence(f.evidence, { eventId: id, weight: count, timeMs }, maxEvidence);
}

export function observeLike(f: LikeFeatures, o: LikeObservation, cfg: Readonly<FalsificationConfig>, maxEvidence: number): void {
  const second = Math.floor(o.timeMs / 1000);
  advanceSeconds(f, second, cfg, maxEvidence);
  if (o.newAccountSecond) {
    swAdd(f.accountSeconds, o.timeMs, 1);
    // A late like for a second already judged cannot change that verdict.
    if (second > f.currentSecond - WAVE_LOOKAHEAD_S) {
      const slot = second % SECOND_RING;
      f.secondCounts[slot]! += 1;
      if (f.secondEventIds[slot] === "") f.secondEventIds[slot] = o.eventId;
    }
  }
  swAdd(f.taps, o.timeMs, o.taps);
  if (o.ipPrefix !== "") ssAdd(f.ipPrefixes, o.ipPrefix, o.taps);
  if (o.deviceId !== "") ssAdd(f.devices, o.deviceId, o.taps);
  const windowStart = Math.floor(o.timeMs / 10_000) * 10_000;
  if (windowStart > f.tapsWindowStartMs) {
    cmsScale(f.tapsPer10s, 0);
    f.tapsWindowStartMs = windowStart;
  }
  const accountTaps = cmsAdd(f.tapsPer10s, hash32(o.userId), o.taps);
  let suspicion = 0;
  if (accountTaps > cfg.humanMaxTapsPer10s) {
    swAdd(f.superhumanTaps, o.timeMs, o.taps);
    suspicion += accountTaps / cfg.humanMaxTapsPer10s;
  }
  if (o.accountsOnDevice >= cfg.farmAccountsPerDevice) {
    swAdd(f.farmTaps, o.timeMs, o.taps);
    suspicion += o.accountsOnDevice / cfg.farmAccountsPerDevice;
  }
  if (o.fresh) swAdd(f.freshTaps, o.timeMs, o.taps);
  if (suspicion > 0) addEvidence(f.evidence, { eventId: o.eventId, weight: suspicion, timeMs: o.timeMs }, maxEvidence);
}

export function detectFakeLikes(f: LikeFeatures, timeMs: number, cfg: Readonly<FalsificationConfig>): Finding | null {
  const taps = swSum(f.taps, timeMs);
  const superTaps = swSum(f.superhumanTaps, timeMs);
  const farmTaps = swSum(f.farmTaps, timeMs);
  const waveAccounts = Math.max(swSum(f.waveAccountSeconds, timeMs), swSum(f.dispersedAccountSeconds, timeMs));
  if (superTaps + farmTaps < cfg.minSuspiciousTaps && waveAccounts < cfg.minWaveAccounts) return null;
  const accountSeconds = swSum(f.accountSeconds, timeMs);
  const superShare = ratio(superTaps, taps);
  const farmShare = ratio(farmTaps, taps);
  const waveShare = ratio(waveAccounts, accountSeconds);
  const freshShare = ratio(swSum(f.freshTaps, timeMs), taps);
  const ipTop3Share = topShare(f.ipPrefixes.counts, f.ipPrefixes.total, 3);
  const deviceEntropy = normalizedEntropy(f.devices.counts, f.devices.total);
  const { score, signals } = combine([
    { name: "superhuman_tap_share", value: superShare, strength: ramp(superShare, 0.1, 0.35), weight: 0.9 },
    { name: "farm_device_tap_share", value: farmShare, strength: ramp(farmShare, 0.1, 0.35), weight: 0.9 },
    { name: "synchronised_wave_share", value: waveShare, strength: ramp(waveShare, 0.1, 0.35), weight: 0.85 },
    { name: "fresh_account_tap_share", value: freshShare, strength: ramp(freshShare, 0.2, 0.6), weight: 0.3 },
    { name: "ip_prefix_top3_tap_share", value: ipTop3Share, strength: ramp(ipTop3Share, 0.4, 0.8), weight: 0.1 },
    // Reported for reviewers only: a farm lowers it, but so does a small room with one keen fan.
    { name: "device_tap_entropy", value: deviceEntropy, strength: 0, weight: 0 },
  ]);
  if (score < cfg.alertScore) return null;
  return {
    subcategory: FAKE_LIKES,
    score,
    summary: `likes in the last 2 min: ${Math.round(taps)} taps, ${Math.round(superTaps)} at superhuman per-account rates, ${Math.round(farmTaps)} from farm devices, ${Math.round(waveAccounts)} account-seconds in synchronised waves`,
    signals,
    evidence: f.evidence,
  };
}
