/**
 * Room-level scoring of falsification alerts at a severity floor, for any
 * generator that labels rooms the same way: one attack label (or none), a
 * hard-negative kind (or none), the attack's first event time, the drawn
 * parameters and whether the threat model says a platform should catch it.
 * Used for the independent generator (tools/adversary) and the simulator's
 * randomised attacks, so both are read with one ruler.
 */
import { RiskCategory, Severity, severityToJSON, type Alert } from "@redline/proto";
import { confusion, median, round, SUBCATEGORIES, type Confusion } from "./metrics";

export interface LabelledRoom {
  roomId: string;
  label: string | null;
  hardNegative: string | null;
  attackStartMs: number | null;
  params: Readonly<Record<string, number | string>>;
  shouldCatch: boolean;
}

export interface LabelScore extends Confusion {
  attacked: number;
  /** Recall over the rooms the threat model says a platform should catch. */
  catchable: number;
  catchableRecall: number;
  /** Attacked rooms whose only alerts of this label were below the floor (the policy acts on none). */
  belowFloorOnly: number;
  /**
   * Of the false positives, rooms attacked under another label: a like or order farm's phones also named as
   * fake viewers, say. Still false for this label; an inspector reading the alert finds a farm, not a crowd.
   */
  falseOnOtherAttacks: number;
  medianDelayS: number | null;
}

export interface BinRecall {
  label: string;
  param: string;
  bin: string;
  attacks: number;
  catchable: number;
  recall: number;
  catchableRecall: number | null;
  /** Median delay from the first attack event to the first alert at the floor, over the detected rooms of the bin. */
  medianDelayS: number | null;
}

export interface LabelledScoring {
  minSeverity: string;
  perLabel: Record<string, LabelScore>;
  /** Rooms per hard-negative kind and how many drew a falsification alert at or above the floor (any label). */
  hardNegatives: Record<string, { rooms: number; roomsAlerted: number; alerts: Record<string, number> }>;
  organic: { rooms: number; roomsAlerted: number };
  byBin: BinRecall[];
}

const isFalsification = (a: Alert) => a.category === RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION;

/** First alert time per room and label, at or above `floor`, and whether any (any severity) existed. */
function firstAlerts(alerts: readonly Alert[], floor: Severity): { atFloor: Map<string, Alert>; any: Set<string> } {
  const atFloor = new Map<string, Alert>();
  const any = new Set<string>();
  for (const a of alerts) {
    if (!isFalsification(a)) continue;
    const key = `${a.roomId}\u0000${a.subcategory}`;
    any.add(key);
    if (a.severity < floor) continue;
    const prev = atFloor.get(key);
    if (prev === undefined || a.eventTimeMs < prev.eventTimeMs) atFloor.set(key, a);
  }
  return { atFloor, any };
}

