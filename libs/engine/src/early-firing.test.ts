import { AgeBand, LiveEvent, RiskCategory, RoomEventKind, Severity, TransactionKind } from "@redline/proto";
import type { Streamer } from "@redline/proto";
import { alertIdOf } from "./alert";
import { RiskEngine } from "./engine";
import type { EngineOutput, EngineStep } from "./engine";
import { actor, comment, T0 } from "./testing/event-builders";

const ROOM = "room-early";

function stated(id: string, timeMs: number, streamer: Partial<Streamer>): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: id,
    roomId: ROOM,
    eventTimeMs: timeMs,
    platform: "test",
    body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_UPDATED, streamer: { userId: "host", ...streamer }, followerCount: 10 } },
  });
}

function tip(id: string, timeMs: number, band: AgeBand): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: id,
    roomId: ROOM,
    eventTimeMs: timeMs,
    platform: "test",
    body: { $case: "transaction", value: { kind: TransactionKind.TRANSACTION_KIND_TIP, buyer: { ...actor("kid"), ageBand: band }, amountCents: 500 } },
  });
}

/** Ordinary chatter for a while after `fromMs`, so the watermark passes everything before it. */
function chatter(fromMs: number, minutes: number) {
  return Array.from({ length: minutes * 6 }, (_, i) => comment(ROOM, fromMs + i * 10_000, actor(`viewer-${i % 7}`)));
}

const outputsOf = (...steps: EngineStep[]) => steps.flatMap((step) => step.outputs);
const underage = (outputs: readonly EngineOutput[]) => outputs.map((o) => o.alert).filter((a) => a.subcategory === "STREAMER_UNDERAGE");

describe("early firing of rules that need no other event", () => {
  it("raises an under-age stream on receipt, ahead of the watermark, with the id the ordered path gives it, and once", () => {
    const engine = new RiskEngine({ allowedLatenessMs: 10_000 });
    const now = underage(engine.ingest(stated("age-14", T0, { age: 14 })).outputs);
    expect(engine.watermarkMs).toBeLessThan(T0);
    expect(now).toHaveLength(1);
    expect(now[0]!.severity).toBe(Severity.SEVERITY_CRITICAL);
    expect(now[0]!.alertId).toBe(alertIdOf(ROOM, "", RiskCategory.RISK_CATEGORY_MINOR_PROTECTION, "STREAMER_UNDERAGE", T0));
    const later = outputsOf(...chatter(T0 + 1_000, 5).map((e) => engine.ingest(e)), engine.flush());
    expect(engine.watermarkMs).toBeGreaterThan(T0);
    expect(underage(later)).toEqual([]);
  });

  it("raises the same alerts as without it, only sooner", () => {
    // Without early firing, the ordered path alone: the same alert, after the watermark passes it.
    const events = [stated("a", T0, { age: 15 }), ...chatter(T0 + 1_000, 3), tip("t1", T0 + 40_000, AgeBand.AGE_BAND_MINOR_UNDER_16)];
    const engine = new RiskEngine({ allowedLatenessMs: 10_000 });
    const firstSeen = new Map<string, number>();
    events.forEach((e, i) => {
      for (const o of engine.ingest(e).outputs) if (!firstSeen.has(o.alert.alertId)) firstSeen.set(o.alert.alertId, i);
    });
    for (const o of engine.flush().outputs) expect(firstSeen.has(o.alert.alertId)).toBe(true);
    // Each appeared at the very event that states it.
    expect([...firstSeen.values()].sort((a, b) => a - b)).toEqual([0, events.length - 1]);
  });

  it("raises one alert for a statement repeated within the cooldown, even received in reverse order", () => {
    const engine = new RiskEngine({ allowedLatenessMs: 10_000 });
    const events = [stated("later", T0 + 5_000, { age: 14 }), stated("earlier", T0, { age: 14 }), ...chatter(T0 + 6_000, 3)];
    const alerts = underage(outputsOf(...events.map((e) => engine.ingest(e)), engine.flush()));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.eventTimeMs).toBe(T0 + 5_000);
  });

  it("stays single across a restart between receipt and the watermark", () => {
    const engine = new RiskEngine({ allowedLatenessMs: 10_000 });
    expect(engine.ingest(tip("t", T0, AgeBand.AGE_BAND_MINOR_16_17)).outputs.map((o) => o.alert.subcategory)).toEqual(["MINOR_TIPPING"]);
    const restored = RiskEngine.restore(engine.snapshot(), { allowedLatenessMs: 10_000 });
    const after = outputsOf(...chatter(T0 + 1_000, 3).map((e) => restored.ingest(e)), restored.flush());
    expect(after.filter((o) => o.alert.subcategory === "MINOR_TIPPING")).toEqual([]);
  });

  it("leaves adults, consented 17-year-olds and adult tips alone", () => {
    const engine = new RiskEngine({ allowedLatenessMs: 10_000 });
    const steps = [stated("adult", T0, { age: 30 }), stated("consented", T0 + 1, { age: 17, guardianConsent: true }), tip("adult-tip", T0 + 2, AgeBand.AGE_BAND_ADULT)].map((e) => engine.ingest(e));
    expect(outputsOf(...steps)).toEqual([]);
  });
});
