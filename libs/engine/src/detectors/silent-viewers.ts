/**
 * What the views window's settled viewers who never interact show together, one pass for two room-level
 * FAKE_VIEWS findings that no single account carries:
 * - *stacked*: each silent viewer shows two of three weak identity signals at once (a fresh account, a phone
 *   another account of the room uses, a /24 carrying several of the room's accounts). Each signal is a whole
 *   crowd's (a new-user campaign, a family, a campus), which is why each weighs little per account; most of a
 *   room's settled viewers stacking two is a hanging farm spread thin (redline-rules-15).
 * - *proxied phones*: the silent viewer's phone is used in the room by another account from a different /24.
 *   A handset carries its network: a household's accounts on one phone come from its Wi-Fi or carrier /24
 *   (threat model §4, `family_devices`). A phone whose accounts each arrive from their own /24 routes every
 *   account through a proxy pool, which is how a farm hides that 2-4 accounts share a handset (threat model
 *   §3, identity: proxy pools and residential proxies). A few such viewers are a count no crowd reaches by
 *   chance (redline-rules-16, docs/falsification.md).
 */
import type { Signal } from "@redline/proto";
import { deviceAccountsOf, deviceCount } from "../account-refs";
import { addEvidence, type EvidenceItem } from "../evidence";
import { isFreshAccount } from "../primitives/account-age";
import type { AccountSlot, RoomState } from "../room-state";
import { windowOf, type WindowEntry } from "./cohort-state";
import type { WindowVisitor } from "./cohort";
import type { FalsificationConfig } from "./falsification-config";
import { FAKE_VIEWS, type Finding } from "./finding";
import { onProxiedPhone } from "./proxied-phone";
import { judgedSlot } from "./room-signals";
import { subnetCount } from "./crowd";
import { ramp } from "./scoring";

const BASE_SCORE = 0.7;
const PART = 0.1;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function weakSignals(slot: AccountSlot, room: RoomState, timeMs: number, f: Readonly<FalsificationConfig>): number {
  let n = isFreshAccount(slot.createdMs, timeMs, f.freshAccountAgeMs) ? 1 : 0;
  if ((deviceCount(room, slot) ?? 1) >= f.silentStackPhoneAccounts) n++;
  if (subnetCount(room, slot) >= f.silentStackSubnetAccounts) n++;
  return n;
}

/**
 * Silent through a whole visit, or for this long into the current one: a like or order farm's accounts also join
 * first and sit silent on their proxied phones until their wave starts, minutes later.
 */
const quietFor = (slot: AccountSlot, timeMs: number, quietMs: number): boolean => slot.joinMs < 0 || timeMs - slot.joinMs >= quietMs;

/** No account on the slot's phone has liked, followed or bought here: a like or follow farm's phones soon have. */
function phoneSilent(slot: AccountSlot, room: RoomState): boolean {
  for (const other of deviceAccountsOf(room, slot) ?? []) if (room.accounts.get(other)?.engaged === true) return false;
  return true;
}

interface SilentCounts {
  settled: number;
  stacked: number;
  proxied: number;
  stackedEvidence: EvidenceItem[];
  proxiedEvidence: EvidenceItem[];
}

/**
 * Counts the views window's silent settled viewers as a pass over the window meets them: its own pass
 * (`silentViewersFinding`), or the cohort's judgement of the views window (cohort.ts, `judgeCohort`), which
 * then needs no second visit of every viewer (#12, #15: this pass was a third of the engine's window visits).
 * `visit` takes a settled viewer whose entry is within the window (`since`), in window order.
 */
export class SilentTally implements WindowVisitor {
  since = 0;
  private maxEvidence = 0;
  private counts: SilentCounts = SilentTally.empty();

  private static empty(): SilentCounts {
    return { settled: 0, stacked: 0, proxied: 0, stackedEvidence: [], proxiedEvidence: [] };
  }

  /** Starts a count at `timeMs`: fresh counts and evidence lists (a finding keeps the lists it cites). */
  begin(timeMs: number, f: Readonly<FalsificationConfig>, maxEvidence: number): this {
    this.since = timeMs - windowOf("views", f).windowMs;
    this.maxEvidence = maxEvidence;
    this.counts = SilentTally.empty();
    return this;
  }

