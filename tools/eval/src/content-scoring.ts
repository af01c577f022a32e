/**
 * Room-level scoring of the content detectors against the content
 * scenarios' truth. A room is detected for a category/subcategory when any
 * alert of that pair names it; a room raising a pair it is not labelled
 * with is a false positive for that pair. Account-level labels also check
 * that an alert named the right account.
 */
import { riskCategoryToJSON, RiskCategory } from "@redline/proto";
import type { Alert } from "@redline/proto";
import type { ContentRoomTruth } from "@redline/simulator";
import { confusion, median, round } from "./metrics";
import type { Confusion } from "./metrics";

export const CONTENT_CATEGORIES: readonly RiskCategory[] = [
  RiskCategory.RISK_CATEGORY_REVIEW_SUPPRESSION,
  RiskCategory.RISK_CATEGORY_MINOR_PROTECTION,
  RiskCategory.RISK_CATEGORY_HARASSMENT,
  RiskCategory.RISK_CATEGORY_DIVERSION,
  RiskCategory.RISK_CATEGORY_PROHIBITED_CONTENT,
];

export interface ContentScoring {
  /** Key `<category without RISK_CATEGORY_>/<subcategory>`. */
  perSubcategory: Record<string, Confusion & { medianDelayS: number | null }>;
  perScenario: Array<{ scenario: string; rooms: number; labelled: number; detected: number; roomsWithFalseAlert: number; falseKeys: string[] }>;
  /** Account-level labels whose account was named by an alert of the labelled pair. */
  subjects: { labelled: number; named: number };
  /** STREAMER_UNDERAGE rooms whose first alert has the room-start event's time. */
  underage: { rooms: number; flaggedOnStartEvent: number; maxDelayMs: number | null };
  selectiveDeletionByRate: Array<{ rate: number; rooms: number; recall: number }>;
  /** Falsification alerts raised in content rooms (none expected). */
  falsificationAlerts: number;
}

export function keyOf(category: RiskCategory | string, subcategory: string): string {
  const name = typeof category === "string" ? category : riskCategoryToJSON(category);
  return `${name.replace(/^RISK_CATEGORY_/, "")}/${subcategory}`;
}

export function scoreContent(truth: readonly ContentRoomTruth[], alerts: readonly Alert[]): ContentScoring {
  const byRoom = new Map<string, Alert[]>();
  let falsificationAlerts = 0;
  for (const a of alerts) {
    if (!CONTENT_CATEGORIES.includes(a.category)) {
      falsificationAlerts++;
      continue;
    }
    const list = byRoom.get(a.roomId) ?? [];
    list.push(a);
    byRoom.set(a.roomId, list);
  }
  const counts = new Map<string, { tp: number; fp: number; fn: number; delays: number[] }>();
  const count = (k: string): { tp: number; fp: number; fn: number; delays: number[] } => {
    let c = counts.get(k);
    if (c === undefined) counts.set(k, (c = { tp: 0, fp: 0, fn: 0, delays: [] }));
    return c;
  };
  const scenarios = new Map<string, ContentScoring["perScenario"][number]>();
  const subjects = { labelled: 0, named: 0 };
  const underage = { rooms: 0, flaggedOnStartEvent: 0, maxDelayMs: null as number | null };
  const rates = new Map<number, { rooms: number; hits: number }>();
  for (const room of truth) {
    const roomAlerts = byRoom.get(room.roomId) ?? [];
    const alertKeys = new Set(roomAlerts.map((a) => keyOf(a.category, a.subcategory)));
    const labelKeys = new Set(room.labels.map((l) => keyOf(l.category, l.subcategory)));
    const sc = scenarios.get(room.scenario) ?? { scenario: room.scenario, rooms: 0, labelled: 0, detected: 0, roomsWithFalseAlert: 0, falseKeys: [] };
    scenarios.set(room.scenario, sc);
    sc.rooms++;
    for (const k of labelKeys) {
      const first = roomAlerts.filter((a) => keyOf(a.category, a.subcategory) === k).sort((a, b) => a.eventTimeMs - b.eventTimeMs)[0];
      const start = Math.min(...room.labels.filter((l) => keyOf(l.category, l.subcategory) === k).map((l) => l.startMs));
      sc.labelled++;
      if (first !== undefined) {
        count(k).tp++;
        count(k).delays.push((first.eventTimeMs - start) / 1000);
        sc.detected++;
      } else count(k).fn++;
      if (k === "MINOR_PROTECTION/STREAMER_UNDERAGE") {
        underage.rooms++;
        if (first !== undefined && first.eventTimeMs === room.startMs) underage.flaggedOnStartEvent++;
        const delay = first === undefined ? null : first.eventTimeMs - room.startMs;
        if (delay !== null) underage.maxDelayMs = Math.max(underage.maxDelayMs ?? 0, delay);
      }
      if (k === "REVIEW_SUPPRESSION/SELECTIVE_DELETION") {
        const rate = Number(room.params.complaintDeletionRate);
        const r = rates.get(rate) ?? { rooms: 0, hits: 0 };
        r.rooms++;
        if (first !== undefined) r.hits++;
        rates.set(rate, r);
      }
    }
    let falseAlert = false;
    for (const k of alertKeys) {
      if (labelKeys.has(k)) continue;
      count(k).fp++;
      falseAlert = true;
      if (!sc.falseKeys.includes(k)) sc.falseKeys.push(k);
    }
    if (falseAlert) sc.roomsWithFalseAlert++;
    for (const l of room.labels) {
      if (l.subjectUserId === "") continue;
      subjects.labelled++;
      if (roomAlerts.some((a) => a.subjectUserId === l.subjectUserId && keyOf(a.category, a.subcategory) === keyOf(l.category, l.subcategory))) subjects.named++;
    }
  }
  const perSubcategory: ContentScoring["perSubcategory"] = {};
  for (const k of [...counts.keys()].sort()) {
    const c = counts.get(k)!;
    const m = median(c.delays);
    perSubcategory[k] = { ...confusion(c.tp, c.fp, c.fn), medianDelayS: m === null ? null : round(m, 1) };
  }
  return {
    perSubcategory,
    perScenario: [...scenarios.values()],
    subjects,
    underage,
    selectiveDeletionByRate: [...rates.entries()].sort((a, b) => a[0] - b[0]).map(([rate, r]) => ({ rate, rooms: r.rooms, recall: round(r.hits / r.rooms) })),
    falsificationAlerts,
  };
}
