import { generateKeyPairSync } from "node:crypto";
import { PassThrough, Readable } from "node:stream";
import { extract as tarExtract } from "tar-stream";
import { EvidenceBundleWriter } from "./bundle-writer";
import { verifyBundle } from "./bundle-verifier";
import { EvidenceNotFoundError } from "./errors";
import type { ArchivedAction, ArchivedAlert, ArchivedEvent, ArchivedReview, EvidenceSource, TimeRange } from "./evidence-source";
import { exportEvidence, type EvidenceScope } from "./export-evidence";
import { parsePublicKey, publicKeyText } from "./signing";

const { privateKey } = generateKeyPairSync("ed25519");

const alert = (alertId: string, t: number, cited: string[], modelVersion = "redline-rules-4"): ArchivedAlert => ({
  alertId,
  roomId: "room-1",
  eventTimeMs: t,
  modelVersion,
  policyVersion: "policy-7",
  evidenceEventIds: cited,
  alertJson: JSON.stringify({ alertId, roomId: "room-1", evidenceEventIds: cited }),
});
const event = (eventId: string, t: number, withRecord: boolean): ArchivedEvent => ({
  eventId,
  eventTimeMs: t,
  eventJson: JSON.stringify({ eventId, roomId: "room-1", eventTimeMs: String(t) }),
  ...(withRecord
    ? { record: { topic: "live.comments", partition: 1, offset: String(t), timestampMs: t, keyBase64: "cm9vbS0x", valueBase64: "AAEC", headers: {} } }
    : {}),
});

/** The archive in memory: the export sees only the interface. */
class MemorySource implements EvidenceSource {
  alerts = [alert("a1", 1000, ["e2", "e9", "e1"]), alert("a2", 5000, ["e4"], "redline-rules-5")];
  events = [1, 2, 3, 4, 5].map((i) => event(`e${i}`, i * 1000, i % 2 === 0));
  actions: ArchivedAction[] = [
    {
      actionId: "x1",
      alertId: "a1",
      policyVersion: "policy-7",
      actionJson: '{"actionId":"x1"}',
      outcomes: [
        { result: "DELIVERY_RESULT_APPLIED", attempts: 2, firstAttemptAtMs: 100, finishedAtMs: 250, outcomeJson: '{"actionId":"x1","result":"DELIVERY_RESULT_APPLIED","attempts":2}' },
        { result: "DELIVERY_RESULT_DUPLICATE", attempts: 1, firstAttemptAtMs: 900, finishedAtMs: 910, outcomeJson: '{"actionId":"x1","result":"DELIVERY_RESULT_DUPLICATE","attempts":1}' },
      ],
    },
    {
      actionId: "x2",
      alertId: "a2",
      policyVersion: "policy-7",
      actionJson: '{"actionId":"x2"}',
      outcomes: [{ result: "DELIVERY_RESULT_FAILED", attempts: 9, firstAttemptAtMs: 100, finishedAtMs: 5000, outcomeJson: '{"actionId":"x2","result":"DELIVERY_RESULT_FAILED"}' }],
      undeliveredAlertJson: '{"alertId":"undelivered-x2"}',
    },
  ];
  reviews: ArchivedReview[] = [{ alertId: "a1", inspectorId: "alice", verdict: "VERDICT_CONFIRMED", note: "seen", reviewedAtMs: 9000 }];

  async findAlert(id: string) {
    return this.alerts.find((a) => a.alertId === id);
  }
  async *alertsInRoom(_room: string, r: TimeRange) {
    yield* this.alerts.filter((a) => a.eventTimeMs >= r.fromMs && a.eventTimeMs < r.toMs);
  }
  async *eventsByIds(_room: string, ids: readonly string[]) {
    yield* this.events.filter((e) => ids.includes(e.eventId));
  }
  async *eventsInRoom(_room: string, r: TimeRange) {
    yield* this.events.filter((e) => e.eventTimeMs >= r.fromMs && e.eventTimeMs < r.toMs);
  }
  async *actionsForAlerts(_room: string, ids: readonly string[]) {
    yield* this.actions.filter((a) => ids.includes(a.alertId));
  }
  async *reviewsForAlerts(_room: string, ids: readonly string[]) {
    yield* this.reviews.filter((r) => ids.includes(r.alertId));
  }
}

async function exportToBuffer(source: EvidenceSource, scope: EvidenceScope, progress: number[] = []) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const writer = new EvidenceBundleWriter(out, privateKey, new Date(0));
  const summary = await exportEvidence(source, scope, writer, {
    exportedAtMs: 42,
    chunkLimits: { maxLines: 2, maxBytes: 1 << 20 },
    onProgress: (c) => progress.push(c.events),
  });
  const tar = Buffer.concat(chunks);
  const files = new Map<string, string>();
  const extract = tarExtract();
  Readable.from([tar]).pipe(extract);
  for await (const e of extract) {
    const parts: Buffer[] = [];
    for await (const c of e) parts.push(c as Buffer);
    files.set(e.header.name, Buffer.concat(parts).toString("utf8"));
  }
  return { summary, tar, files };
}

