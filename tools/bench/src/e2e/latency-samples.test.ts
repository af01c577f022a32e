import { phaseSamples, type AlertSeen, type ApplySeen } from "./latency-samples";

const alert = (alertId: string, subcategory: string, eventTimeMs: number, seenAtMs: number, roomId = `r-${alertId}`): [string, AlertSeen] => [
  alertId,
  { alertId, roomId, subcategory, eventTimeMs, seenAtMs },
];

describe("phaseSamples", () => {
  const alerts = new Map<string, AlertSeen>([
    alert("a1", "STREAMER_UNDERAGE", 1_000, 1_050),
    alert("a2", "REPEAT_OFFENDER", 2_000, 12_100),
    alert("a3", "REPEAT_OFFENDER", 50_000, 60_000),
  ]);
  const applies: ApplySeen[] = [
    { actionId: "x1", alertId: "a1", roomId: "r-a1", receivedAtMs: 1_080 },
    { actionId: "x1", alertId: "a1", roomId: "r-a1", receivedAtMs: 5_000 }, // a retry: the first call counts
    { actionId: "x2", alertId: "a2", roomId: "r-a2", receivedAtMs: 12_200 },
    { actionId: "x3", alertId: "a3", roomId: "r-a3", receivedAtMs: 60_100 }, // outside the phase
    { actionId: "x4", alertId: "gone", roomId: "r", receivedAtMs: 3_000 },
  ];

  it("splits early-fired from ordered actions and measures processing from the record that moved the watermark", () => {
    const s = phaseSamples({
      applies,
      alerts,
      fromMs: 0,
      toMs: 10_000,
      allowedLatenessMs: 10_000,
      partitionOf: () => 3,
      // Each trigger was acknowledged 5 ms after its tick; the first record at or after 12,000 on partition 3 at 12,040.
      firstAckedAtOrAfter: (p, t) => (p !== 3 ? undefined : { eventTimeMs: t, ackedAtMs: t + 5 }),
      earliestAckAtOrAfter: (p, t) => (p === 3 && t === 12_000 ? 12_040 : undefined),
    });
    expect(s.earlyEndToEnd).toEqual([75]);
    expect(s.endToEnd).toEqual([10_195]);
    expect(s.processing).toEqual([160]);
    expect(s.eventToAlert.sort((a, b) => a - b)).toEqual([45, 10_095]);
    expect(s.generatorLag).toEqual([5, 5]);
    expect(s.unmatched).toBe(1);
  });

  it("leaves out the processing figure when no record has moved the watermark yet", () => {
    const s = phaseSamples({
      applies,
      alerts,
      fromMs: 0,
      toMs: 10_000,
      allowedLatenessMs: 10_000,
      partitionOf: () => 0,
      firstAckedAtOrAfter: (_p, t) => (t < 10_000 ? { eventTimeMs: t, ackedAtMs: t } : undefined),
      earliestAckAtOrAfter: () => undefined,
    });
    expect(s.endToEnd).toEqual([10_200]);
    expect(s.processing).toEqual([]);
  });

  it("times the alerts a Tail received from their triggering record, inside the phase only", () => {
    const tailAlerts = new Map<string, AlertSeen>([alert("a1", "STREAMER_UNDERAGE", 1_000, 1_130), alert("a3", "REPEAT_OFFENDER", 50_000, 60_200)]);
    const s = phaseSamples({
      applies,
      alerts,
      tailAlerts,
      fromMs: 0,
      toMs: 10_000,
      allowedLatenessMs: 10_000,
      partitionOf: () => 3,
      firstAckedAtOrAfter: (_p, t) => ({ eventTimeMs: t, ackedAtMs: t + 5 }),
      earliestAckAtOrAfter: () => undefined,
    });
    expect(s.eventToTail).toEqual([125]);
    expect(s.eventToAlert.sort((a, b) => a - b)).toEqual([45, 10_095]);
  });

  it("has no Tail samples without a Tail reader", () => {
    const s = phaseSamples({ applies, alerts, fromMs: 0, toMs: 10_000, allowedLatenessMs: 10_000, partitionOf: () => 3, firstAckedAtOrAfter: (_p, t) => ({ eventTimeMs: t, ackedAtMs: t }), earliestAckAtOrAfter: () => undefined });
    expect(s.eventToTail).toEqual([]);
  });
});
