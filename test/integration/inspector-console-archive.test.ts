import { actionRow, alertRow, eventRow, feedbackRow, migrateArchive, outcomeRow } from "@redline/archive";
import { ident, sql } from "@redline/clickhouse";
import { undeliveredAlertId } from "@redline/dispatch";
import { ArchiveReader } from "@redline/inspector-console";
import {
  ActionKind,
  ActionOutcome,
  Alert,
  ControlAction,
  DeliveryResult,
  Feedback,
  LiveEvent,
  ModerationKind,
  RiskCategory,
  Severity,
  TransactionKind,
  Verdict,
  ViewKind,
} from "@redline/proto";
import { randomId, testClickHouse } from "@redline/test-helpers";

const server = testClickHouse(null);
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);
const NOW = T0 + 3_600_000;

type PartialBody = NonNullable<Parameters<typeof LiveEvent.fromPartial>[0]>["body"];
const event = (id: string, roomId: string, t: number, body: PartialBody): LiveEvent =>
  LiveEvent.fromPartial({ eventId: id, roomId, eventTimeMs: t, platform: "p", body });
const alert = (id: string, roomId: string, subcategory: string, modelVersion = "rules-a"): Alert =>
  Alert.fromPartial({
    alertId: id,
    roomId,
    category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION,
    subcategory,
    severity: Severity.SEVERITY_HIGH,
    eventTimeMs: T0,
    modelVersion,
    explanation: { summary: `summary of ${id}` },
  });
const verdict = (alertId: string, v: Verdict, atMs: number, inspectorId = "alice"): Feedback =>
  Feedback.fromPartial({ alertId, roomId: "room-1", verdict: v, inspectorId, reviewedAtMs: atMs, note: "" });

