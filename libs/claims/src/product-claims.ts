/**
 * Claims about the product as a whole in one sentence of normalised text:
 * origin, import, certifications, genuineness, price and superlatives.
 */
import type { Claim } from "./claim";
import type { PlacedClaim } from "./composition-claims";
import { CERTIFICATIONS, COUNTRIES } from "./lexicon";
import { normalizeNumbers } from "./numbers";
import { quantityClaims } from "./quantity-claims";
import type { Span } from "./scope";

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wordOrPhrase = (name: string): string => (/^[a-z0-9' .-]+$/.test(name) ? `\\b${escape(name)}\\b` : escape(name));

const COUNTRY_NAMES = COUNTRIES.flatMap((c) => c.names.map((name) => ({ code: c.code, name: normalizeNumbers(name) }))).sort((a, b) => b.name.length - a.name.length);
const ORIGIN_BEFORE = /(?:产自|原产(?:地|于)?(?:是|在|为)?|产地(?:是|在|为)?|来自|进口自|从|直采自?|源自|made in|imported from|produced in|product of|sourced from|origin(?:ally)?(?: is)?|grown in|comes? from|came from|is from|are from|it's from|straight from|directly from|all the way from|shipped from|manufactured in|brewed in|harvested in)\s*(?:the\s+)?$/;
const ORIGIN_AFTER = /^\s*(?:原装)?(?:进口|原产|产的|生产|制造|原装|直邮|直采|产|-made|made| import(?:ed)?\b)/;
const IMPORTED = /(?:进口|\bimported\b)/g;

function originClaims(text: string, sentence: Span): PlacedClaim[] {
  const body = text.slice(sentence.start, sentence.end);
  const out: PlacedClaim[] = [];
  const claimedAt = new Set<number>();
  for (const { code, name } of COUNTRY_NAMES) {
    for (const m of body.matchAll(new RegExp(wordOrPhrase(name), "g"))) {
      const at = sentence.start + m.index;
      if ([...claimedAt].some((c) => Math.abs(c - at) < name.length)) continue;
      const before = body.slice(Math.max(0, m.index - 16), m.index);
      const after = body.slice(m.index + m[0].length, m.index + m[0].length + 10);
      if (name === "国产" || ORIGIN_BEFORE.test(before) || ORIGIN_AFTER.test(after)) {
        claimedAt.add(at);
        out.push({ claim: { kind: "ORIGIN", phrase: (before.match(ORIGIN_BEFORE)?.[0] ?? "") + m[0] + (after.match(ORIGIN_AFTER)?.[0] ?? ""), country: code }, at });
      }
    }
  }
  if (out.length === 0) {
    const m = IMPORTED.exec(body);
    IMPORTED.lastIndex = 0;
    if (m !== null) out.push({ claim: { kind: "IMPORTED", phrase: m[0] }, at: sentence.start + m.index });
  }
  return out;
}

const CERT_NAMES = CERTIFICATIONS.flatMap((c) => c.names.map((name) => ({ family: c.family, name: normalizeNumbers(name) }))).sort((a, b) => b.name.length - a.name.length);
/** 有机会 (a chance), 有机物 (organic matter), 有机玻璃 (acrylic) are not certifications. */
const NOT_CERT_AFTER = /^(?:会|物|玻璃|化|质|体|肥)/;

function certificationClaims(text: string, sentence: Span): PlacedClaim[] {
  const body = text.slice(sentence.start, sentence.end);
  const out: PlacedClaim[] = [];
  const families = new Set<string>();
  const taken: Span[] = [];
  for (const { family, name } of CERT_NAMES) {
    for (const m of body.matchAll(new RegExp(wordOrPhrase(name), "g"))) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (taken.some((t) => span.start < t.end && t.start < span.end)) continue;
      if (NOT_CERT_AFTER.test(body.slice(span.end)) && name.startsWith("有机")) continue;
      taken.push(span);
      if (families.has(family)) continue;
      families.add(family);
      out.push({ claim: { kind: "CERTIFICATION", phrase: m[0], certification: family }, at: sentence.start + m.index });
    }
  }
  return out;
}

const GENUINE = /(?:正品|官方授权|品牌授权|授权(?:店|经销商|代理|旗舰店)|假[一1]赔(?:\d+|十|三)|保真|\bauthentic\b|\bgenuine\b(?! (?:leather|cowhide|silk|wool|cashmere|down))|officially (?:authori[sz]ed|licensed)|authori[sz]ed (?:dealer|seller|reseller|retailer|store|distributor)|100% real|the real deal|official brand store)/;
const LOWEST_MARKET = /(?:全网(?:最低|最便宜|底价|最优惠|价格最低|独家最低|最划算)|全网比价.{0,8}最低|全平台最低|(?:won't|will not|can't|cannot) find .{0,40}cheaper|(?:lowest|cheapest|best) price (?:anywhere|online|on the (?:internet|web|market)|you(?:'ll| will) find)|cheapest (?:anywhere|online|on the internet)|you won't find (?:it|this) cheaper|nowhere (?:else )?cheaper|cheaper than (?:any|every) (?:other )?(?:store|shop|platform))/;
const LOWEST_EVER = /(?:(?:历史|有史以来|史上|全年)最低|史低|从来没有?(?:卖过)?这么便宜|从没(?:卖过)?这么便宜过?|lowest price ever|all[- ]time low|lowest (?:it|this) has ever been|never been (?:this|so) cheap|cheapest (?:it|this) has ever been|lowest ever)/;
const ORIGINAL_PRICE_ZH = /(?:原价|专柜价|市场价|吊牌价|日常价|平时(?:卖|要)?|以前(?:卖|要)?|之前(?:卖|要)?|官方价|零售价|官网价)\s*(?:是|都要|要|卖|都)?\s*[¥$]?\s*(\d+(?:\.\d+)?)\s*(?:元|块|rmb)?/;
const ORIGINAL_PRICE_EN = /(?:\bwas\b|originally|regular(?:ly)? (?:price(?:d)?(?: is| of| at)?)|retail(?:s)? (?:price )?(?:is |of |at |for )?|normally|usually (?:sells? )?(?:for )?|list price(?: is)?|msrp(?: is)?)\s*(?:at\s*)?(?:[$¥]\s?(\d+(?:\.\d+)?)|(\d+(?:\.\d+)?)\s*(?:yuan|rmb|元|块|dollars?)\b)/;
const SUPERLATIVE = /(?:世界第1|全球第1|全国第1|全网第1|行业第1|销量第1|第1名|最好的|最好用的|最顶级|最牛|最强|最佳|国家级|史上最好|best in the world|world'?s best|best (?:\w+ )?(?:ever|on the market|in the world)|number 1\b|\bno\.? ?1\b|#1\b|top-rated|unbeatable quality)/;

function single(text: string, sentence: Span, pattern: RegExp, make: (m: RegExpMatchArray) => Claim | undefined): PlacedClaim[] {
  const m = text.slice(sentence.start, sentence.end).match(pattern);
  if (m === null || m.index === undefined) return [];
  const claim = make(m);
  return claim === undefined ? [] : [{ claim, at: sentence.start + m.index }];
}

/** Claims about the product as a whole in one sentence. */
export function productClaims(text: string, sentence: Span): PlacedClaim[] {
  const priceCents = (m: RegExpMatchArray): number => Math.round(Number(m[1] ?? m[2]) * 100);
  return [
    ...originClaims(text, sentence),
    ...certificationClaims(text, sentence),
    ...single(text, sentence, GENUINE, (m) => ({ kind: "GENUINE", phrase: m[0] })),
    ...single(text, sentence, LOWEST_MARKET, (m) => ({ kind: "LOWEST_PRICE_MARKET", phrase: m[0] })),
    ...single(text, sentence, LOWEST_EVER, (m) => ({ kind: "LOWEST_PRICE_EVER", phrase: m[0] })),
    ...single(text, sentence, ORIGINAL_PRICE_ZH, (m) => ({ kind: "ORIGINAL_PRICE", phrase: m[0].trim(), priceCents: priceCents(m) })),
    ...single(text, sentence, ORIGINAL_PRICE_EN, (m) => ({ kind: "ORIGINAL_PRICE", phrase: m[0].trim(), priceCents: priceCents(m) })),
    ...quantityClaims(text, sentence),
    ...single(text, sentence, SUPERLATIVE, (m) => ({ kind: "SUPERLATIVE", phrase: m[0] })),
  ];
}