  visit(room: RoomState, slot: AccountSlot, entry: WindowEntry, timeMs: number, f: Readonly<FalsificationConfig>): void {
    const out = this.counts;
    out.settled++;
    if (slot.interacted) return;
    // The evidence item is made only for a viewer that counts (#15).
    let item: EvidenceItem | undefined;
    if (weakSignals(slot, room, timeMs, f) >= 2) {
      out.stacked++;
      addEvidence(out.stackedEvidence, (item ??= { eventId: entry.eventId, weight: 1, timeMs: entry.lastMs }), this.maxEvidence);
    }
    if (quietFor(slot, timeMs, f.proxiedPhoneQuietMs) && onProxiedPhone(slot, room) && phoneSilent(slot, room)) {
      out.proxied++;
      addEvidence(out.proxiedEvidence, (item ??= { eventId: entry.eventId, weight: 1, timeMs: entry.lastMs }), this.maxEvidence);
    }
  }

  /** The finding from the viewers counted (stacked weak signals first, then proxied phones); null when neither holds or the window is too small. */
  finding(room: RoomState, f: Readonly<FalsificationConfig>): Finding | null {
    if (room.cohort.windows.views.size < Math.min(f.silentStackMinViewers, f.proxiedPhoneViewers)) return null;
    return stackedFinding(this.counts, f) ?? proxiedFinding(this.counts, f);
  }
}

function stackedFinding(c: SilentCounts, f: Readonly<FalsificationConfig>): Finding | null {
  if (c.settled < f.silentStackMinViewers || c.stacked < f.minSuspiciousViewers) return null;
  const share = c.stacked / c.settled;
  if (share < f.silentStackShare) return null;
  const score = round4(BASE_SCORE + PART * ramp(share, f.silentStackShare, 2 * f.silentStackShare));
  const signals: Signal[] = [
    { name: "silent_stacked_share", value: round4(share), contribution: score },
    { name: "settled_viewers", value: c.settled, contribution: 0 },
  ];
  return {
    subcategory: FAKE_VIEWS,
    score,
    summary: `${c.stacked} of ${c.settled} settled viewers (${Math.round(share * 100)}%) never interact and are each fresh, on a shared phone or on a crowded /24, two at once: a farm spread thin`,
    signals,
    evidence: c.stackedEvidence,
  };
}

function proxiedFinding(c: SilentCounts, f: Readonly<FalsificationConfig>): Finding | null {
  if (c.proxied < f.proxiedPhoneViewers) return null;
  const share = c.proxied / c.settled;
  if (share < f.proxiedPhoneShare) return null;
  const score = round4(BASE_SCORE + PART * ramp(c.proxied, f.proxiedPhoneViewers, 2 * f.proxiedPhoneViewers));
  const signals: Signal[] = [
    { name: "silent_proxied_phone_viewers", value: c.proxied, contribution: score },
    { name: "settled_viewers", value: c.settled, contribution: 0 },
  ];
  return {
    subcategory: FAKE_VIEWS,
    score,
    summary: `${c.proxied} of ${c.settled} settled viewers never interact and share a phone with another account of the room that comes from a different /24: accounts on one handset behind a proxy pool`,
    signals,
    evidence: c.proxiedEvidence,
  };
}

/** A FAKE_VIEWS finding from the window's silent settled viewers (stacked weak signals first, then proxied phones); null when neither holds. */
export function silentViewersFinding(room: RoomState, timeMs: number, f: Readonly<FalsificationConfig>, maxEvidence: number): Finding | null {
  if (room.cohort.windows.views.size < Math.min(f.silentStackMinViewers, f.proxiedPhoneViewers)) return null;
  const tally = new SilentTally().begin(timeMs, f, maxEvidence);
  // forEach, not for-of: V8 allocated a [key, value] pair per entry (#15).
  room.cohort.windows.views.forEach((entry, userId) => {
    const slot = judgedSlot(room, "views", userId, entry, tally.since, timeMs, f);
    if (slot !== undefined) tally.visit(room, slot, entry, timeMs, f);
  });
  return tally.finding(room, f);
}