const lines = (text: string | undefined) => (text ?? "").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));

describe("exportEvidence", () => {
  it("bundles one alert: its cited events with their records, actions with their delivery outcomes, reviews, versions, missing ids", async () => {
    const { summary, tar, files } = await exportToBuffer(new MemorySource(), { kind: "alert", alertId: "a1" });
    expect([...files.keys()]).toEqual(["bundle.json", "alerts/000001.jsonl", "events/000001.jsonl", "actions/000001.jsonl", "reviews/000001.jsonl", "versions.json", "summary.json", "manifest.json"]);
    expect(lines(files.get("alerts/000001.jsonl"))).toEqual([{ alertId: "a1", alert: { alertId: "a1", roomId: "room-1", evidenceEventIds: ["e2", "e9", "e1"] } }]);
    const events = lines(files.get("events/000001.jsonl"));
    expect(events.map((e) => e.eventId)).toEqual(["e1", "e2"]);
    expect(events[0].record).toBeNull();
    expect(events[1].record).toMatchObject({ topic: "live.comments", partition: 1, offset: "2000", valueBase64: "AAEC" });
    // Both deliveries, as archived and in order: applied after two attempts, then a re-send the platform deduped.
    expect(lines(files.get("actions/000001.jsonl"))).toEqual([
      {
        actionId: "x1",
        action: { actionId: "x1" },
        delivery: {
          status: "DELIVERED",
          outcomes: [
            { actionId: "x1", result: "DELIVERY_RESULT_APPLIED", attempts: 2 },
            { actionId: "x1", result: "DELIVERY_RESULT_DUPLICATE", attempts: 1 },
          ],
        },
      },
    ]);
    expect(lines(files.get("reviews/000001.jsonl"))).toEqual([expect.objectContaining({ inspectorId: "alice", verdict: "VERDICT_CONFIRMED" })]);
    expect(JSON.parse(files.get("versions.json")!)).toMatchObject({ modelVersions: ["redline-rules-4"], policyVersions: ["policy-7"] });
    expect(summary.missingEventIds).toEqual(["e9"]);
    expect(JSON.parse(files.get("summary.json")!)).toEqual({ counts: { alerts: 1, events: 2, actions: 1, outcomes: 2, reviews: 1 }, missingEventIds: ["e9"] });
    expect((await verifyBundle(Readable.from([tar]), parsePublicKey(publicKeyText(privateKey)))).itemCount).toBe(7);
  });

  it("bundles a room over a range in chunks, with both alerts' versions and an undelivered action", async () => {
    const progress: number[] = [];
    const { summary, files } = await exportToBuffer(new MemorySource(), { kind: "room", roomId: "room-1", fromMs: 1000, toMs: 5001 }, progress);
    expect(summary.counts).toEqual({ alerts: 2, events: 5, actions: 2, outcomes: 3, reviews: 1 });
    expect([...files.keys()].filter((n) => n.startsWith("events/"))).toEqual(["events/000001.jsonl", "events/000002.jsonl", "events/000003.jsonl"]);
    expect(lines(files.get("events/000003.jsonl")).map((e) => e.eventId)).toEqual(["e5"]);
    expect(lines(files.get("actions/000001.jsonl"))[1].delivery).toEqual({
      status: "UNDELIVERED",
      outcomes: [{ actionId: "x2", result: "DELIVERY_RESULT_FAILED" }],
      alert: { alertId: "undelivered-x2" },
    });
    expect(JSON.parse(files.get("versions.json")!).modelVersions).toEqual(["redline-rules-4", "redline-rules-5"]);
    expect(progress).toContain(5);
    expect(JSON.parse(files.get("bundle.json")!).scope).toEqual({ kind: "room", roomId: "room-1", fromMs: 1000, toMs: 5001 });
  });

  it("refuses an unknown alert before writing anything, and a corrupt archived row", async () => {
    await expect(exportToBuffer(new MemorySource(), { kind: "alert", alertId: "nope" })).rejects.toBeInstanceOf(EvidenceNotFoundError);
    const corrupt = new MemorySource();
    corrupt.events[1] = { ...corrupt.events[1]!, eventJson: "{not json" };
    await expect(exportToBuffer(corrupt, { kind: "alert", alertId: "a1" })).rejects.toThrow("archived event e2 is not valid JSON");
    const corruptOutcome = new MemorySource();
    corruptOutcome.actions[0] = { ...corruptOutcome.actions[0]!, outcomes: [{ ...corruptOutcome.actions[0]!.outcomes![0]!, outcomeJson: "{" }] };
    await expect(exportToBuffer(corruptOutcome, { kind: "alert", alertId: "a1" })).rejects.toThrow("archived outcome x1 at 100 is not valid JSON");
  });
});
