/** Quantity claims in one sentence of normalised text: units per purchase and the amount in each. */
import type { PlacedClaim } from "./composition-claims";
import type { Span } from "./scope";

const ZH_UNIT = "(?:瓶|罐|片|盒|袋|包|支|件|个|块|条|听|杯|粒|份)";
const EN_UNIT = "(?:bottles?|jars?|pieces?|packs?|bags?|cans?|boxes?|steaks?|sachets?|sticks?|cups?|tins?|pouches?|units?)";
const COUNT_ZH = new RegExp(`(?:一共|总共|共|拍[一1]单(?:就)?(?:是|有|给)?|[一1]单(?:就)?(?:是|有)|整整|足足)\\s*(\\d+)\\s*${ZH_UNIT}|(\\d+)\\s*${ZH_UNIT}装`);
const COUNT_EN = new RegExp(`(?:comes? with|gets? you|you get|includes?|contains?|there are|that's|a total of|in total)\\s+(\\d+)\\s*${EN_UNIT}|(\\d+)\\s*${EN_UNIT}\\s+(?:in (?:one|a|1|each) (?:order|box|pack|set)|per order|in total)`);
const GRAMS = "(?:克|g|grams?|gram)";
const ML = "(?:毫升|ml|milliliters?|millilitres?)";
const AMOUNT_ZH = new RegExp(`[一1每]\\s*${ZH_UNIT}\\s*(?:就)?(?:足足|就有|有|是|装|净含量)?\\s*(\\d+(?:\\.\\d+)?)\\s*(${GRAMS}|${ML})`);
const AMOUNT_EN = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${GRAMS}|${ML})\\s*(?:per|each|in each|in every|a|an)\\s+(?:${EN_UNIT.slice(3, -1)}|bottle|jar|piece|steak|pack|can)|(?:each|every|one|1)\\s+${EN_UNIT}\\s+(?:is|has|holds|contains|weighs)\\s+(\\d+(?:\\.\\d+)?)\\s*(${GRAMS}|${ML})`);

const unitOf = (word: string): string => (new RegExp(`^${GRAMS}$`).test(word) ? "g" : "ml");

export function quantityClaims(text: string, sentence: Span): PlacedClaim[] {
  const body = text.slice(sentence.start, sentence.end);
  const out: PlacedClaim[] = [];
  for (const pattern of [COUNT_ZH, COUNT_EN]) {
    const m = body.match(pattern);
    if (m?.index !== undefined) {
      out.push({ claim: { kind: "UNIT_COUNT", phrase: m[0], quantity: Number(m[1] ?? m[2]) }, at: sentence.start + m.index });
      break;
    }
  }
  for (const pattern of [AMOUNT_ZH, AMOUNT_EN]) {
    const m = body.match(pattern);
    if (m?.index !== undefined) {
      const [amount, unit] = m[1] !== undefined ? [m[1], m[2]!] : [m[3]!, m[4]!];
      out.push({ claim: { kind: "UNIT_AMOUNT", phrase: m[0], quantity: Number(amount), unit: unitOf(unit) }, at: sentence.start + m.index });
      break;
    }
  }
  return out;
}
