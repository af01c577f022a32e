import { join } from "node:path";
import { Eta } from "eta";

/** Where the page templates ship: beside the package, not in dist. */
export const VIEWS_DIR = join(__dirname, "..", "views");

/**
 * The page templates. Eta escapes every `<%= %>` output (autoEscape is its
 * default, set here so no one turns it off by accident); only the layout's
 * `<%~ it.body %>` and the actions-table include, which are themselves
 * rendered templates, are inserted raw.
 */
export function createTemplates(): Eta {
  return new Eta({ views: VIEWS_DIR, autoEscape: true, cache: true, useWith: false });
}
