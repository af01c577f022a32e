import { UNKNOWN } from "./example";

/**
 * The rubric of MODEL_CARD.md § "DIVERSION rubric", as code. It maps a row of
 * the public spam sets (YouTube Spam Collection, SMS Spam Collection), whose
 * own label is only spam/ham, to this model's DIVERSION and PROHIBITED.
 *
 * - DIVERSION: the text sends the reader somewhere outside the conversation
 *   (a link, a channel, page or profile to visit or subscribe to, a number or
 *   short code to call or text, an id or handle to add or search) or lures
 *   them with money, prizes or free goods to act elsewhere.
 * - PROHIBITED: it sells or promotes adult or sex services, dating lines,
 *   gambling or drugs.
 * - Neither: ham, and spam that asks for nothing outside the conversation
 *   ("like this comment if you're watching in 2015", jokes, greetings).
 *
 * A prize or money lure is a scam in most cases, which this model also counts
 * as PROHIBITED, but the source does not say whether the prize exists, so its
 * PROHIBITED target is left unknown rather than guessed.
 */

/** Where a spam row sends the reader, or what it lures them with. */
const DESTINATION =
  /https?:|www\.|\.(com|net|org|co\.uk|ru|pl|ly|me|tv|info|biz|us)\b|@\s?\w|channel|subscri|sucscri|\bsubs?\b|check(ing)? (it|this|me|us|my|out|\w+ out)|chacking|visit|my (page|video|vid|music|song|site|blog|profile|covers?|book|account|playlist|clip|store|shop|rap)|add me|follow me|follow 4|hit me up|look \w+ name up|facebook|twitter|instagram|soundcloud|search|type in|google|\bcall\b|\btext\b|\btxt\b|\breply\b|\bsend\b|\bsms\b|\d{5,}|\bwin\b|\bwon\b|winner|prize|claim|\bfree\b|cash|£|\$|earn|money|voucher|award|bonus|gift ?card|\bapps?\b|click|link|go to|\bjoin\b|\bwatch\b|listen|download|vote|donat|fund|look at|see my/i;

const MONEY_LURE = /\bwin\b|\bwon\b|winner|prize|claim|\bfree\b|cash|£|\$|earn|money|voucher|award|bonus|gift ?card/i;

const PROHIBITED_OFFER =
  /\bsex|sexy|xxx|horny|porn|\badult\b|18\+|naughty|dirty|filthy|\bflirt|dating|\bdate\b|nude|erotic|slut|shag|hardcore|casino|poker|\bbet(ting)?\b|gambl|viagra|\bweed\b|cannabis/i;

export interface RubricTargets {
  diversion: 0 | 1;
  /** 0, 1 or UNKNOWN (a money lure whose scam status the source does not settle). */
  prohibited: number;
}

/** Targets for one row of a spam set; `sourceSaysSpam` is the set's own label. */
export function spamRubric(text: string, sourceSaysSpam: boolean): RubricTargets {
  if (!sourceSaysSpam) return { diversion: 0, prohibited: 0 };
  const diversion = DESTINATION.test(text) ? 1 : 0;
  if (PROHIBITED_OFFER.test(text)) return { diversion, prohibited: 1 };
  return { diversion, prohibited: MONEY_LURE.test(text) ? UNKNOWN : 0 };
}
