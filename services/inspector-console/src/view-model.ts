import {
  actionKindToJSON,
  moderationKindToJSON,
  riskCategoryFromJSON,
  riskCategoryToJSON,
  roomEventKindToJSON,
  RiskCategory,
  Severity,
  severityFromJSON,
  severityToJSON,
  transactionKindToJSON,
  Verdict,
  viewKindToJSON,
  type Alert,
  type ControlAction,
  type LiveEvent,
  type TailRequest,
} from "@redline/proto";
import type { ArchivedDelivery, MinuteCounts } from "./archive-reader";
import { BadConsoleRequestError } from "./errors";

/**
 * Plain shapes the templates and the live script render. Text is left as it
 * came (room ids, comment text and notes may be hostile): escaping is the
 * template engine's job on the server and `textContent`'s in the browser.
 */
export interface AlertView {
  alertId: string;
  roomId: string;
  subjectUserId: string;
  category: string;
  subcategory: string;
  severity: string;
  score: string;
  time: string;
  summary: string;
  signals: { name: string; value: string; contribution: string }[];
  modelVersion: string;
  policyVersion: string;
}

export interface ActionView {
  actionId: string;
  alertId: string;
  kind: string;
  target: string;
  time: string;
  reason: string;
  /** What the archive knows of its delivery. */
  delivery: string;
  undelivered: boolean;
}

export interface EventView {
  eventId: string;
  time: string;
  kind: string;
  who: string;
  /** The user-written text of a comment or barrage, or a description of the body. */
  detail: string;
}

const short = (full: string, prefix: string): string => (full.startsWith(prefix) ? full.slice(prefix.length) : full);

export function isoTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(".000Z", "Z") : String(ms);
}

export function categoryName(category: RiskCategory): string {
  return short(riskCategoryToJSON(category), "RISK_CATEGORY_");
}

export function severityName(severity: Severity): string {
  return short(severityToJSON(severity), "SEVERITY_");
}

export function alertView(alert: Alert): AlertView {
  return {
    alertId: alert.alertId,
    roomId: alert.roomId,
    subjectUserId: alert.subjectUserId,
    category: categoryName(alert.category),
    subcategory: alert.subcategory,
    severity: severityName(alert.severity),
    score: alert.score.toFixed(2),
    time: isoTime(alert.eventTimeMs),
    summary: alert.explanation?.summary ?? "",
    signals: [...(alert.explanation?.signals ?? [])]
      .sort((a, b) => b.contribution - a.contribution)
      .map((s) => ({ name: s.name, value: String(Number(s.value.toPrecision(4))), contribution: `${Math.round(s.contribution * 100)}%` })),
    modelVersion: alert.modelVersion,
    policyVersion: alert.policyVersion,
  };
}

/** What the platform did with a delivery, in an inspector's words. */
function deliveryText(d: ArchivedDelivery): string {
  const when = `${isoTime(d.finishedAtMs)}, attempt ${d.attempts}`;
  if (d.result === "APPLIED") return `applied ${when}`;
  if (d.result === "DUPLICATE") return `applied earlier (re-sent, platform answered duplicate ${when})`;
  if (d.result === "REJECTED") return `rejected by the platform ${when}${d.detail === "" ? "" : `: ${d.detail}`}`;
  return `not applied, dispatcher gave up ${when}${d.detail === "" ? "" : `: ${d.detail}`}`;
}

/**
 * `delivery` is the outcome that settled the action (issue 20); `undelivered` the summary of the dispatcher's
 * ACTION_UNDELIVERED alert, which an archive from before outcomes were kept may hold alone.
 */
export function actionView(action: ControlAction, undelivered?: string, delivered?: ArchivedDelivery): ActionView {
  const failed = delivered !== undefined ? !(delivered.result === "APPLIED" || delivered.result === "DUPLICATE") : undelivered !== undefined;
  const delivery = action.shadow
    ? "shadow: never sent"
    : delivered !== undefined
      ? deliveryText(delivered)
      : undelivered !== undefined
        ? `undelivered: ${undelivered}`
        : "no outcome archived yet";
  return {
    actionId: action.actionId,
    alertId: action.alertId,
    kind: short(actionKindToJSON(action.kind), "ACTION_KIND_"),
    target: action.targetUserId || "room",
    time: isoTime(action.issuedAtMs),
    reason: action.reason,
    delivery,
    undelivered: !action.shadow && failed,
  };
}

