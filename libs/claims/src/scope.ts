/**
 * Where in a segment a claim counts as the streamer's own assertion about the
 * product on screen: not inside a question, a customer's question being read
 * out, a negated clause, or a clause about another product; and what a
 * segment takes back (a correction, a joke owned up to).
 */

/**
 * Every pattern here runs on text `normalizeNumbers` has read, where numerals are digits:
 * 上一款 reads 上1款, so such words are written with [一1].
 */

/** A span of the normalised text, [start, end). */
export interface Span {
  start: number;
  end: number;
}

const SENTENCE_END = /[。！？!?；;\n]|\.(?=\s|$)/g;
const CLAUSE_END = /[，,、：:]|\s[-–—]\s/g;

/** Splits `text` at the marks in `pattern`, each piece keeping its closing mark. */
function splitAt(text: string, pattern: RegExp, from = 0, to = text.length): Span[] {
  const spans: Span[] = [];
  let start = from;
  const re = new RegExp(pattern.source, "g");
  re.lastIndex = from;
  for (let m = re.exec(text); m !== null && m.index < to; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (end > start) spans.push({ start, end });
    start = end;
  }
  if (start < to) spans.push({ start, end: to });
  return spans.filter((s) => text.slice(s.start, s.end).trim() !== "");
}

export function sentencesOf(text: string): Span[] {
  return splitAt(text, SENTENCE_END);
}

export function clausesOf(text: string, sentence: Span): Span[] {
  return splitAt(text, CLAUSE_END, sentence.start, sentence.end);
}

const QUESTION_END = /(?:[?？]|[吗嘛么呢]\s*[。.!！]?)\s*$/;
const QUESTION_START = /^\s*(?:是不是|是否|有没有|到底是不是|能不能|is it|is this|is that|are they|are these|does it|do they|can you|could you|will it|would it)\b/;

/** A sentence asking rather than asserting (是不是纯棉？, is it real silk?). */
export function isQuestion(sentenceText: string): boolean {
  return QUESTION_END.test(sentenceText) || QUESTION_START.test(sentenceText);
}

/** Someone else's words read out: what follows, up to a reply, is not the streamer's claim. */
const QUOTE_MARKER =
  /(?:有(?:人|宝宝|宝子|粉丝|朋友|姐妹|家人|观众|顾客|买家|小伙伴)们?(?:在)?(?:问|说|讲)|(?:弹幕|评论区?|公屏|直播间)(?:里|上)?(?:有人)?(?:在)?(?:问|说)|(?:宝宝|粉丝|家人|姐妹|朋友|观众)们?(?:在)?问|网上(?:有人)?说|别人说|他们说|someone (?:is )?ask(?:s|ed|ing)?|somebody (?:is )?ask(?:s|ed|ing)?|(?:a|one) (?:viewer|customer|follower|fan) (?:is )?(?:ask(?:s|ed|ing)?|said|says|wrote|writes)|(?:chat|people|you guys|folks) (?:are |is |keep )?ask(?:s|ed|ing)?|question from|(?:some|other) people (?:say|said|claim)|they say)/g;
const REPLY_MARKER = /(?:我(?:来)?(?:告诉|回答)(?:你们?|大家)?|回答(?:[一1]下|你)?|答案是|当然|是的|没错|对的|确实|其实|here'?s the answer|the answer is|answer:|\byes\b|\byeah\b|of course|\bwell\b|\bactually\b|to answer)/g;

/** Spans of `text` that quote someone else (a customer's question, hearsay). */
export function quotedSpans(text: string, sentence: Span): Span[] {
  const body = text.slice(sentence.start, sentence.end);
  const spans: Span[] = [];
  for (const m of body.matchAll(QUOTE_MARKER)) {
    const start = sentence.start + m.index;
    const rest = body.slice(m.index + m[0].length);
    const reply = new RegExp(REPLY_MARKER.source, "g").exec(rest);
    const end = reply === null ? sentence.end : sentence.start + m.index + m[0].length + reply.index;
    spans.push({ start, end });
  }
  return spans;
}

const NEGATION = /(?:不是|并不|并非|不算|没有|没|不敢(?:说|保证|讲)|不能(?:说|保证|讲)|谈不上|称不上|算不上|不会说|不说|别信|\bnot\b|n't\b|\bnever\b|\bno longer\b|\bwon't claim\b|\bcan't (?:say|promise|claim)\b)/;
/** How far before a claim a negation still governs it: 不含添加剂的纯蜂蜜 negates the additives, not the honey. */
const NEGATION_REACH_CHARS = 8;
const NEGATION_REACH_CHARS_EN = 20;

/** Whether the claim at `at` is negated within its clause (不是纯棉, it's not 100% silk). */
export function isNegated(text: string, clause: Span, at: number): boolean {
  const before = text.slice(clause.start, at);
  const reach = /[a-z]\s*$/.test(before) || /^\s*[a-z0-9]/.test(text.slice(at)) ? NEGATION_REACH_CHARS_EN : NEGATION_REACH_CHARS;
  return NEGATION.test(before.slice(-reach));
}

const OTHER_PRODUCT =
  /(?:另(?:外)?[一1]款|另[一1]个|上[一1]款|下[一1]款|刚才(?:那|的)(?:[一1])?款|之前(?:那|的)(?:[一1])?款|前面(?:那|的)(?:[一1])?款|那(?:[一1])?款|隔壁|\d+号(?:链接|宝贝|商品|产品)|别家|其他家|别人家|别的(?:店|家|牌子)|other (?:one|product|item|brand|shops?|stores?|sellers?)|previous (?:one|product|item)|next (?:one|product|item)|last (?:one|product|item)|link (?:number |no\.? ?|#)?\d+|item (?:number |no\.? ?|#)?\d+|competitors?|their (?:product|brand))/;

/** Whether a clause speaks of another product than the one on screen (另一款, link 2). */
export function isAboutOtherProduct(text: string, clause: Span): boolean {
  return OTHER_PRODUCT.test(text.slice(clause.start, clause.end));
}

/** Takes back what came before it: everything earlier in the segment and just before it. */
const CORRECTION =
  /(?:说错了|口误|更正[一1]下|更正|纠正[一1]下|纠正|不对不对|不对，|搞错了|我收回|收回刚才|刚才那句不算|看错了|i misspoke|correction|let me correct|sorry,? i meant|i meant to say|scratch that|i take (?:that|it) back|that was wrong|i got that wrong|my mistake|sorry,? (?:that's|that is) wrong)/g;
/** Owns up to a joke: nothing in the segment, nor just before it, was meant. */
const JOKE = /(?:开玩笑|开个玩笑|逗你们|逗大家|说着玩|just kidding|i'm kidding|i am kidding|only joking|just joking|i'm joking|\bkidding\b|\bjoking\b|\bjk\b)/;

/** Where the segment's last correction ends, or -1; claims before it are taken back. */
export function correctionEnd(text: string): number {
  let end = -1;
  for (const m of text.matchAll(CORRECTION)) end = m.index + m[0].length;
  return end;
}

export function ownsUpToJoke(text: string): boolean {
  return JOKE.test(text);
}
