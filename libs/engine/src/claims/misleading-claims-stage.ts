/**
 * Misleading claims (issue 22) as a pipeline stage: every transcript segment
 * the engine applies is read and its claims checked against the facts of the
 * product spoken of, as they held at the segment's time (the `live.products`
 * table, injected); findings wait out a short hold so a correction a
 * sentence later withdraws them, then leave as MISLEADING_CLAIMS alerts with
 * the claim, the fact and the segment as evidence. Holds are released by
 * event time only — by a later event of the partition, or by the pipeline's
 * idle step at the watermark — so the service and `redline replay` release
 * the same findings.
 */
import type { LiveEvent } from "@redline/proto";
import { assessSpokenSegment, createRoomClaimHold, holdSegment, releaseDue, type HeldSegment, type ProductFactsLookup, type RoomClaimHold } from "@redline/claims";
import type { OutputStage, PipelineOutput } from "../pipeline";
import { alertFromHeldSegment } from "./claims-alert";

export interface ClaimsStageConfig {
  /** How long a finding waits for a correction before it is raised (event time). */
  holdMs: number;
  maxHeldPerRoom: number;
  /** Rooms with findings on hold; beyond it the room quiet the longest is released at once. */
  maxRooms: number;
}

export const DEFAULT_CLAIMS_STAGE_CONFIG: Readonly<ClaimsStageConfig> = Object.freeze({ holdMs: 15_000, maxHeldPerRoom: 32, maxRooms: 50_000 });

export class MisleadingClaimsStage implements OutputStage {
  static readonly STAGE_NAME = "misleading-claims";
  readonly name = MisleadingClaimsStage.STAGE_NAME;
  private rooms = new Map<string, RoomClaimHold>();
  /** Earliest due time on hold (Infinity: nothing held), so most events skip the scan. */
  private nextDueMs = Number.POSITIVE_INFINITY;

  constructor(
    private readonly products: ProductFactsLookup,
    private readonly modelVersion: string,
    private readonly cfg: Readonly<ClaimsStageConfig> = DEFAULT_CLAIMS_STAGE_CONFIG,
  ) {}

  process(outputs: PipelineOutput[]): PipelineOutput[] {
    return outputs;
  }

  observe(event: LiveEvent): PipelineOutput[] {
    // Strictly before: a segment at exactly the due time may still correct it.
    const out = this.release((due) => due < event.eventTimeMs);
    if (event.body?.$case !== "transcript") return out;
    const segment = event.body.value;
    const assessment = assessSpokenSegment({ text: segment.text, roomId: event.roomId, skuId: segment.skuId, atMs: event.eventTimeMs }, this.products);
    let hold = this.rooms.get(event.roomId);
    if (hold === undefined && assessment.checks.every((c) => c.gravity === "NONE") && !assessment.reading.retractsEarlier) return out;
    if (hold === undefined) {
      hold = createRoomClaimHold();
      this.rooms.set(event.roomId, hold);
      for (const [roomId, evicted] of this.evictRooms()) out.push(...evicted.held.map((h) => this.alertOf(roomId, h)));
    }
    const overflow = holdSegment(
      hold,
      { eventId: event.eventId, segmentId: segment.segmentId, skuId: assessment.skuId, text: segment.text, timeMs: event.eventTimeMs },
      assessment.reading,
      assessment.checks,
      this.cfg.holdMs,
      this.cfg.maxHeldPerRoom,
    );
    out.push(...overflow.map((h) => this.alertOf(event.roomId, h)));
    if (hold.held.length === 0) this.rooms.delete(event.roomId);
    for (const h of hold.held) this.nextDueMs = Math.min(this.nextDueMs, h.dueMs);
    return out;
  }

  idle(watermarkMs: number): PipelineOutput[] {
    return this.release((due) => due <= watermarkMs);
  }

  /** Rooms with findings on hold, for counters and tests. */
  get roomsHolding(): number {
    return this.rooms.size;
  }

  snapshot(): Uint8Array {
    return Buffer.from(JSON.stringify({ rooms: [...this.rooms] }), "utf8");
  }

  restore(bytes: Uint8Array): void {
    const state = JSON.parse(Buffer.from(bytes).toString("utf8")) as { rooms: Array<[string, RoomClaimHold]> };
    this.rooms = new Map(state.rooms);
    this.nextDueMs = Math.min(Number.POSITIVE_INFINITY, ...[...this.rooms.values()].flatMap((r) => r.held.map((h) => h.dueMs)));
  }

  private release(isDue: (dueMs: number) => boolean): PipelineOutput[] {
    if (!isDue(this.nextDueMs)) return [];
    const released: Array<[string, HeldSegment]> = [];
    let next = Number.POSITIVE_INFINITY;
    for (const [roomId, hold] of this.rooms) {
      const due = hold.held.filter((h) => isDue(h.dueMs));
      if (due.length > 0) for (const h of releaseDue(hold, Math.max(...due.map((d) => d.dueMs)))) released.push([roomId, h]);
      if (hold.held.length === 0) this.rooms.delete(roomId);
      for (const h of hold.held) next = Math.min(next, h.dueMs);
    }
    this.nextDueMs = next;
    // Oldest first, then by room and segment: the order does not depend on the map's.
    released.sort(([ra, a], [rb, b]) => a.dueMs - b.dueMs || (ra < rb ? -1 : ra > rb ? 1 : a.eventId < b.eventId ? -1 : 1));
    return released.map(([roomId, h]) => this.alertOf(roomId, h));
  }

  /** Past `maxRooms`, the room put on hold longest ago is raised at once rather than forgotten. */
  private evictRooms(): Array<[string, RoomClaimHold]> {
    const evicted: Array<[string, RoomClaimHold]> = [];
    while (this.rooms.size > this.cfg.maxRooms) {
      const [roomId, hold] = this.rooms.entries().next().value as [string, RoomClaimHold];
      this.rooms.delete(roomId);
      evicted.push([roomId, hold]);
    }
    return evicted;
  }

  private alertOf(roomId: string, held: HeldSegment): PipelineOutput {
    return { alert: alertFromHeldSegment(roomId, held, this.modelVersion) };
  }
}
