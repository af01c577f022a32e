/**
 * Room-level scoring of alerts against ground truth. A room counts as
 * detected for a subcategory when any alert of that subcategory names it;
 * delay is from the attack's first action to the first such alert, in
 * event time.
 */
import type { Alert } from "@redline/proto";
import type { RoomTruth } from "@redline/simulator";

export const SUBCATEGORIES = ["FAKE_LIKES", "FAKE_VIEWS", "FAKE_FOLLOWS", "FAKE_ORDERS"] as const;

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function confusion(tp: number, fp: number, fn: number): Confusion {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision: round(precision), recall: round(recall), f1: round(f1) };
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** One labelled attack and what the engine made of it. */
export interface Detection {
  roomId: string;
  subcategory: string;
  style: string;
  size: string;
  hardNegative: string | null;
  detected: boolean;
  delayS: number | null;
  bots: number;
  actionsPerMinute: number;
  roomShare: number;
}

export interface RoomScoring {
  perSubcategory: Record<string, Confusion & { medianDelayS: number | null }>;
  category: Confusion & { medianDelayS: number | null };
  falsePositivesByHardNegative: Record<string, { rooms: number; roomsWithFalseAlert: number }>;
  falsePositivesByRoomSize: Record<string, { rooms: number; roomsWithFalseAlert: number }>;
  detections: Detection[];
}

export function scoreRooms(truth: readonly RoomTruth[], alerts: readonly Alert[]): RoomScoring {
  const firstAlert = new Map<string, Alert>();
  for (const a of alerts) {
    const key = `${a.roomId}\u0000${a.subcategory}`;
    const prev = firstAlert.get(key);
    if (prev === undefined || a.eventTimeMs < prev.eventTimeMs) firstAlert.set(key, a);
  }
  const counts = new Map<string, { tp: number; fp: number; fn: number; delays: number[] }>(SUBCATEGORIES.map((s) => [s, { tp: 0, fp: 0, fn: 0, delays: [] }]));
  const cat = { tp: 0, fp: 0, fn: 0, delays: [] as number[] };
  const byNegative: RoomScoring["falsePositivesByHardNegative"] = {};
  const bySize: RoomScoring["falsePositivesByRoomSize"] = {};
  const detections: Detection[] = [];
  for (const room of truth) {
    let falseAlert = false;
    let roomFirstDelay: number | null = null;
    for (const sub of SUBCATEGORIES) {
      const label = room.labels.find((l) => l.subcategory === sub);
      const alert = firstAlert.get(`${room.roomId}\u0000${sub}`);
      const c = counts.get(sub)!;
      if (label !== undefined) {
        const delayS = alert !== undefined ? (alert.eventTimeMs - label.attackStartMs) / 1000 : null;
        if (alert !== undefined) {
          c.tp++;
          c.delays.push(delayS!);
          if (roomFirstDelay === null || delayS! < roomFirstDelay) roomFirstDelay = delayS;
        } else c.fn++;
        detections.push({
          roomId: room.roomId, subcategory: sub, style: label.style, size: room.size, hardNegative: room.hardNegative,
          detected: alert !== undefined, delayS: delayS === null ? null : round(delayS, 1),
          bots: label.intensity.bots, actionsPerMinute: label.intensity.actionsPerMinute, roomShare: label.intensity.roomShare,
        });
      } else if (alert !== undefined) {
        c.fp++;
        falseAlert = true;
      }
    }
    const labelled = room.labels.length > 0;
    const alerted = SUBCATEGORIES.some((s) => firstAlert.has(`${room.roomId}\u0000${s}`));
    if (labelled && alerted) {
      cat.tp++;
      if (roomFirstDelay !== null) cat.delays.push(roomFirstDelay);
    } else if (labelled) cat.fn++;
    else if (alerted) cat.fp++;
    if (room.hardNegative !== null) {
      const n = (byNegative[room.hardNegative] ??= { rooms: 0, roomsWithFalseAlert: 0 });
      n.rooms++;
      if (falseAlert) n.roomsWithFalseAlert++;
    }
    if (!labelled && room.hardNegative === null) {
      const s = (bySize[room.size] ??= { rooms: 0, roomsWithFalseAlert: 0 });
      s.rooms++;
      if (falseAlert) s.roomsWithFalseAlert++;
    }
  }
  const perSubcategory: RoomScoring["perSubcategory"] = {};
  for (const [sub, c] of counts) perSubcategory[sub] = { ...confusion(c.tp, c.fp, c.fn), medianDelayS: nullableRound(median(c.delays)) };
  return {
    perSubcategory,
    category: { ...confusion(cat.tp, cat.fp, cat.fn), medianDelayS: nullableRound(median(cat.delays)) },
    falsePositivesByHardNegative: byNegative,
    falsePositivesByRoomSize: bySize,
    detections,
  };
}

function nullableRound(x: number | null): number | null {
  return x === null ? null : round(x, 1);
}

export interface IntensityBucket {
  style: string;
  measure: "bots" | "actionsPerMinute" | "roomShare";
  from: number;
  to: number;
  attacks: number;
  recall: number;
}

/** Recall per style in quartiles of each intensity measure, weakest first. */
export function recallByIntensity(detections: readonly Detection[], buckets = 4): IntensityBucket[] {
  const out: IntensityBucket[] = [];
  const styles = [...new Set(detections.map((d) => d.style))].sort();
  for (const style of styles) {
    const ds = detections.filter((d) => d.style === style);
    for (const measure of ["bots", "actionsPerMinute", "roomShare"] as const) {
      const sorted = [...ds].sort((a, b) => a[measure] - b[measure]);
      for (let b = 0; b < buckets; b++) {
        const slice = sorted.slice(Math.floor((b * sorted.length) / buckets), Math.floor(((b + 1) * sorted.length) / buckets));
        if (slice.length === 0) continue;
        out.push({ style, measure, from: slice[0]![measure], to: slice[slice.length - 1]![measure], attacks: slice.length, recall: round(slice.filter((d) => d.detected).length / slice.length) });
      }
    }
  }
  return out;
}

/** Per style: the weakest attack detected and the strongest one missed, on each measure. */
export function weakestDetected(detections: readonly Detection[]): Record<string, { detectedMin: Partial<Record<"bots" | "actionsPerMinute" | "roomShare", number>>; missedMax: Partial<Record<"bots" | "actionsPerMinute" | "roomShare", number>> }> {
  const out: ReturnType<typeof weakestDetected> = {};
  for (const d of detections) {
    const e = (out[d.style] ??= { detectedMin: {}, missedMax: {} });
    for (const m of ["bots", "actionsPerMinute", "roomShare"] as const) {
      if (d.detected) e.detectedMin[m] = Math.min(e.detectedMin[m] ?? Infinity, d[m]);
      else e.missedMax[m] = Math.max(e.missedMax[m] ?? -Infinity, d[m]);
    }
  }
  return out;
}

/**
 * Area under the ROC curve of scores `positive` against `negative`: the chance that a positive outscores a
 * negative, ties counted half (the Mann-Whitney statistic). NaN when either side is empty.
 */
export function auc(positive: readonly number[], negative: readonly number[]): number {
  if (positive.length === 0 || negative.length === 0) return Number.NaN;
  let wins = 0;
  for (const p of positive) for (const n of negative) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positive.length * negative.length);
}
