/**
 * Finds ingredient and material names in normalised text: the lexicon's and
 * those the listing itself declares (its composition names and aliases), so
 * an ingredient the lexicon lacks is still found when the facts name it.
 */
import { INGREDIENTS } from "./lexicon";
import { normalizeNumbers } from "./numbers";

export interface IngredientName {
  /** The canonical name it stands for. */
  canonical: string;
  /** Normalised surface form. */
  name: string;
}

export interface IngredientMention {
  canonical: string;
  start: number;
  end: number;
}

/** Names that already say "all of it" (全棉 is 100 % cotton). */
const PURE_NAMES = new Set(["全棉", "纯银", "足金"]);

const LEXICON_NAMES: readonly IngredientName[] = INGREDIENTS.flatMap((entry) =>
  entry.names.map((name) => ({ canonical: entry.name, name: normalizeNumbers(name) })),
);

/** The lexicon's canonical name for `name` when it knows it, else `name` itself, normalised. */
export function canonicalIngredient(name: string): string {
  const n = normalizeNumbers(name).trim();
  return LEXICON_NAMES.find((l) => l.name === n)?.canonical ?? n;
}

export function isPureName(text: string, mention: IngredientMention): boolean {
  return PURE_NAMES.has(text.slice(mention.start, mention.end));
}

/** Names for the lexicon plus a listing's own composition names and aliases. */
export function ingredientNames(declared: ReadonlyArray<{ name: string; aliases: readonly string[] }> = []): IngredientName[] {
  const extra = declared.flatMap((ingredient) => {
    const canonical = canonicalIngredient(ingredient.name);
    return [ingredient.name, ...ingredient.aliases].map((name) => ({ canonical, name: normalizeNumbers(name).trim() }));
  });
  return [...extra.filter((e) => e.name.length > 0), ...LEXICON_NAMES];
}

const isLatin = (name: string): boolean => /^[a-z0-9' .-]+$/.test(name);

/** Every mention, longest first where two overlap (白鹅绒 over 鹅绒, genuine leather over leather). */
export function findIngredients(text: string, names: readonly IngredientName[]): IngredientMention[] {
  const found: IngredientMention[] = [];
  for (const { canonical, name } of names) {
    const pattern = isLatin(name) ? new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}s?\\b`, "g") : new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g");
    for (const m of text.matchAll(pattern)) found.push({ canonical, start: m.index, end: m.index + m[0].length });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: IngredientMention[] = [];
  for (const f of found) {
    const last = kept[kept.length - 1];
    if (last !== undefined && f.start < last.end) continue;
    kept.push(f);
  }
  return kept;
}
