import { BundleSummary, EvidenceBundleWriter } from "./bundle-writer";
import { deliveryStatus } from "./delivery-status";
import { CorruptEvidenceError, EvidenceNotFoundError } from "./errors";
import type { ArchivedAction, ArchivedAlert, ArchivedEvent, EvidenceSource, TimeRange } from "./evidence-source";
import { DEFAULT_CHUNK_LIMITS, JsonlChunks, type ChunkLimits } from "./jsonl-chunks";
import { BUNDLE_FORMAT } from "./manifest";
import { VersionsInForce } from "./versions-in-force";

export type EvidenceScope = { kind: "alert"; alertId: string } | ({ kind: "room"; roomId: string } & TimeRange);

export interface ExportCounts {
  alerts: number;
  events: number;
  actions: number;
  /** Deliveries of those actions (issue 20). */
  outcomes: number;
  reviews: number;
}

export interface ExportSummary extends BundleSummary {
  counts: ExportCounts;
  /** Cited events the archive no longer (or never) held. */
  missingEventIds: string[];
}

export interface ExportOptions {
  exportedAtMs: number;
  /** Told the counts after every row, for a progress bar. */
  onProgress?: (counts: Readonly<ExportCounts>) => void;
  chunkLimits?: ChunkLimits;
}

/** Said in every bundle: how to read an action's delivery. */
export const DELIVERY_NOTE =
  "Each action carries its delivery outcomes as the dispatcher published them after each delivery to the platform's ControlPlane: the result (APPLIED, DUPLICATE, REJECTED, FAILED), the Apply attempts, the wall-clock times of the first attempt and of the answer, and the platform's ApplyAck as received. A delivery cut short by a crash is made again and the platform, which dedupes by actionId, answers DUPLICATE: one action can have several outcomes. delivery.status sums them up: DELIVERED (acknowledged, APPLIED or DUPLICATE), REJECTED, UNDELIVERED (the dispatcher gave up; alert is its ACTION_UNDELIVERED alert), SHADOW_NOT_SENT, or NO_OUTCOME_RECORDED (still in delivery, or archived before outcomes were kept, issue 20).";

function parseJson(text: string, what: string, id: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CorruptEvidenceError(what, id, err);
  }
}

const alertLine = (a: ArchivedAlert) => ({ alertId: a.alertId, alert: parseJson(a.alertJson, "alert", a.alertId) });

const eventLine = (e: ArchivedEvent) => ({
  eventId: e.eventId,
  eventTimeMs: e.eventTimeMs,
  event: parseJson(e.eventJson, "event", e.eventId),
  record: e.record ?? null,
});

const actionLine = (a: ArchivedAction) => ({
  actionId: a.actionId,
  action: parseJson(a.actionJson, "action", a.actionId),
  delivery: {
    status: deliveryStatus(a),
    outcomes: (a.outcomes ?? []).map((o) => parseJson(o.outcomeJson, "outcome", `${a.actionId} at ${o.firstAttemptAtMs}`)),
    ...(a.undeliveredAlertJson === undefined ? {} : { alert: parseJson(a.undeliveredAlertJson, "alert", `undelivered ${a.actionId}`) }),
  },
});

/**
 * Writes one evidence bundle: `bundle.json` (what was asked), the alerts,
 * the events (cited, or the room's over the range) with their original
 * records where archived, the actions with their delivery outcomes, the
 * inspectors' reviews, `versions.json` and `summary.json`, each kind in
 * numbered JSON-lines chunks; then the signed manifest. Streams throughout.
 */
export async function exportEvidence(
  source: EvidenceSource,
  scope: EvidenceScope,
  writer: EvidenceBundleWriter,
  opts: ExportOptions,
): Promise<ExportSummary> {
  const limits = opts.chunkLimits ?? DEFAULT_CHUNK_LIMITS;
  const counts: ExportCounts = { alerts: 0, events: 0, actions: 0, outcomes: 0, reviews: 0 };
  const tick = () => opts.onProgress?.(counts);
  const versions = new VersionsInForce();

  const first = scope.kind === "alert" ? await source.findAlert(scope.alertId) : undefined;
  if (scope.kind === "alert" && first === undefined) {
    throw new EvidenceNotFoundError(`no archived alert ${scope.alertId}`, { alertId: scope.alertId });
  }
  const roomId = scope.kind === "alert" ? first!.roomId : scope.roomId;
  await writer.addItem(
    "bundle.json",
    Buffer.from(`${JSON.stringify({ format: BUNDLE_FORMAT, scope, roomId, exportedAtMs: opts.exportedAtMs, deliveryNote: DELIVERY_NOTE }, null, 1)}\n`),
  );

  const alertIds: string[] = [];
  const alerts = new JsonlChunks(writer, "alerts", limits);
  for await (const a of first !== undefined ? [first] : source.alertsInRoom(roomId, scope as TimeRange)) {
    await alerts.add(alertLine(a));
    alertIds.push(a.alertId);
    versions.observeAlert(a.modelVersion, a.policyVersion, a.eventTimeMs);
    counts.alerts++;
    tick();
  }
  await alerts.flush();

  const cited = first?.evidenceEventIds ?? [];
  const seenCited = new Set<string>();
  const events = new JsonlChunks(writer, "events", limits);
  for await (const e of first !== undefined ? source.eventsByIds(roomId, cited) : source.eventsInRoom(roomId, scope as TimeRange)) {
    await events.add(eventLine(e));
    if (first !== undefined) seenCited.add(e.eventId);
    counts.events++;
    tick();
  }
  await events.flush();

  const actions = new JsonlChunks(writer, "actions", limits);
  for await (const a of source.actionsForAlerts(roomId, alertIds)) {
    await actions.add(actionLine(a));
    versions.observeAction(a.policyVersion);
    counts.actions++;
    counts.outcomes += a.outcomes?.length ?? 0;
    tick();
  }
  await actions.flush();

  const reviews = new JsonlChunks(writer, "reviews", limits);
  for await (const r of source.reviewsForAlerts(roomId, alertIds)) {
    await reviews.add(r);
    counts.reviews++;
    tick();
  }
  await reviews.flush();

  const missingEventIds = cited.filter((id) => !seenCited.has(id));
  await writer.addItem("versions.json", Buffer.from(`${JSON.stringify(versions, null, 1)}\n`));
  await writer.addItem("summary.json", Buffer.from(`${JSON.stringify({ counts, missingEventIds }, null, 1)}\n`));
  const bundle = await writer.finish();
  return { ...bundle, counts, missingEventIds };
}
