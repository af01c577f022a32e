import type { Alert, LiveEvent } from "@redline/proto";
import { TransactionKind } from "@redline/proto";
import { alertsFor } from "../testing/run-engine";
import { actor, join, order, T0 } from "../testing/event-builders";
import { organicRoom } from "../testing/organic";

const ROOM = "room-kr";
const DAY = 86_400_000;
const REFUND = TransactionKind.TRANSACTION_KIND_REFUND;

const signal = (a: Alert, name: string) => a.explanation!.signals.find((s) => s.name === name);
const subcategories = (alerts: Alert[]) => [...new Set(alerts.map((a) => a.subcategory))].sort();

/** An ordinary room of 40 minutes: its own shoppers place about fifty orders. */
const shoppingRoom = (seed: number): LiveEvent[] => organicRoom(ROOM, { seed, viewersPerMinute: 60, durationMs: 40 * 60_000 });

/** Fifteen real people paid to order (own phone, card and address), twelve of whom take the money back. */
function paidBuyers(events: LiveEvent[], refundAfterMs: number, reorderAfterMs?: number): void {
  for (let b = 0; b < 15; b++) {
    const person = actor(`paid-${b}`, { createdMs: T0 - 700 * DAY, ip: `100.80.${b}.0/24` });
    const at = T0 + 600_000 + b * 40_000;
    const o = { payment: `own-card-${b}`, address: `own-home-${b}`, amountCents: 5_900, orderId: `p-${b}` };
    events.push(join(ROOM, at - 120_000, person), order(ROOM, at, person, o));
    if (b % 5 === 4) continue;
    events.push(order(ROOM, at + refundAfterMs, person, { ...o, kind: REFUND }));
    if (reorderAfterMs !== undefined) events.push(order(ROOM, at + refundAfterMs + reorderAfterMs, person, { ...o, orderId: `p-${b}-again`, amountCents: 4_900 }));
  }
}

describe("refunds nobody ordered again after (FAKE_ORDERS)", () => {
  it("fires on real people paid to order who take the money back, whose accounts show nothing else", () => {
    const events = shoppingRoom(41);
    paidBuyers(events, 600_000);
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_ORDERS"]);
    const a = alerts[0]!;
    expect(signal(a, "kept_refund_share")!.value).toBeGreaterThanOrEqual(0.15);
    expect(signal(a, "refunding_buyers")!.value).toBeGreaterThanOrEqual(3);
    expect(a.evidenceEventIds.length).toBeGreaterThanOrEqual(3);
  });

  it("stays quiet when the same buyers order again after each refund (a price drop), even two minutes later", () => {
    const events = shoppingRoom(41);
    paidBuyers(events, 600_000, 120_000);
    expect(alertsFor(events)).toEqual([]);
  });

  it("waits out a refund's grace: a price drop's re-order four minutes after the refund does not make it count first", () => {
    const events = shoppingRoom(43);
    paidBuyers(events, 300_000, 240_000);
    expect(alertsFor(events)).toEqual([]);
  });

  it("stays quiet for a busy room's ordinary refunds: five of its buyers changing their minds", () => {
    const events = shoppingRoom(47);
    paidBuyers(events, 600_000);
    // Only the first five of them refund: 5 of about 65 orders.
    const refunds = events.filter((e) => e.body?.$case === "transaction" && e.body.value.kind === REFUND);
    const late = new Set(refunds.slice(5).map((e) => e.eventId));
    expect(alertsFor(events.filter((e) => !late.has(e.eventId)))).toEqual([]);
  });
});
