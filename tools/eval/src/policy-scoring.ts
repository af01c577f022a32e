/**
 * Scores what the action policy did to the simulated rooms: actions on
 * rooms without any ground-truth label (issue 5: zero severe actions on
 * innocent rooms), underage streams blocked on the event that stated the
 * age, and a table of actions per subcategory and kind. Pure: rooms,
 * actions and age statements in, numbers out.
 */
import { ActionKind, actionKindToJSON, severityToJSON } from "@redline/proto";
import type { Alert, ControlAction } from "@redline/proto";
import { keyOf } from "./content-scoring";

/**
 * Spelled out here rather than taken from the policy library, so that the
 * evaluation keeps measuring the definition if the policy's changes.
 */
export const SEVERE_ACTION_KINDS: ReadonlySet<ActionKind> = new Set([ActionKind.ACTION_KIND_BLOCK_STREAM, ActionKind.ACTION_KIND_CLOSE_ACCOUNT, ActionKind.ACTION_KIND_BLACKLIST]);
/** Key-room actions (inspector, retention) are about a room's reach, not a sanction. */
export const KEY_ROOM_SUBCATEGORY = "KEY_ROOM";
export const UNDERAGE_KEY = "MINOR_PROTECTION/STREAMER_UNDERAGE";

/** A simulated room as the policy scoring needs it. */
export interface PolicyRoom {
  roomId: string;
  /** What kind of room it is, for grouping: "hard negative: x", "organic: small", a scenario name. */
  group: string;
  /** Ground-truth labels as `keyOf` keys; empty for an innocent room. */
  labels: string[];
}

/** The first room event stating a streamer age under 16, and the times of the room's events after it. */
export interface AgeStatement {
  roomId: string;
  statedAtMs: number;
  /** Event times of the room's later events, in the order they were fed; measures delay in events. */
  laterEventTimesMs: number[];
}

export interface ActionCount {
  key: string;
  kind: string;
  actions: number;
  rooms: number;
  /** Rooms that got the action for a category/subcategory they are not labelled with (key-room actions: not counted). */
  roomsNotLabelled: number;
}

/** Per ground-truth label: how many labelled rooms the detectors flagged and the policy then acted on. */
export interface LabelCoverage {
  key: string;
  labelledRooms: number;
  /** Rooms with an alert of the labelled category/subcategory. */
  alerted: number;
  /** Rooms with an action of the labelled category/subcategory. */
  acted: number;
  /** Alerted but not acted on, by the highest severity of the room's alerts for the label (e.g. the policy has no LOW rule). */
  alertedNotActedBySeverity: Record<string, number>;
}

export interface PolicyScoring {
  actions: number;
  innocent: {
    rooms: number;
    /** Rooms with any detector alert: without one the policy had nothing to act on, so zero actions says little about it. */
    roomsWithAlert: number;
    roomsWithAction: number;
    /** Any action other than a key-room one. */
    roomsWithSanction: number;
    roomsWithSevere: number;
    byGroup: Array<{ group: string; rooms: number; withAction: number; withSanction: number; withSevere: number }>;
    severe: Array<{ roomId: string; group: string; kind: string; key: string }>;
    actionTable: ActionCount[];
  };
  attacked: { rooms: number; roomsWithAction: number; actionTable: ActionCount[]; coverage: LabelCoverage[] };
  underage: { rooms: number; blockedOnStatement: number; maxDelayEvents: number | null; notBlocked: string[]; noStatement: string[] };
}

export function kindName(kind: ActionKind): string {
  return actionKindToJSON(kind).replace(/^ACTION_KIND_/, "");
}

function actionKey(a: ControlAction): string {
  return keyOf(a.category, a.subcategory);
}

/** Actions per (category/subcategory, kind) over the given rooms, sorted by key then kind. */
export function actionTable(rooms: readonly PolicyRoom[], byRoom: ReadonlyMap<string, readonly ControlAction[]>): ActionCount[] {
  const rows = new Map<string, ActionCount & { roomSet: Set<string>; unlabelled: Set<string> }>();
  for (const room of rooms) {
    for (const a of byRoom.get(room.roomId) ?? []) {
      const key = actionKey(a);
      const kind = kindName(a.kind);
      const id = `${key}\u0000${kind}`;
      let row = rows.get(id);
      if (row === undefined) rows.set(id, (row = { key, kind, actions: 0, rooms: 0, roomsNotLabelled: 0, roomSet: new Set(), unlabelled: new Set() }));
      row.actions++;
      row.roomSet.add(room.roomId);
      if (a.subcategory !== KEY_ROOM_SUBCATEGORY && !room.labels.includes(key)) row.unlabelled.add(room.roomId);
    }
  }
  return [...rows.values()]
    .map(({ roomSet, unlabelled, ...r }) => ({ ...r, rooms: roomSet.size, roomsNotLabelled: unlabelled.size }))
    .sort((x, y) => (x.key === y.key ? x.kind.localeCompare(y.kind) : x.key.localeCompare(y.key)));
}

/**
 * Delay of the first BLOCK_STREAM at or after the statement, in the room's
 * events: 0 when issued at the stating event's time, else the number of the
 * room's later events up to the block's time. Null when never blocked.
 */
export function blockDelayEvents(statement: AgeStatement, actions: readonly ControlAction[]): number | null {
  const blocks = actions.filter((a) => a.kind === ActionKind.ACTION_KIND_BLOCK_STREAM && a.issuedAtMs >= statement.statedAtMs);
  if (blocks.length === 0) return null;
  const blockedAtMs = Math.min(...blocks.map((a) => a.issuedAtMs));
  if (blockedAtMs === statement.statedAtMs) return 0;
  return statement.laterEventTimesMs.filter((t) => t <= blockedAtMs).length;
}

