import { CHAR_REPLACEMENTS } from "./char-tables";

/**
 * Invisible and formatting characters people insert between letters to dodge
 * keyword filters ("微\u200b信"), plus emoji variation selectors.
 */
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;

const REPLACEABLE = new RegExp(`[${Array.from(CHAR_REPLACEMENTS.keys()).join("")}]`, "g");
const replaceChar = (c: string): string => CHAR_REPLACEMENTS.get(c) ?? c;

/** Cheap guard: pure printable ASCII needs no NFKC, mapping or invisible removal. */
const PLAIN_ASCII = /^[\x20-\x7E]*$/;
const WHITESPACE_RUN = /\s+/g;

/**
 * The canonical form every feature is computed from: invisible characters
 * removed, NFKC (full-width → ASCII, circled and math letters → letters),
 * lower case, homoglyphs and common traditional characters mapped, whitespace
 * collapsed to single spaces and trimmed.
 */
export function normalizeText(text: string): string {
  let s = text;
  if (!PLAIN_ASCII.test(s)) {
    s = s.replace(INVISIBLE, "").normalize("NFKC").toLowerCase().replace(REPLACEABLE, replaceChar);
  } else {
    s = s.toLowerCase();
  }
  return s.replace(WHITESPACE_RUN, " ").trim();
}
