import type { Alert, LiveEvent } from "@redline/proto";
import { Severity, TransactionKind } from "@redline/proto";
import { RiskEngine } from "../engine";
import { actor, join, order, seeded, T0 } from "../testing/event-builders";
import { DEFAULT_FALSIFICATION_CONFIG } from "./falsification-config";

const ROOM = "room-campaign";
const DAY = 86_400_000;
const REFUND = TransactionKind.TRANSACTION_KIND_REFUND;

function orderAlerts(events: readonly LiveEvent[], refundTellMinShare = DEFAULT_FALSIFICATION_CONFIG.refundTellMinShare): Alert[] {
  const engine = new RiskEngine({ falsification: { ...DEFAULT_FALSIFICATION_CONFIG, refundTellMinShare } });
  const sorted = [...events].sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
  const alerts = [...sorted.map((e) => engine.ingest(e)), engine.flush()].flatMap((s) => s.outputs.map((o) => o.alert));
  return alerts.filter((a) => a.subcategory === "FAKE_ORDERS" && a.severity >= Severity.SEVERITY_MEDIUM);
}

/**
 * A new-user campaign (threat model §4): `buyers` accounts 0-3 days old, created over days (not a batch), each on
 * its own phone, card, address and /24, watch a minute or two and buy a ¥1.99 item, about one every 20 s at
 * random; the last `refunders` of them take the money back.
 */
function campaign(buyers: number, refunders: number): LiveEvent[] {
  const rand = seeded(5);
  const out: LiveEvent[] = [];
  for (let b = 0, at = T0 + 120_000; b < buyers; b++, at += 2_000 + Math.floor(rand() * 36_000)) {
    const newcomer = actor(`new-${b}`, { createdMs: at - DAY / 10 - Math.floor(rand() * 2.8 * DAY), ip: `100.${64 + (b % 60)}.${Math.floor(b / 60)}.0/24` });
    const o = { amountCents: 199, orderId: `c-${b}` };
    out.push(join(ROOM, at - 60_000 - Math.floor(rand() * 90_000), newcomer), order(ROOM, at, newcomer, o));
    if (b >= buyers - refunders) out.push(order(ROOM, at + 60_000, newcomer, { ...o, kind: REFUND }));
  }
  return out;
}

describe("a refund in a room where refunds are rare", () => {
  it("is no tell: a campaign's newcomers buying cheap and a few refunding raise nothing", () => {
    // 6 refunds of 360 orders (1.7 %): each refunder is fresh and bought low, and with the refund reaches the
    // suspicious weight, which without the room's rate made the campaign's last half hour a cohort.
    expect(orderAlerts(campaign(360, 6), 0)).not.toEqual([]);
    expect(orderAlerts(campaign(360, 6)).map((a) => a.explanation!.summary)).toEqual([]);
  });

  it("is a tell again where refunds are common: the same buyers with a ring's refund rate", () => {
    expect(orderAlerts(campaign(120, 12))).not.toEqual([]);
  });
});