function innocentScoring(rooms: readonly PolicyRoom[], alerts: readonly Alert[], byRoom: ReadonlyMap<string, readonly ControlAction[]>): PolicyScoring["innocent"] {
  const alerted = new Set(alerts.map((a) => a.roomId));
  const groups = new Map<string, PolicyScoring["innocent"]["byGroup"][number]>();
  const severe: PolicyScoring["innocent"]["severe"] = [];
  let withAction = 0;
  let withSanction = 0;
  let withSevere = 0;
  for (const room of rooms) {
    const actions = byRoom.get(room.roomId) ?? [];
    const g = groups.get(room.group) ?? { group: room.group, rooms: 0, withAction: 0, withSanction: 0, withSevere: 0 };
    groups.set(room.group, g);
    g.rooms++;
    const sanction = actions.some((a) => a.subcategory !== KEY_ROOM_SUBCATEGORY);
    const severeHere = actions.filter((a) => SEVERE_ACTION_KINDS.has(a.kind));
    if (actions.length > 0) (withAction++, g.withAction++);
    if (sanction) (withSanction++, g.withSanction++);
    if (severeHere.length > 0) (withSevere++, g.withSevere++);
    for (const a of severeHere) severe.push({ roomId: room.roomId, group: room.group, kind: kindName(a.kind), key: actionKey(a) });
  }
  return {
    rooms: rooms.length,
    roomsWithAlert: rooms.filter((r) => alerted.has(r.roomId)).length,
    roomsWithAction: withAction,
    roomsWithSanction: withSanction,
    roomsWithSevere: withSevere,
    byGroup: [...groups.values()].sort((a, b) => a.group.localeCompare(b.group)),
    severe,
    actionTable: actionTable(rooms, byRoom),
  };
}

function underageScoring(rooms: readonly PolicyRoom[], byRoom: ReadonlyMap<string, readonly ControlAction[]>, statements: readonly AgeStatement[]): PolicyScoring["underage"] {
  const statementOf = new Map(statements.map((s) => [s.roomId, s]));
  const r: PolicyScoring["underage"] = { rooms: 0, blockedOnStatement: 0, maxDelayEvents: null, notBlocked: [], noStatement: [] };
  for (const room of rooms) {
    if (!room.labels.includes(UNDERAGE_KEY)) continue;
    r.rooms++;
    const statement = statementOf.get(room.roomId);
    if (statement === undefined) {
      r.noStatement.push(room.roomId);
      continue;
    }
    const delay = blockDelayEvents(statement, byRoom.get(room.roomId) ?? []);
    if (delay === null) {
      r.notBlocked.push(room.roomId);
      continue;
    }
    if (delay === 0) r.blockedOnStatement++;
    r.maxDelayEvents = Math.max(r.maxDelayEvents ?? 0, delay);
  }
  return r;
}

export function labelCoverage(rooms: readonly PolicyRoom[], alerts: readonly Alert[], byRoom: ReadonlyMap<string, readonly ControlAction[]>): LabelCoverage[] {
  const alertsByRoom = new Map<string, Alert[]>();
  for (const a of alerts) {
    const list = alertsByRoom.get(a.roomId) ?? [];
    list.push(a);
    alertsByRoom.set(a.roomId, list);
  }
  const rows = new Map<string, LabelCoverage>();
  for (const room of rooms) {
    for (const key of new Set(room.labels)) {
      let row = rows.get(key);
      if (row === undefined) rows.set(key, (row = { key, labelledRooms: 0, alerted: 0, acted: 0, alertedNotActedBySeverity: {} }));
      row.labelledRooms++;
      const keyAlerts = (alertsByRoom.get(room.roomId) ?? []).filter((a) => keyOf(a.category, a.subcategory) === key);
      const acted = (byRoom.get(room.roomId) ?? []).some((a) => actionKey(a) === key);
      if (keyAlerts.length > 0) row.alerted++;
      if (acted) row.acted++;
      if (keyAlerts.length > 0 && !acted) {
        const severity = severityToJSON(Math.max(...keyAlerts.map((a) => a.severity))).replace(/^SEVERITY_/, "");
        row.alertedNotActedBySeverity[severity] = (row.alertedNotActedBySeverity[severity] ?? 0) + 1;
      }
    }
  }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** Live actions only: shadow actions are never sent, so they are not what rooms receive. */
export function scorePolicy(rooms: readonly PolicyRoom[], alerts: readonly Alert[], actions: readonly ControlAction[], statements: readonly AgeStatement[]): PolicyScoring {
  const byRoom = new Map<string, ControlAction[]>();
  let live = 0;
  for (const a of actions) {
    if (a.shadow) continue;
    live++;
    const list = byRoom.get(a.roomId) ?? [];
    list.push(a);
    byRoom.set(a.roomId, list);
  }
  const innocent = rooms.filter((r) => r.labels.length === 0);
  const attacked = rooms.filter((r) => r.labels.length > 0);
  return {
    actions: live,
    innocent: innocentScoring(innocent, alerts, byRoom),
    attacked: { rooms: attacked.length, roomsWithAction: attacked.filter((r) => (byRoom.get(r.roomId)?.length ?? 0) > 0).length, actionTable: actionTable(attacked, byRoom), coverage: labelCoverage(attacked, alerts, byRoom) },
    underage: underageScoring(rooms, byRoom, statements),
  };
}
