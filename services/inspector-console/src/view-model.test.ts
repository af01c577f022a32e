import { status as GrpcStatus } from "@grpc/grpc-js";
import { GrpcCallError } from "@redline/grpc";
import { ActionKind, Alert, ControlAction, LiveEvent, ModerationKind, RiskCategory, Severity, TransactionKind, Verdict } from "@redline/proto";
import { BadConsoleRequestError } from "./errors";
import { httpFailure } from "./http-errors";
import { actionView, alertView, CATEGORY_NAMES, eventView, parseVerdict, SEVERITY_NAMES, tailFilter, timelineMinutes } from "./view-model";

describe("tailFilter", () => {
  it("turns the page's filter query into a Tail request", () => {
    expect(tailFilter({ room: " r1, r2 ,", category: "minor_protection,DIVERSION", minSeverity: "high" })).toEqual({
      rooms: ["r1", "r2"],
      categories: [RiskCategory.RISK_CATEGORY_MINOR_PROTECTION, RiskCategory.RISK_CATEGORY_DIVERSION],
      minSeverity: Severity.SEVERITY_HIGH,
    });
    expect(tailFilter({})).toEqual({ rooms: [], categories: [], minSeverity: Severity.SEVERITY_UNSPECIFIED });
  });

  it("names the field of a filter it cannot use", () => {
    expect(() => tailFilter({ category: "SPAM" })).toThrow(new BadConsoleRequestError("category", "'SPAM' is not a risk category"));
    expect(() => tailFilter({ category: "UNSPECIFIED" })).toThrow(/category/);
    expect(() => tailFilter({ minSeverity: "urgent" })).toThrow(/minSeverity 'urgent' is not a severity/);
    expect(() => tailFilter({ room: Array.from({ length: 101 }, (_, i) => `r${i}`).join(",") })).toThrow(/more than 100 rooms/);
  });

  it("offers the categories and severities the contract has, without UNSPECIFIED", () => {
    expect(CATEGORY_NAMES).toContain("DATA_FALSIFICATION");
    expect(CATEGORY_NAMES).toHaveLength(7);
    expect(SEVERITY_NAMES).toEqual(["LOW", "MEDIUM", "HIGH", "CRITICAL"]);
  });
});

describe("parseVerdict", () => {
  it("maps the three buttons and refuses anything else", () => {
    expect(["confirmed", "false_positive", "needs_more_evidence"].map(parseVerdict)).toEqual([
      Verdict.VERDICT_CONFIRMED,
      Verdict.VERDICT_FALSE_POSITIVE,
      Verdict.VERDICT_NEEDS_MORE_EVIDENCE,
    ]);
    for (const bad of ["CONFIRMED", "toString", "__proto__", 1, undefined]) expect(() => parseVerdict(bad)).toThrow(/verdict must be one of/);
  });
});

describe("views", () => {
  it("shows an alert's signals by contribution, values rounded, text as it came", () => {
    const view = alertView(
      Alert.fromPartial({
        alertId: "a1",
        roomId: "<b>room</b>",
        category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION,
        subcategory: "FAKE_LIKES",
        severity: Severity.SEVERITY_HIGH,
        score: 0.8765,
        eventTimeMs: Date.UTC(2026, 0, 2, 3, 4, 5),
        explanation: { summary: "s", signals: [{ name: "small", value: 1 / 3, contribution: 0.25 }, { name: "big", value: 12, contribution: 0.75 }] },
      }),
    );
    expect(view).toMatchObject({ roomId: "<b>room</b>", category: "DATA_FALSIFICATION", severity: "HIGH", score: "0.88", time: "2026-01-02T03:04:05Z" });
    expect(view.signals).toEqual([
      { name: "big", value: "12", contribution: "75%" },
      { name: "small", value: "0.3333", contribution: "25%" },
    ]);
  });

  it("describes cited events, keeping user text whole", () => {
    const at = Date.UTC(2026, 0, 1);
    const comment = eventView(LiveEvent.fromPartial({ eventId: "e1", eventTimeMs: at, body: { $case: "comment", value: { commentId: "c", author: { userId: "u" }, text: "<script>x</script>" } } }));
    expect(comment).toEqual({ eventId: "e1", time: "2026-01-01T00:00:00Z", kind: "comment", who: "u", detail: "<script>x</script>" });
    const order = eventView(LiveEvent.fromPartial({ body: { $case: "transaction", value: { kind: TransactionKind.TRANSACTION_KIND_ORDER, amountCents: 1990, currency: "CNY", skuId: "s1", buyer: { userId: "b" } } } }));
    expect(order.detail).toBe("ORDER 19.90 CNY sku s1");
    const deletion = eventView(LiveEvent.fromPartial({ body: { $case: "moderation", value: { kind: ModerationKind.MODERATION_KIND_DELETE_COMMENT, targetCommentId: "c9", operatorId: "op" } } }));
    expect(deletion).toMatchObject({ kind: "moderation", who: "op", detail: "DELETE_COMMENT comment c9" });
  });
});

