/**
 * Turns the blind claim scenarios (tools/claim-scenarios, format
 * `redline.claim-scenarios/v1`, see its README) into the contract: each SKU's
 * facts as `ProductFacts` versions on `live.products` — a new version at each
 * moment a certification or a brand authorisation lapses, since a version
 * holds from its own time — and each segment as a transcript `LiveEvent` at
 * its end. Each room ends a minute after its last segment, as rooms do.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BrandAuthorisation, LiveEvent, ProductFacts, RoomEventKind } from "@redline/proto";

export interface Bilingual {
  zh: string;
  en: string;
}

export interface ScenarioFact {
  skuId: string;
  roomId: string;
  linkNumber: number;
  category: string;
  name: Bilingual;
  composition: Array<{ ingredientId: string; name: Bilingual; percent: number }>;
  origin: { country: string };
  certifications: Array<{ code: string; certificateId: string; validUntilMs: number | null }>;
  brandAuthorization: { brand: Bilingual; status: "OWN_BRAND" | "AUTHORIZED" | "NONE"; validUntilMs: number | null };
  priceHistory: Array<{ channel: "LIVE_ROOM" | "OWN_STORE" | "OTHER_PLATFORM"; fromMs: number; priceCents: number }>;
  netQuantity?: { unitCount: number; perUnitAmount: number; unit: string };
}

export interface ScenarioSegment {
  segmentId: string;
  roomId: string;
  streamerId: string;
  startMs: number;
  endMs: number;
  skuOnScreen: string | null;
  lang: string;
  text: string;
}

export interface ScenarioTruth {
  segmentId: string;
  roomId: string;
  label: "MISLEADING" | "UNVERIFIABLE_SUPERLATIVE" | "OK";
  kind: string;
  hardNegative: boolean;
}

export interface Scenario {
  facts: ScenarioFact[];
  segments: ScenarioSegment[];
  truth: ScenarioTruth[];
}

/** A room's end this long after its last segment releases what is still on hold. */
const ROOM_END_AFTER_MS = 60_000;
/** Channels: the live room is the listing itself; the seller's store is its own ("own:"); the rest are elsewhere. */
const CHANNEL: Readonly<Record<ScenarioFact["priceHistory"][number]["channel"], string>> = { LIVE_ROOM: "", OWN_STORE: "own:store", OTHER_PLATFORM: "other-platform" };

function factsAt(fact: ScenarioFact, validFromMs: number): ProductFacts {
  const auth = fact.brandAuthorization;
  const authorised = auth.status === "OWN_BRAND" || (auth.status === "AUTHORIZED" && (auth.validUntilMs === null || auth.validUntilMs > validFromMs));
  return ProductFacts.fromPartial({
    skuId: fact.skuId,
    validFromMs,
    name: fact.name.zh,
    aliases: [fact.name.en],
    brand: auth.brand.en,
    composition: fact.composition.map((c) => ({ name: c.name.en, aliases: [c.name.zh, c.ingredientId.replace(/_/g, " ")], percent: c.percent })),
    originCountry: fact.origin.country,
    certifications: fact.certifications.filter((c) => c.validUntilMs === null || c.validUntilMs > validFromMs).map((c) => c.code),
    brandAuthorisation: authorised ? BrandAuthorisation.BRAND_AUTHORISATION_AUTHORISED : BrandAuthorisation.BRAND_AUTHORISATION_NOT_AUTHORISED,
    priceHistory: fact.priceHistory.map((p) => ({ fromMs: p.fromMs, priceCents: p.priceCents, channel: CHANNEL[p.channel] })),
    currency: "CNY",
    listings: [{ roomId: fact.roomId, linkNumber: fact.linkNumber }],
    ...(fact.netQuantity ? { netQuantity: { unitCount: fact.netQuantity.unitCount, perUnitAmount: fact.netQuantity.perUnitAmount, unit: fact.netQuantity.unit } } : {}),
  });
}

/** The versions of a SKU's facts: one from the start, and one at each lapse. */
export function productFactsVersions(fact: ScenarioFact): ProductFacts[] {
  const lapses = [...fact.certifications.map((c) => c.validUntilMs), fact.brandAuthorization.validUntilMs].filter((t): t is number => t !== null);
  return [1, ...new Set(lapses)].sort((a, b) => a - b).map((t) => factsAt(fact, t));
}

export function transcriptEvent(segment: ScenarioSegment): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: segment.segmentId,
    roomId: segment.roomId,
    eventTimeMs: segment.endMs,
    body: {
      $case: "transcript",
      value: { segmentId: segment.segmentId, speakerId: segment.streamerId, startMs: segment.startMs, endMs: segment.endMs, language: segment.lang === "mixed" ? "" : segment.lang, text: segment.text, skuId: segment.skuOnScreen ?? "" },
    },
  });
}

/** The scenario's input in event-time order: every segment, then each room's end. */
export function scenarioEvents(segments: readonly ScenarioSegment[]): LiveEvent[] {
  const lastMs = new Map<string, number>();
  for (const s of segments) lastMs.set(s.roomId, Math.max(lastMs.get(s.roomId) ?? 0, s.endMs));
  const ends = [...lastMs].map(([roomId, t]) =>
    LiveEvent.fromPartial({ eventId: `${roomId}-end`, roomId, eventTimeMs: t + ROOM_END_AFTER_MS, body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_ENDED } } }),
  );
  return [...segments.map(transcriptEvent), ...ends].sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
}

/** Reads a scenario directory written by `claim-scenarios --out DIR`. */
export function loadScenarioDir(dir: string): Scenario {
  const json = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), "utf8"));
  const segments = readFileSync(join(dir, "segments.jsonl"), "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as ScenarioSegment);
  return { facts: json("facts.json") as ScenarioFact[], segments, truth: json("truth.json") as ScenarioTruth[] };
}