export function scoreLabelledRooms(rooms: readonly LabelledRoom[], alerts: readonly Alert[], floor = Severity.SEVERITY_MEDIUM): LabelledScoring {
  const { atFloor, any } = firstAlerts(alerts, floor);
  const perLabel: Record<string, LabelScore> = {};
  for (const label of SUBCATEGORIES) {
    let tp = 0, fp = 0, fn = 0, catchable = 0, catchableHit = 0, belowFloorOnly = 0, falseOnOtherAttacks = 0;
    const delays: number[] = [];
    for (const room of rooms) {
      const alert = atFloor.get(`${room.roomId}\u0000${label}`);
      if (room.label === label) {
        if (room.shouldCatch) catchable++;
        if (alert !== undefined) {
          tp++;
          if (room.shouldCatch) catchableHit++;
          if (room.attackStartMs !== null) delays.push((alert.eventTimeMs - room.attackStartMs) / 1000);
        } else {
          fn++;
          if (any.has(`${room.roomId}\u0000${label}`)) belowFloorOnly++;
        }
      } else if (alert !== undefined) {
        fp++;
        if (room.label !== null) falseOnOtherAttacks++;
      }
    }
    const m = median(delays);
    perLabel[label] = {
      ...confusion(tp, fp, fn),
      attacked: tp + fn,
      catchable,
      catchableRecall: round(catchable === 0 ? 1 : catchableHit / catchable),
      belowFloorOnly,
      falseOnOtherAttacks,
      medianDelayS: m === null ? null : round(m, 1),
    };
  }
  const alertedRoom = (roomId: string) => SUBCATEGORIES.filter((l) => atFloor.has(`${roomId}\u0000${l}`));
  const hardNegatives: LabelledScoring["hardNegatives"] = {};
  const organic = { rooms: 0, roomsAlerted: 0 };
  for (const room of rooms) {
    if (room.label !== null) continue;
    const labels = alertedRoom(room.roomId);
    if (room.hardNegative === null) {
      organic.rooms++;
      if (labels.length > 0) organic.roomsAlerted++;
      continue;
    }
    const h = (hardNegatives[room.hardNegative] ??= { rooms: 0, roomsAlerted: 0, alerts: {} });
    h.rooms++;
    if (labels.length > 0) h.roomsAlerted++;
    for (const l of labels) h.alerts[l] = (h.alerts[l] ?? 0) + 1;
  }
  return { minSeverity: severityToJSON(floor), perLabel, hardNegatives, organic, byBin: recallByBin(rooms, atFloor) };
}

/** Recall per value of each string parameter, and per quartile of each numeric one, per label. */
export function recallByBin(rooms: readonly LabelledRoom[], atFloor: ReadonlyMap<string, Alert>): BinRecall[] {
  const out: BinRecall[] = [];
  for (const label of SUBCATEGORIES) {
    const attacked = rooms.filter((r) => r.label === label);
    const params = [...new Set(attacked.flatMap((r) => Object.keys(r.params)))].sort();
    for (const param of params) {
      const withParam = attacked.filter((r) => r.params[param] !== undefined);
      for (const [bin, members] of binsOf(withParam, param)) {
        const hit = (r: LabelledRoom) => atFloor.has(`${r.roomId}\u0000${label}`);
        const catchable = members.filter((r) => r.shouldCatch);
        const delays = members.flatMap((r) => {
          const a = atFloor.get(`${r.roomId}\u0000${label}`);
          return a === undefined || r.attackStartMs === null ? [] : [(a.eventTimeMs - r.attackStartMs) / 1000];
        });
        const m = median(delays);
        out.push({
          label,
          param,
          bin,
          attacks: members.length,
          catchable: catchable.length,
          recall: round(members.filter(hit).length / members.length),
          catchableRecall: catchable.length === 0 ? null : round(catchable.filter(hit).length / catchable.length),
          medianDelayS: m === null ? null : round(m, 1),
        });
      }
    }
  }
  return out;
}

function binsOf(rooms: readonly LabelledRoom[], param: string): Array<[string, LabelledRoom[]]> {
  if (rooms.every((r) => typeof r.params[param] === "string")) {
    const groups = new Map<string, LabelledRoom[]>();
    for (const r of rooms) groups.set(String(r.params[param]), [...(groups.get(String(r.params[param])) ?? []), r]);
    return [...groups].sort(([a], [b]) => (a < b ? -1 : 1));
  }
  const sorted = [...rooms].sort((a, b) => Number(a.params[param]) - Number(b.params[param]));
  const out: Array<[string, LabelledRoom[]]> = [];
  for (let q = 0; q < 4; q++) {
    const slice = sorted.slice(Math.floor((q * sorted.length) / 4), Math.floor(((q + 1) * sorted.length) / 4));
    if (slice.length === 0) continue;
    out.push([`${fmt(Number(slice[0]!.params[param]))}–${fmt(Number(slice[slice.length - 1]!.params[param]))}`, slice]);
  }
  return out;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(3);
}
