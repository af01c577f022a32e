/** What a streamer can assert about the product on screen that its facts can confirm or refute. */
export type ClaimKind =
  /** A share of an ingredient or material: 燕窝含量30%, 60% wool. */
  | "COMPOSITION_SHARE"
  /** All of it is one thing: 纯棉, 100%羊毛, pure silk. */
  | "COMPOSITION_PURE"
  /** A lot of it: 富含燕窝, rich in collagen. */
  | "COMPOSITION_RICH"
  /** Where it comes from: 法国进口, made in Italy. */
  | "ORIGIN"
  /** Imported, without saying from where: 进口, imported. */
  | "IMPORTED"
  /** A certification held: 有机认证, CE certified. */
  | "CERTIFICATION"
  /** Genuine goods, brand-authorised: 正品, 官方授权, authentic. */
  | "GENUINE"
  /** Cheaper than anywhere else: 全网最低价, lowest price online. */
  | "LOWEST_PRICE_MARKET"
  /** Cheaper than it has ever been: 历史最低价, all-time low. */
  | "LOWEST_PRICE_EVER"
  /** A former price to compare with: 原价999, was ¥999. */
  | "ORIGINAL_PRICE"
  /** Units in one purchase: 一共6瓶, comes with 12 bottles. */
  | "UNIT_COUNT"
  /** Amount in each unit: 一瓶足足200克, 300 ml per bottle. */
  | "UNIT_AMOUNT"
  /** A superlative no fact can settle: 最好的, best in the world. */
  | "SUPERLATIVE";

export type Bound = "ABOUT" | "AT_LEAST" | "AT_MOST";

export interface Claim {
  kind: ClaimKind;
  /** The words that carry the claim, as normalised (digits for numerals, lower case). */
  phrase: string;
  /** Canonical ingredient name (composition claims), as the lexicon or the listing names it. */
  ingredient?: string;
  /** Claimed share in percent (COMPOSITION_SHARE) and how it is bounded. */
  percent?: number;
  bound?: Bound;
  /** ISO 3166-1 alpha-2 code (ORIGIN). */
  country?: string;
  /** Certification family (CERTIFICATION), matched against the listing's codes by containment. */
  certification?: string;
  /** Claimed price in minor units (ORIGINAL_PRICE). */
  priceCents?: number;
  /** Claimed count (UNIT_COUNT) or amount per unit (UNIT_AMOUNT, in `unit`). */
  quantity?: number;
  /** "g" or "ml" (UNIT_AMOUNT). */
  unit?: string;
}

/** What one transcript segment says, read as a whole. */
export interface SegmentReading {
  /** Claims asserted about the product on screen (not asked, quoted, negated or about another product). */
  claims: Claim[];
  /** Claims made about another product (另一款, link 2): not checked against the one on screen. */
  otherProductClaims: Claim[];
  /** The segment takes back what was said just before it (说错了, I misspoke, 开玩笑的). */
  retractsEarlier: boolean;
}
