import { targetsOf, type Example } from "./example";
import { pick, type Random } from "./rng";

/**
 * Short fragments as negatives. Live-room comments are often one word, one
 * character or one emoji ("书", "嗯", "👍"), while the public sets are whole
 * reviews and tweets. With so few features the learned bias alone decided
 * such texts, and a bare product word ("衣服", "手机") scored as a negative
 * review. Fragments teach the model that a short text with nothing risky in
 * it is not risky.
 */

const SYMBOLS = ["👍", "❤", "❤️", "🔥", "😂", "🌹", "🎉", "✨", "💕", "👏", "😍", "🙏", "😭", "?", "!", "。", "…", "~", "1", "2", "3", "+1", "6", "哈", "嗯", "ok"];

function fragmentOf(text: string, random: Random, maxChars: number): string {
  const chars = Array.from(text.trim());
  if (chars.length === 0) return "";
  const length = 1 + Math.floor(random() * Math.min(maxChars, chars.length));
  const start = Math.floor(random() * (chars.length - length + 1));
  return chars.slice(start, start + length).join("").trim();
}

/**
 * `count` fragments of the given sources. A fragment of a positive review is
 * not a negative review; one of a negative review may be ("太差"), so its
 * NEGATIVE_REVIEW target is left unknown.
 */
export function reviewFragments(reviews: readonly Example[], count: number, random: Random): Example[] {
  const out: Example[] = [];
  while (out.length < count) {
    const review = pick(reviews, random);
    const text = fragmentOf(review.text, random, 4);
    if (text === "") continue;
    const fromPositive = review.targets[0] === 0;
    out.push({
      text,
      targets: targetsOf({ ...(fromPositive ? { NEGATIVE_REVIEW: 0 as const } : {}), HARASSMENT: 0, DIVERSION: 0, PROHIBITED: 0, MINOR_RISK: 0 }),
      weight: 1,
      source: "fragments",
    });
  }
  return out;
}

/**
 * Bare numbers, a common live-room comment (votes such as "1111", counts,
 * prices). Short and repeated-digit ones are labelled 0 everywhere; a long
 * random one may be a phone or QQ number, so its DIVERSION target is left
 * unknown, but it is not prohibited, a minor risk or a negative review.
 */
export function numberComments(count: number, random: Random): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < count; i++) {
    const digit = () => String(Math.floor(random() * 10));
    const kind = random();
    let text: string;
    if (kind < 0.4) text = Array.from({ length: 1 + Math.floor(random() * 4) }, digit).join("");
    else if (kind < 0.7) text = digit().repeat(2 + Math.floor(random() * 8));
    else text = Array.from({ length: 5 + Math.floor(random() * 8) }, digit).join("");
    const longRandom = kind >= 0.7;
    out.push({
      text,
      targets: targetsOf({ NEGATIVE_REVIEW: 0, HARASSMENT: 0, ...(longRandom ? {} : { DIVERSION: 0 as const }), PROHIBITED: 0, MINOR_RISK: 0 }),
      weight: 1,
      source: "fragments",
    });
  }
  return out;
}

/** Fragments of texts with no label at all (the seed's hard negatives), and symbol-only comments. */
export function neutralFragments(texts: readonly string[], count: number, random: Random): Example[] {
  const out: Example[] = [];
  const allZero = targetsOf({ NEGATIVE_REVIEW: 0, HARASSMENT: 0, DIVERSION: 0, PROHIBITED: 0, MINOR_RISK: 0 });
  while (out.length < count) {
    const text =
      random() < 0.2
        ? Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(SYMBOLS, random)).join("")
        : random() < 0.5
          ? pick(pick(texts, random).split(" "), random)
          : fragmentOf(pick(texts, random), random, 6);
    if (text.trim() === "") continue;
    out.push({ text, targets: allZero, weight: 1, source: "fragments" });
  }
  return out;
}