describe("actionView", () => {
  const action = ControlAction.fromPartial({ actionId: "x", alertId: "a", kind: ActionKind.ACTION_KIND_BLOCK_STREAM, issuedAtMs: Date.UTC(2026, 0, 1) });
  const at = Date.UTC(2026, 0, 1, 0, 0, 2);

  it("says what the platform did with the delivery that settled the action, and marks what never arrived", () => {
    expect(actionView(action, undefined, { result: "APPLIED", attempts: 1, finishedAtMs: at, detail: "" })).toMatchObject({ delivery: "applied 2026-01-01T00:00:02Z, attempt 1", undelivered: false });
    expect(actionView(action, undefined, { result: "DUPLICATE", attempts: 1, finishedAtMs: at, detail: "" }).undelivered).toBe(false);
    const rejected = actionView(action, undefined, { result: "REJECTED", attempts: 2, finishedAtMs: at, detail: "room already closed" });
    expect(rejected).toMatchObject({ delivery: "rejected by the platform 2026-01-01T00:00:02Z, attempt 2: room already closed", undelivered: true });
    const failed = actionView(action, "not applied after 5 attempt(s)", { result: "FAILED", attempts: 5, finishedAtMs: at, detail: "RETRIES_EXHAUSTED: UNAVAILABLE" });
    expect(failed).toMatchObject({ undelivered: true });
    expect(failed.delivery).toContain("gave up");
    expect(failed.delivery).toContain("RETRIES_EXHAUSTED: UNAVAILABLE");
  });

  it("falls back to the dispatcher's alert, then to saying nothing is archived yet, and never marks a shadow action", () => {
    expect(actionView(action, "not applied after 3 attempt(s)")).toMatchObject({ delivery: "undelivered: not applied after 3 attempt(s)", undelivered: true });
    expect(actionView(action)).toMatchObject({ delivery: "no outcome archived yet", undelivered: false });
    expect(actionView({ ...action, shadow: true }, "x")).toMatchObject({ delivery: "shadow: never sent", undelivered: false });
  });
});

describe("httpFailure", () => {
  it("maps gateway refusals to HTTP statuses without passing their details on", () => {
    const call = (code: GrpcStatus) => httpFailure(new GrpcCallError("AlertStream/Review", code, "internal detail"));
    expect(call(GrpcStatus.PERMISSION_DENIED)).toEqual({ statusCode: 403, message: "your role may not do this" });
    expect(call(GrpcStatus.NOT_FOUND).statusCode).toBe(404);
    expect(call(GrpcStatus.UNAVAILABLE).statusCode).toBe(503);
    expect(call(GrpcStatus.INTERNAL)).toEqual({ statusCode: 502, message: "the gateway failed; try again" });
    expect(JSON.stringify(call(GrpcStatus.INVALID_ARGUMENT))).not.toContain("internal detail");
    expect(httpFailure(new BadConsoleRequestError("note", "is too long")).statusCode).toBe(400);
    expect(httpFailure(new Error("boom"))).toEqual({ statusCode: 500, message: "the console failed; the log says why" });
  });
});

describe("timelineMinutes", () => {
  it("puts each alert in the minute of its event time, adding minutes without events", () => {
    const m = (minuteMs: number, likes: number) => ({ minuteMs, likes, joins: 0, orders: 0, deletions: 0 });
    expect(timelineMinutes([m(60_000, 3), m(180_000, 1)], [{ eventTimeMs: 61_000 }, { eventTimeMs: 120_000 }, { eventTimeMs: 119_999 }])).toEqual([
      { ...m(60_000, 3), alerts: 2 },
      { ...m(120_000, 0), alerts: 1 },
      { ...m(180_000, 1), alerts: 0 },
    ]);
  });
});
