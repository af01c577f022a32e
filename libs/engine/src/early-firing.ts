/**
 * Early firing (issue 15). Every decision waits for the watermark, which
 * trails the newest event by the allowed lateness (10 s in the service), so
 * a block of an under-age stream waited 10 s for nothing: a streamer's
 * stated age and a minor's tip are judged on the one event that states
 * them, whatever came before. Such findings are raised when the event is
 * ingested; when the watermark-ordered path raises the same finding (same
 * alert id) or another of the same offence within the cooldown, it is not
 * raised twice, so the policy sees one alert and names one action.
 *
 * The early path follows the order events arrive in, which for one topic is
 * the order of its records — what `redline replay` reads from a recording —
 * so service and replay still agree. At most one alert per offence within
 * the cooldown, whichever of the two paths came first: an offence stated
 * twice in reverse order yields the later statement's alert, not both.
 */
import { RoomEventKind, TransactionKind } from "@redline/proto";
import type { LiveEvent } from "@redline/proto";
import { evictOldest } from "@redline/common";
import { detectMinorStreamer, detectMinorTip } from "./detectors/minor-protection";
import type { ContentFinding } from "./detectors/content-finding";
import { MINOR_TIPPING, STREAMER_MINOR_NO_CONSENT, STREAMER_UNDERAGE } from "./detectors/content-finding";

const ORDER_FREE_SUBCATEGORIES: ReadonlySet<string> = new Set([STREAMER_UNDERAGE, STREAMER_MINOR_NO_CONSENT, MINOR_TIPPING]);

/** Fire times kept per offence: a few, since one per cooldown is raised. */
const TIMES_PER_OFFENCE = 4;

/** The finding of a rule that needs no other event than this one, if the event calls for one. */
export function orderFreeFinding(event: LiveEvent): ContentFinding | null {
  const body = event.body;
  if (body?.$case === "room") {
    const kind = body.value.kind;
    if (kind !== RoomEventKind.ROOM_EVENT_KIND_STARTED && kind !== RoomEventKind.ROOM_EVENT_KIND_UPDATED) return null;
    return detectMinorStreamer(body.value.streamer, event.eventId, event.eventTimeMs);
  }
  if (body?.$case === "transaction") {
    const tx = body.value;
    if (tx.kind !== TransactionKind.TRANSACTION_KIND_TIP || tx.buyer === undefined || tx.buyer.userId === "") return null;
    return detectMinorTip(tx.buyer.userId, tx.buyer.ageBand, tx.amountCents, event.eventId, event.eventTimeMs);
  }
  return null;
}

export function isOrderFree(subcategory: string): boolean {
  return ORDER_FREE_SUBCATEGORIES.has(subcategory);
}

const offenceOf = (roomId: string, finding: Pick<ContentFinding, "subcategory" | "subjectUserId">): string =>
  `${roomId}\u0000${finding.subcategory}\u0000${finding.subjectUserId}`;

/** Event times of the findings fired early, per offence (room, subcategory, subject); bounded. */
export class EarlyFirings {
  constructor(
    private readonly fired: Map<string, number[]>,
    private readonly cooldownMs: number,
    private readonly maxOffences: number,
  ) {}

  /** True, and remembered, when no early alert of this offence lies within the cooldown of `timeMs`. */
  tryFire(roomId: string, finding: ContentFinding, timeMs: number): boolean {
    const key = offenceOf(roomId, finding);
    const times = this.fired.get(key);
    if (times !== undefined && this.near(times, timeMs)) return false;
    const next = [...(times ?? []), timeMs].sort((a, b) => a - b).slice(-TIMES_PER_OFFENCE);
    this.fired.delete(key);
    this.fired.set(key, next);
    evictOldest(this.fired, this.maxOffences);
    return true;
  }

  /** Whether the ordered path's alert for this offence at `timeMs` was already raised early. */
  covers(roomId: string, finding: ContentFinding, timeMs: number): boolean {
    const times = this.fired.get(offenceOf(roomId, finding));
    return times !== undefined && this.near(times, timeMs);
  }

  /** The state for snapshots (plain data). */
  get state(): Map<string, number[]> {
    return this.fired;
  }

  private near(times: readonly number[], timeMs: number): boolean {
    return times.some((t) => Math.abs(t - timeMs) < this.cooldownMs);
  }
}
