/**
 * Settled viewers who never interact and show two of three weak identity signals at once: a fresh account,
 * a phone another account of the room uses, a /24 that carries several of the room's accounts. Each signal is
 * a whole crowd's (a new-user campaign, a family, a campus), which is why each weighs little per account; a
 * room where many silent viewers stack two of them is a hanging farm spread thin, 1-4 accounts a phone on a
 * few /24s (the second blind generator's missed view farms, docs/falsification.md). Judged as a share of the
 * room's settled viewers in the views window.
 */
import type { Signal } from "@redline/proto";
import { addEvidence, type EvidenceItem } from "../evidence";
import { isFreshAccount } from "../primitives/account-age";
import type { AccountSlot, RoomState } from "../room-state";
import { windowOf } from "./cohort-state";
import type { FalsificationConfig } from "./falsification-config";
import { FAKE_VIEWS, type Finding } from "./finding";
import { judgedSlot } from "./room-signals";
import { ramp } from "./scoring";

const BASE_SCORE = 0.7;
const PART = 0.1;

function weakSignals(slot: AccountSlot, room: RoomState, timeMs: number, f: Readonly<FalsificationConfig>): number {
  let n = isFreshAccount(slot.createdMs, timeMs, f.freshAccountAgeMs) ? 1 : 0;
  if (slot.deviceId !== "" && (room.devices.get(slot.deviceId)?.length ?? 1) >= f.silentStackPhoneAccounts) n++;
  if (slot.ipPrefix !== "" && (room.cohort.subnets.get(slot.ipPrefix)?.accounts.length ?? 0) >= f.silentStackSubnetAccounts) n++;
  return n;
}

/** A FAKE_VIEWS finding when `silentStackShare` of the settled viewers are silent and stack two weak signals; null otherwise. */
export function silentStackFinding(room: RoomState, timeMs: number, f: Readonly<FalsificationConfig>, maxEvidence: number): Finding | null {
  const window = room.cohort.windows.views;
  if (window.size < f.silentStackMinViewers) return null;
  const since = timeMs - windowOf("views", f).windowMs;
  let settled = 0;
  let stacked = 0;
  const evidence: EvidenceItem[] = [];
  for (const [userId, entry] of window) {
    const slot = judgedSlot(room, "views", userId, entry.lastMs, since, timeMs, f);
    if (slot === undefined) continue;
    settled++;
    if (slot.interacted || weakSignals(slot, room, timeMs, f) < 2) continue;
    stacked++;
    addEvidence(evidence, { eventId: entry.eventId, weight: 1, timeMs: entry.lastMs }, maxEvidence);
  }
  if (settled < f.silentStackMinViewers || stacked < f.minSuspiciousViewers) return null;
  const share = stacked / settled;
  if (share < f.silentStackShare) return null;
  const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
  const size = PART * ramp(share, f.silentStackShare, 2 * f.silentStackShare);
  const signals: Signal[] = [
    { name: "silent_stacked_share", value: round4(share), contribution: round4(BASE_SCORE + size) },
    { name: "settled_viewers", value: settled, contribution: 0 },
  ];
  return {
    subcategory: FAKE_VIEWS,
    score: round4(BASE_SCORE + size),
    summary: `${stacked} of ${settled} settled viewers (${Math.round(share * 100)}%) never interact and are each fresh, on a shared phone or on a crowded /24, two at once: a farm spread thin`,
    signals,
    evidence,
  };
}