export function eventView(event: LiveEvent): EventView {
  const base = { eventId: event.eventId, time: isoTime(event.eventTimeMs) };
  const body = event.body;
  switch (body?.$case) {
    case "comment":
      return { ...base, kind: "comment", who: body.value.author?.userId ?? "", detail: body.value.text };
    case "barrage":
      return { ...base, kind: "barrage", who: body.value.author?.userId ?? "", detail: body.value.text };
    case "transaction": {
      const t = body.value;
      const kind = short(transactionKindToJSON(t.kind), "TRANSACTION_KIND_");
      return { ...base, kind: "transaction", who: t.buyer?.userId ?? "", detail: `${kind} ${(t.amountCents / 100).toFixed(2)} ${t.currency} sku ${t.skuId}` };
    }
    case "like":
      return { ...base, kind: "like", who: body.value.user?.userId ?? "", detail: `×${body.value.count}` };
    case "follow":
      return { ...base, kind: "follow", who: body.value.user?.userId ?? "", detail: "" };
    case "view":
      return { ...base, kind: "view", who: body.value.user?.userId ?? "", detail: short(viewKindToJSON(body.value.kind), "VIEW_KIND_") };
    case "moderation": {
      const m = body.value;
      const target = m.targetCommentId ? `comment ${m.targetCommentId}` : `user ${m.targetUserId}`;
      return { ...base, kind: "moderation", who: m.operatorId, detail: `${short(moderationKindToJSON(m.kind), "MODERATION_KIND_")} ${target}` };
    }
    case "room": {
      const r = body.value;
      const age = r.streamer?.age === undefined ? "age unknown" : `age ${r.streamer.age}`;
      return { ...base, kind: "room", who: r.streamer?.userId ?? "", detail: `${short(roomEventKindToJSON(r.kind), "ROOM_EVENT_KIND_")}, ${age}` };
    }
    default:
      return { ...base, kind: "unknown", who: "", detail: "" };
  }
}

/** The live list's filters as the browser sends them (`?room=a,b&category=DIVERSION&minSeverity=HIGH`). */
export interface FilterQuery {
  room?: string;
  category?: string;
  minSeverity?: string;
}

const MAX_FILTER_ROOMS = 100;

function splitList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/** The Tail request for a filter query; throws BadConsoleRequestError naming the bad field. */
export function tailFilter(query: FilterQuery): Omit<TailRequest, "cursor"> {
  const rooms = splitList(query.room);
  if (rooms.length > MAX_FILTER_ROOMS) throw new BadConsoleRequestError("room", `names more than ${MAX_FILTER_ROOMS} rooms`);
  const categories = splitList(query.category).map((name) => {
    const category = riskCategoryFromJSON(`RISK_CATEGORY_${name.toUpperCase()}`);
    if (category === RiskCategory.UNRECOGNIZED || category === RiskCategory.RISK_CATEGORY_UNSPECIFIED) {
      throw new BadConsoleRequestError("category", `'${name}' is not a risk category`);
    }
    return category;
  });
  let minSeverity = Severity.SEVERITY_UNSPECIFIED;
  if (query.minSeverity) {
    minSeverity = severityFromJSON(`SEVERITY_${query.minSeverity.toUpperCase()}`);
    if (minSeverity === Severity.UNRECOGNIZED) throw new BadConsoleRequestError("minSeverity", `'${query.minSeverity}' is not a severity`);
  }
  return { rooms, categories, minSeverity };
}

/** The buttons' verdicts, by the names the page posts. */
export const VERDICTS: Readonly<Record<string, Verdict>> = Object.freeze({
  confirmed: Verdict.VERDICT_CONFIRMED,
  false_positive: Verdict.VERDICT_FALSE_POSITIVE,
  needs_more_evidence: Verdict.VERDICT_NEEDS_MORE_EVIDENCE,
});

export function parseVerdict(name: unknown): Verdict {
  const verdict = typeof name === "string" && Object.hasOwn(VERDICTS, name) ? VERDICTS[name] : undefined;
  if (verdict === undefined) throw new BadConsoleRequestError("verdict", `must be one of ${Object.keys(VERDICTS).join(", ")}`);
  return verdict;
}

export const CATEGORY_NAMES: readonly string[] = Object.values(RiskCategory)
  .filter((v): v is RiskCategory => typeof v === "number" && v > 0)
  .map(categoryName);

export const SEVERITY_NAMES: readonly string[] = Object.values(Severity)
  .filter((v): v is Severity => typeof v === "number" && v > 0)
  .map(severityName);

export interface TimelineMinute extends MinuteCounts {
  alerts: number;
}

const MINUTE_MS = 60_000;

/** The room chart's minutes: the archive's event counts with the alerts raised in each minute (event time) beside them. */
export function timelineMinutes(minutes: readonly MinuteCounts[], alerts: readonly Pick<Alert, "eventTimeMs">[]): TimelineMinute[] {
  const byMinute = new Map<number, TimelineMinute>(minutes.map((m) => [m.minuteMs, { ...m, alerts: 0 }]));
  for (const alert of alerts) {
    const minuteMs = Math.floor(alert.eventTimeMs / MINUTE_MS) * MINUTE_MS;
    const entry = byMinute.get(minuteMs) ?? { minuteMs, likes: 0, joins: 0, orders: 0, deletions: 0, alerts: 0 };
    entry.alerts += 1;
    byMinute.set(minuteMs, entry);
  }
  return [...byMinute.values()].sort((a, b) => a.minuteMs - b.minuteMs);
}
