/**
 * Builders for this package's tests: alerts as the engine would raise them,
 * the few events the policy reads, and a small policy document to vary.
 */
import { AgeBand, LiveEvent, RiskCategory, RoomEventKind, Severity, TransactionKind } from "@redline/proto";
import type { Alert } from "@redline/proto";
import { alertIdOf } from "@redline/engine";

export const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);
export const MIN = 60_000;
export const HOUR = 3_600_000;

export function alertAt(timeMs: number, o: Partial<Alert> = {}): Alert {
  const category = o.category ?? RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION;
  const subcategory = o.subcategory ?? "FAKE_LIKES";
  const roomId = o.roomId ?? "room-1";
  return {
    alertId: alertIdOf(roomId, o.subjectUserId ?? "", category, subcategory, timeMs),
    roomId,
    subjectUserId: "",
    category,
    subcategory,
    severity: Severity.SEVERITY_HIGH,
    score: 0.9,
    eventTimeMs: timeMs,
    explanation: { summary: "likes from a device farm", signals: [] },
    evidenceEventIds: [],
    modelVersion: "m1",
    policyVersion: "",
    ...o,
  };
}

let seq = 0;
function envelope(roomId: string, timeMs: number, body: LiveEvent["body"], platform = "shop-a"): LiveEvent {
  return LiveEvent.fromPartial({ eventId: `ev${++seq}`, roomId, eventTimeMs: timeMs, platform, body });
}

export function roomStarted(roomId: string, timeMs: number, followerCount: number, kind = RoomEventKind.ROOM_EVENT_KIND_STARTED): LiveEvent {
  return envelope(roomId, timeMs, { $case: "room", value: { kind, followerCount, category: "beauty", title: "live", streamer: { userId: `s-${roomId}`, realNameVerified: true, virtualAvatar: false } } });
}

export function sale(roomId: string, timeMs: number, amountCents: number, kind = TransactionKind.TRANSACTION_KIND_ORDER): LiveEvent {
  return envelope(roomId, timeMs, {
    $case: "transaction",
    value: { orderId: `o${seq}`, buyer: { userId: "buyer", accountCreatedMs: 0, deviceId: "d", ipPrefix: "198.51.100.0/24", ageBand: AgeBand.AGE_BAND_ADULT, realNameVerified: true }, kind, skuId: "sku", amountCents, currency: "USD", paymentAccountId: "p", shippingAddressHash: "a" },
  });
}

type Doc = Record<string, unknown>;

/** A small valid policy: falsification ladder of four rungs (two severe, for HIGH), key-room thresholds of 1000 followers or 10,000 cents an hour. */
export function smallPolicyDoc(version = "test.1"): Doc {
  return {
    schemaVersion: 1,
    policyVersion: version,
    keyRooms: {
      minFollowers: 1000,
      minSalesCents: 10_000,
      salesWindowMs: HOUR,
      episodeIdleMs: 6 * HOUR,
      actions: [
        { kind: "ASSIGN_INSPECTOR", target: "room", expiresAfterMs: 24 * HOUR },
        { kind: "EXTEND_RETENTION", target: "room", params: { retentionDays: 365 }, expiresAfterMs: 0 },
      ],
    },
    rules: [
      { id: "underage", category: "MINOR_PROTECTION", subcategory: "STREAMER_UNDERAGE", minSeverity: "LOW", roomTier: "*", about: "room", cooldownMs: HOUR, escalationWindowMs: 24 * HOUR, ladder: [{ kind: "BLOCK_STREAM", target: "room", expiresAfterMs: 0 }] },
      {
        id: "tipping", category: "MINOR_PROTECTION", subcategory: "MINOR_TIPPING", minSeverity: "LOW", roomTier: "*", about: "account", cooldownMs: HOUR, escalationWindowMs: 24 * HOUR,
        ladder: [{ kind: "RESTRICT_FUNCTION", target: "subject", params: { function: "tipping" }, expiresAfterMs: 24 * HOUR, with: [{ kind: "POPUP_PROMPT", target: "subject", params: { text: "no tipping for minors" }, expiresAfterMs: HOUR }] }],
      },
      {
        id: "fals-key", category: "DATA_FALSIFICATION", subcategory: "*", minSeverity: "HIGH", roomTier: "key", cooldownMs: 10 * MIN, escalationWindowMs: 2 * HOUR,
        ladder: [{ kind: "PROMINENT_LABEL", target: "room", params: { text: "key: inflated" }, expiresAfterMs: HOUR }, { kind: "BLOCK_STREAM", target: "room", expiresAfterMs: HOUR }],
      },
      {
        id: "fals-high", category: "DATA_FALSIFICATION", subcategory: "*", minSeverity: "HIGH", roomTier: "*", cooldownMs: 10 * MIN, escalationWindowMs: 2 * HOUR,
        ladder: [
          { kind: "POPUP_PROMPT", target: "room", params: { text: "figures may be inflated" }, expiresAfterMs: HOUR },
          { kind: "PROMINENT_LABEL", target: "room", params: { text: "inflated figures" }, expiresAfterMs: 2 * HOUR },
          { kind: "RESTRICT_FUNCTION", target: "room", params: { function: "links" }, expiresAfterMs: 3 * HOUR },
          { kind: "THROTTLE_TRAFFIC", target: "room", params: { throttleFactor: 0.5 }, expiresAfterMs: 4 * HOUR },
          { kind: "BLOCK_STREAM", target: "room", expiresAfterMs: 5 * HOUR },
          { kind: "CLOSE_ACCOUNT", target: "room", expiresAfterMs: 0 },
        ],
      },
      {
        id: "fals-medium", category: "DATA_FALSIFICATION", subcategory: "*", minSeverity: "MEDIUM", roomTier: "*", cooldownMs: 10 * MIN, escalationWindowMs: 2 * HOUR,
        ladder: [
          { kind: "POPUP_PROMPT", target: "room", params: { text: "figures may be inflated" }, expiresAfterMs: HOUR },
          { kind: "PROMINENT_LABEL", target: "room", params: { text: "inflated figures" }, expiresAfterMs: 2 * HOUR },
        ],
      },
    ],
  };
}