describe("the console's archive reads on the real ClickHouse", () => {
  const database = randomId("it_console_reads");
  const db = testClickHouse(database);
  const reader = new ArchiveReader(db);

  beforeAll(async () => {
    await migrateArchive(server, database);
    const events = [
      event("l1", "room-1", T0 + 1000, { $case: "like", value: { count: 5 } }),
      event("l2", "room-1", T0 + 2000, { $case: "like", value: { count: 1 } }),
      event("j1", "room-1", T0 + 3000, { $case: "view", value: { kind: ViewKind.VIEW_KIND_JOIN } }),
      event("v1", "room-1", T0 + 4000, { $case: "view", value: { kind: ViewKind.VIEW_KIND_LEAVE } }),
      event("o1", "room-1", T0 + MINUTE + 1000, { $case: "transaction", value: { kind: TransactionKind.TRANSACTION_KIND_ORDER, amountCents: 100, orderId: "o1" } }),
      event("r1", "room-1", T0 + MINUTE + 2000, { $case: "transaction", value: { kind: TransactionKind.TRANSACTION_KIND_REFUND, amountCents: 100, orderId: "o1" } }),
      event("c1", "room-1", T0 + MINUTE + 3000, { $case: "comment", value: { commentId: "cm-1", author: { userId: "u1" }, text: "<b>bad</b> review" } }),
      event("d1", "room-1", T0 + 2 * MINUTE, { $case: "moderation", value: { kind: ModerationKind.MODERATION_KIND_DELETE_COMMENT, targetCommentId: "cm-1", operatorId: "op" } }),
      event("d2", "room-1", T0 + 2 * MINUTE + 1000, { $case: "moderation", value: { kind: ModerationKind.MODERATION_KIND_DELETE_COMMENT, targetCommentId: "cm-gone", operatorId: "op" } }),
      event("h1", "room-1", T0 + 2 * MINUTE + 2000, { $case: "moderation", value: { kind: ModerationKind.MODERATION_KIND_HIDE_COMMENT, targetCommentId: "cm-1", operatorId: "op" } }),
      event("l9", "room-2", T0 + 1000, { $case: "like", value: { count: 1 } }),
    ];
    // A cited event lives in two retention classes until its transient copy expires.
    await db.insert("events", [...events.map((e) => eventRow(e, "transient", NOW)), eventRow(events[0]!, "evidence", NOW)]);
    const delivered = ControlAction.fromPartial({ actionId: "act-ok", alertId: "a1", roomId: "room-1", kind: ActionKind.ACTION_KIND_PROMINENT_LABEL, issuedAtMs: T0 });
    const failed = ControlAction.fromPartial({ actionId: "act-failed", alertId: "a1", roomId: "room-1", kind: ActionKind.ACTION_KIND_BLOCK_STREAM, issuedAtMs: T0 + 1 });
    await db.insert("actions", [actionRow(delivered, "normal", NOW), actionRow(failed, "normal", NOW)]);
    // act-ok was applied, then re-sent after a crash (DUPLICATE), and its APPLIED outcome consumed twice.
    const outcome = (actionId: string, result: DeliveryResult, attempts: number, finishedAtMs: number, extra: Partial<ActionOutcome> = {}) =>
      ActionOutcome.fromPartial({ actionId, alertId: "a1", roomId: "room-1", result, attempts, firstAttemptAtMs: finishedAtMs - 100, finishedAtMs, issuedAtMs: T0, ...extra });
    const applied = outcome("act-ok", DeliveryResult.DELIVERY_RESULT_APPLIED, 1, T0 + 500);
    await db.insert("action_outcomes", [
      outcomeRow(applied, "evidence", NOW),
      outcomeRow(applied, "evidence", NOW),
      outcomeRow(outcome("act-ok", DeliveryResult.DELIVERY_RESULT_DUPLICATE, 1, T0 + 30_000), "evidence", NOW),
      outcomeRow(outcome("act-failed", DeliveryResult.DELIVERY_RESULT_FAILED, 3, T0 + 9_000, { failureReason: "RETRIES_EXHAUSTED", failureDetail: "14 UNAVAILABLE" }), "evidence", NOW),
    ]);
    const undelivered = Alert.fromPartial({ ...alert(undeliveredAlertId("act-failed"), "room-1", "ACTION_UNDELIVERED", "action-dispatcher"), explanation: { summary: "not applied after 3 attempt(s)" } });
    await db.insert("alerts", [
      alertRow(alert("a1", "room-1", "FAKE_LIKES"), "normal", NOW),
      alertRow(alert("a2", "room-1", "FAKE_LIKES"), "normal", NOW),
      alertRow(alert("a3", "room-1", "FAKE_LIKES"), "normal", NOW),
      alertRow(alert("a4", "room-1", "FAKE_LIKES", "rules-b"), "normal", NOW),
      alertRow(alert("a5", "room-1", "FAKE_ORDERS"), "normal", NOW),
      alertRow(undelivered, "normal", NOW),
    ]);
    await db.insert("feedback", [
      // a1 was first called a false positive, then confirmed: the latest verdict counts.
      feedbackRow(verdict("a1", Verdict.VERDICT_FALSE_POSITIVE, NOW), "normal", NOW),
      feedbackRow(verdict("a1", Verdict.VERDICT_CONFIRMED, NOW + 1000), "normal", NOW),
      feedbackRow(verdict("a2", Verdict.VERDICT_CONFIRMED, NOW, "bob"), "normal", NOW),
      feedbackRow(verdict("a3", Verdict.VERDICT_FALSE_POSITIVE, NOW), "normal", NOW),
      feedbackRow(verdict("a4", Verdict.VERDICT_CONFIRMED, NOW), "normal", NOW),
      feedbackRow(verdict("a5", Verdict.VERDICT_NEEDS_MORE_EVIDENCE, NOW), "normal", NOW),
      // A redelivered review is one row under FINAL.
      feedbackRow(verdict("a5", Verdict.VERDICT_NEEDS_MORE_EVIDENCE, NOW), "normal", NOW),
    ]);
  });

  afterAll(async () => {
    await server.exec(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
  });

  it("counts likes, joins, orders and deletions per minute, each event once", async () => {
    expect(await reader.roomMinutes("room-1")).toEqual([
      { minuteMs: T0, likes: 2, joins: 1, orders: 0, deletions: 0 },
      { minuteMs: T0 + MINUTE, likes: 0, joins: 0, orders: 1, deletions: 0 },
      { minuteMs: T0 + 2 * MINUTE, likes: 0, joins: 0, orders: 0, deletions: 2 },
    ]);
  });

  it("lists comment deletions newest first with the comment they removed, when archived", async () => {
    const deletions = await reader.roomDeletions("room-1");
    expect(deletions.map((d) => [d.event.eventId, d.comment?.eventId])).toEqual([
      ["d2", undefined],
      ["d1", "c1"],
    ]);
    const comment = deletions[1]!.comment!.body;
    expect(comment?.$case === "comment" && comment.value.text).toBe("<b>bad</b> review");
  });

  it("pairs actions with the delivery that settled them and the dispatcher's ACTION_UNDELIVERED alert", async () => {
    const actions = await reader.alertActions("room-1", "a1");
    expect(actions.map((a) => [a.action.actionId, a.undelivered, a.delivery])).toEqual([
      ["act-ok", undefined, { result: "APPLIED", attempts: 1, finishedAtMs: T0 + 500, detail: "" }],
      ["act-failed", "not applied after 3 attempt(s)", { result: "FAILED", attempts: 3, finishedAtMs: T0 + 9_000, detail: "RETRIES_EXHAUSTED: 14 UNAVAILABLE" }],
    ]);
    expect((await reader.roomActions("room-1")).map((a) => a.action.actionId)).toEqual(["act-failed", "act-ok"]);
  });

  it("computes precision by rule set and subcategory from each alert's latest verdict", async () => {
    expect(await reader.precisionByRule()).toEqual([
      { ruleSet: "rules-a", category: "RISK_CATEGORY_DATA_FALSIFICATION", subcategory: "FAKE_LIKES", confirmed: 2, falsePositive: 1, needsMoreEvidence: 0, precision: 2 / 3 },
      { ruleSet: "rules-b", category: "RISK_CATEGORY_DATA_FALSIFICATION", subcategory: "FAKE_LIKES", confirmed: 1, falsePositive: 0, needsMoreEvidence: 0, precision: 1 },
      { ruleSet: "rules-a", category: "RISK_CATEGORY_DATA_FALSIFICATION", subcategory: "FAKE_ORDERS", confirmed: 0, falsePositive: 0, needsMoreEvidence: 1, precision: null },
    ]);
    expect((await reader.alertVerdicts("a1")).map((v) => v.verdict)).toEqual(["VERDICT_FALSE_POSITIVE", "VERDICT_CONFIRMED"]);
  });
});
