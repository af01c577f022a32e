import { PRODUCT_TEMPLATES, type ProductTemplate } from "./catalog";
import { misleadingClaim } from "./claims";
import { fillerEpisode, hardNegativeEpisode, misleadingEpisode, superlativeEpisode, type RoomCatalog, type SegmentDraft } from "./episodes";
import { makeSkuFacts } from "./facts";
import { Rng } from "./rng";
import {
  HARD_NEGATIVE_KINDS,
  MISLEADING_KINDS,
  type ClaimScenarios,
  type HardNegativeKind,
  type MisleadingKind,
  type ScenarioOptions,
  type SegmentTruth,
  type TranscriptSegment,
} from "./types";

type EpisodePlan = { type: "misleading"; kind: MisleadingKind } | { type: "hardNegative"; kind: HardNegativeKind } | { type: "superlative" };

interface RoomPlan extends RoomCatalog {
  roomId: string;
  streamerId: string;
  episodes: EpisodePlan[];
}

const TRACE_CATEGORIES = ["bird_nest_drink", "face_cream"];
const pad = (n: number, width: number) => String(n).padStart(width, "0");

function planRooms(rng: Rng, o: ScenarioOptions): RoomPlan[] {
  return Array.from({ length: o.rooms }, (_, r) => {
    const roomId = `claims-${o.seed}-room-${pad(r + 1, 2)}`;
    const streamStartMs = o.startMs + rng.int(0, 40) * 60_000;
    const templates = rng.shuffle([...PRODUCT_TEMPLATES]).slice(0, rng.int(3, 4));
    // Every other room sells a trace-ingredient product (the seed's 0.014 % bird's nest), or "rich in" could not be falsified.
    if (r % 2 === 0 && !templates.some((t) => TRACE_CATEGORIES.includes(t.category))) {
      const trace = rng.pick(TRACE_CATEGORIES);
      templates[0] = PRODUCT_TEMPLATES.find((t) => t.category === trace) as ProductTemplate;
    }
    const skus = templates.map((t, k) =>
      makeSkuFacts(rng.fork(), t, { skuId: `sku-${o.seed}-${pad(r + 1, 2)}-${k + 1}`, roomId, linkNumber: k + 1 }, streamStartMs),
    );
    return { roomId, streamerId: `streamer-${o.seed}-${pad(r + 1, 2)}`, streamStartMs, skus, episodes: [] };
  });
}

/** Whether some SKU of the room can carry a false claim of this kind (a trace ingredient for "rich in"…). */
function canBear(room: RoomPlan, kind: MisleadingKind): boolean {
  const probe = new Rng(0);
  return room.skus.some((f) => misleadingClaim(probe, kind, f, room.streamStartMs) !== null);
}

/** The least busy of the rooms given, ties broken at random, so every room gets about as many episodes. */
function leastBusy(rng: Rng, rooms: RoomPlan[]): RoomPlan {
  const fewest = Math.min(...rooms.map((r) => r.episodes.length));
  return rng.pick(rooms.filter((r) => r.episodes.length === fewest));
}

/**
 * Every kind in turn from a random start, so each appears equally often, each
 * misleading one in a room whose SKUs can bear it; then the rest over the rooms.
 */
function dealEpisodes(rng: Rng, o: ScenarioOptions, rooms: RoomPlan[]): void {
  const misleadingStart = rng.int(0, MISLEADING_KINDS.length - 1);
  for (let i = 0; i < o.misleadingSegments; i++) {
    const kind = MISLEADING_KINDS[(misleadingStart + i) % MISLEADING_KINDS.length] as MisleadingKind;
    const able = rooms.filter((r) => canBear(r, kind));
    leastBusy(rng, able.length > 0 ? able : rooms).episodes.push({ type: "misleading", kind });
  }
  const rest: EpisodePlan[] = [];
  const negativeStart = rng.int(0, HARD_NEGATIVE_KINDS.length - 1);
  for (let i = 0; i < o.hardNegativeEpisodes; i++) {
    rest.push({ type: "hardNegative", kind: HARD_NEGATIVE_KINDS[(negativeStart + i) % HARD_NEGATIVE_KINDS.length] as HardNegativeKind });
  }
  for (let i = 0; i < o.superlatives; i++) rest.push({ type: "superlative" });
  for (const plan of rng.shuffle(rest)) leastBusy(rng, rooms).episodes.push(plan);
}

