/** A name in both languages the streams use. */
export interface Named {
  zh: string;
  en: string;
}

export type Lang = "zh" | "en" | "mixed";

export type CertificationCode = "ORGANIC" | "GREEN_FOOD" | "ISO_9001" | "FDA" | "CE";
export const CERTIFICATION_CODES: readonly CertificationCode[] = ["ORGANIC", "GREEN_FOOD", "ISO_9001", "FDA", "CE"];

/** LIVE_ROOM and OWN_STORE are the seller's own prices; OTHER_PLATFORM is the same SKU sold elsewhere. */
export type PriceChannel = "LIVE_ROOM" | "OWN_STORE" | "OTHER_PLATFORM";

/** OWN_BRAND: the seller is the brand owner. AUTHORIZED: a dated authorisation, which may have lapsed. */
export type AuthorizationStatus = "OWN_BRAND" | "AUTHORIZED" | "NONE";

export interface Ingredient {
  ingredientId: string;
  name: Named;
  /** Share of the product by weight, in percent (0.014 means 0.014 %). */
  percent: number;
}

export interface Origin {
  /** ISO 3166-1 alpha-2 */
  country: string;
  countryName: Named;
  region: string;
  regionName: Named;
}

export interface Certification {
  code: CertificationCode;
  certificateId: string;
  validUntilMs: number;
}

export interface BrandAuthorization {
  brand: Named;
  status: AuthorizationStatus;
  /** Set for AUTHORIZED only; a claim after this instant is not covered. */
  validUntilMs: number | null;
}

export interface PricePoint {
  channel: PriceChannel;
  /** The price holds on this channel from this instant until the channel's next point. */
  fromMs: number;
  priceCents: number;
}

export interface NetQuantity {
  unitCount: number;
  unitName: Named;
  perUnitAmount: number;
  unit: "ml" | "g";
}

/** What the platform knows about one SKU: one record of facts.json (and, later, of `live.products`). */
export interface SkuFacts {
  skuId: string;
  /** The room that lists it, and its link number there (streamers say "3号链接"). */
  roomId: string;
  linkNumber: number;
  category: string;
  name: Named;
  composition: Ingredient[];
  netQuantity: NetQuantity;
  origin: Origin;
  certifications: Certification[];
  brandAuthorization: BrandAuthorization;
  /** Sorted by fromMs; every point is at or before the stream's start. */
  priceHistory: PricePoint[];
}

/** A claim about one SKU, kept as data so the truth can be checked without reading the text. */
export type Claim =
  | { kind: "PERCENT"; skuId: string; ingredientId: string; percent: number }
  | { kind: "RICH_IN"; skuId: string; ingredientId: string }
  | { kind: "PURE"; skuId: string; ingredientId: string }
  | { kind: "ORIGIN"; skuId: string; level: "country" | "region"; place: string; placeName: Named }
  | { kind: "CERTIFICATION"; skuId: string; code: CertificationCode }
  | { kind: "AUTHORIZED_GENUINE"; skuId: string }
  | { kind: "WAS_PRICE"; skuId: string; wasCents: number; nowCents: number }
  | { kind: "LOWEST_ANYWHERE"; skuId: string }
  | { kind: "LOWEST_EVER"; skuId: string }
  | { kind: "UNIT_COUNT"; skuId: string; unitCount: number }
  | { kind: "PER_UNIT_AMOUNT"; skuId: string; amount: number };

export type ClaimKind = Claim["kind"];

/** The facts.json field a claim is checked against. */
export type FactField = "composition" | "origin" | "certifications" | "brandAuthorization" | "priceHistory" | "netQuantity";

export interface Contradiction {
  field: FactField;
  /** Which entry of the field: an ingredientId, a certification code, a channel, "unitCount"…; null for the whole field. */
  key: string | null;
  /** The fact as facts.json has it at the segment's time. */
  factValue: number | string | null;
  claimedValue: number | string;
}

export type SegmentLabel = "MISLEADING" | "UNVERIFIABLE_SUPERLATIVE" | "OK";

export type Severity = "SEVERITY_LOW" | "SEVERITY_MEDIUM" | "SEVERITY_HIGH";

export const MISLEADING_KINDS = [
  "composition_percent_overstated",
  "composition_rich_in",
  "pure_or_100_percent",
  "origin_false",
  "certification_false",
  "authorization_false",
  "fake_was_price",
  "lowest_price_false",
  "quantity_overstated",
] as const;
export type MisleadingKind = (typeof MISLEADING_KINDS)[number];

export const HARD_NEGATIVE_KINDS = [
  "correct_claim",
  "other_sku_claim",
  "joke_or_hyperbole",
  "quoted_question",
  "corrected_claim",
  "non_claim_number",
] as const;
/** "correction" is the segment that takes a corrected_claim back; it is a hard negative too. */
export type HardNegativeKind = (typeof HARD_NEGATIVE_KINDS)[number] | "correction";

export type SegmentKind = MisleadingKind | HardNegativeKind | "superlative" | "filler";

/** One line of segments.jsonl: what speech-to-text heard, and nothing of the truth. */
export interface TranscriptSegment {
  segmentId: string;
  roomId: string;
  streamerId: string;
  startMs: number;
  endMs: number;
  /** The SKU the room shows while this is said; null when the platform does not know. */
  skuOnScreen: string | null;
  lang: Lang;
  text: string;
}

/** One entry of truth.json. */
export interface SegmentTruth {
  segmentId: string;
  roomId: string;
  label: SegmentLabel;
  kind: SegmentKind;
  hardNegative: boolean;
  /** The SKU the segment speaks about (may differ from skuOnScreen, or be set when that is null). */
  aboutSkuId: string | null;
  /** The claim made, or asked about (quoted_question), or taken back (corrected_claim). */
  claim: Claim | null;
  /** For MISLEADING: the fact it contradicts. For corrected_claim / other_sku_claim: what it would contradict if taken at face value. */
  contradicts: Contradiction | null;
  /** Lowest severity an alert citing this segment should have; null for OK segments, which no alert should cite. */
  expectedMinSeverity: Severity | null;
  /** Highest severity that is still right (LOW for superlatives); null for no ceiling (MISLEADING) or no alert (OK). */
  expectedMaxSeverity: Severity | null;
  correctsSegmentId: string | null;
  correctedBySegmentId: string | null;
}

export interface ScenarioOptions {
  seed: number;
  /** Unix ms; rooms go live 0–40 minutes after it. */
  startMs: number;
  rooms: number;
  misleadingSegments: number;
  /** Hard-negative episodes; corrections and answers to quoted questions add segments beyond this. */
  hardNegativeEpisodes: number;
  superlatives: number;
  fillersPerRoom: number;
}

export const DEFAULT_SCENARIO_OPTIONS: Readonly<ScenarioOptions> = Object.freeze({
  seed: 101,
  startMs: Date.UTC(2026, 5, 18, 12, 0, 0),
  rooms: 12,
  misleadingSegments: 48,
  hardNegativeEpisodes: 48,
  superlatives: 12,
  fillersPerRoom: 6,
});

export interface ClaimScenarios {
  facts: SkuFacts[];
  segments: TranscriptSegment[];
  truth: SegmentTruth[];
}