/** Should no room bear a kind (a seed with no blend to call pure), it gives way to the next kind. */
function draftMisleading(rng: Rng, kind: MisleadingKind, room: RoomPlan): SegmentDraft[] {
  const start = MISLEADING_KINDS.indexOf(kind);
  for (let step = 0; step < MISLEADING_KINDS.length; step++) {
    const drafts = misleadingEpisode(rng, MISLEADING_KINDS[(start + step) % MISLEADING_KINDS.length] as MisleadingKind, room);
    if (drafts) return drafts;
  }
  throw new RangeError(`${room.roomId}: no misleading claim possible`);
}

function draftEpisode(rng: Rng, plan: EpisodePlan, room: RoomPlan): SegmentDraft[] {
  if (plan.type === "misleading") return draftMisleading(rng, plan.kind, room);
  if (plan.type === "hardNegative") return hardNegativeEpisode(rng, plan.kind, room);
  return superlativeEpisode(rng, room);
}

/** Speech runs at about 4 Chinese characters or 14 Latin characters a second. */
function speechMs(rng: Rng, text: string): number {
  const cjk = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  const latin = text.length - cjk;
  return Math.round((cjk * 250 + latin * 70) * rng.between(0.85, 1.2)) + 400;
}

function layOutRoom(rng: Rng, room: RoomPlan, fillers: number): { segments: TranscriptSegment[]; truth: SegmentTruth[] } {
  const episodes = rng.shuffle([...room.episodes.map((p) => draftEpisode(rng, p, room)), ...Array.from({ length: fillers }, () => fillerEpisode(rng, room))]);
  const segments: TranscriptSegment[] = [];
  const truth: SegmentTruth[] = [];
  let cursorMs = room.streamStartMs + rng.int(5_000, 60_000);
  for (const episode of episodes) {
    episode.forEach((d, i) => {
      // A correction follows at once; a new topic after a pause.
      cursorMs += i === 0 ? rng.int(2_000, 25_000) : rng.int(300, 1_500);
      const segmentId = `${room.roomId}-seg-${pad(segments.length + 1, 3)}`;
      const endMs = cursorMs + speechMs(rng, d.text);
      segments.push({ segmentId, roomId: room.roomId, streamerId: room.streamerId, startMs: cursorMs, endMs, skuOnScreen: d.skuOnScreen, lang: d.lang, text: d.text });
      const previous = truth[truth.length - 1];
      const corrects = d.correctsPrevious && previous ? previous.segmentId : null;
      if (corrects && previous) previous.correctedBySegmentId = segmentId;
      const t = d.truth;
      // Fields spelled out so every record of truth.json has the same key order.
      truth.push({
        segmentId, roomId: room.roomId, label: t.label, kind: t.kind, hardNegative: t.hardNegative, aboutSkuId: t.aboutSkuId,
        claim: t.claim, contradicts: t.contradicts, expectedMinSeverity: t.expectedMinSeverity, expectedMaxSeverity: t.expectedMaxSeverity,
        correctsSegmentId: corrects, correctedBySegmentId: null,
      });
      cursorMs = endMs;
    });
  }
  return { segments, truth };
}

function validate(o: ScenarioOptions): void {
  for (const [name, value] of Object.entries(o)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`option ${name} must be a non-negative integer, got ${value}`);
  }
  if (o.rooms < 1) throw new RangeError("option rooms must be at least 1");
}

/** Facts, transcript segments and truth for one seed; the same seed gives the same output. */
export function generateClaimScenarios(options: ScenarioOptions): ClaimScenarios {
  validate(options);
  const rng = new Rng(options.seed);
  const rooms = planRooms(rng.fork(), options);
  dealEpisodes(rng.fork(), options, rooms);
  const laidOut = rooms.map((room) => layOutRoom(rng.fork(), room, options.fillersPerRoom));
  const order = (a: TranscriptSegment, b: TranscriptSegment) => a.startMs - b.startMs || a.segmentId.localeCompare(b.segmentId);
  const segments = laidOut.flatMap((r) => r.segments).sort(order);
  const truthById = new Map(laidOut.flatMap((r) => r.truth).map((t) => [t.segmentId, t]));
  const truth = segments.map((s) => truthById.get(s.segmentId) as SegmentTruth);
  return { facts: rooms.flatMap((r) => r.skus), segments, truth };
}
