/**
 * Policy files name enums without their proto prefix (`BLOCK_STREAM`, not
 * `ACTION_KIND_BLOCK_STREAM`) so rules stay readable; these map both ways.
 */
import { ActionKind, RiskCategory, Severity } from "@redline/proto";

type NumericEnum = Record<string, string | number>;

function shortNames(e: NumericEnum, prefix: string): ReadonlyMap<string, number> {
  const names = new Map<string, number>();
  for (const [name, value] of Object.entries(e)) {
    if (typeof value === "number" && value > 0 && name.startsWith(prefix)) names.set(name.slice(prefix.length), value);
  }
  return names;
}

export const ACTION_KIND_NAMES = shortNames(ActionKind, "ACTION_KIND_");
export const CATEGORY_NAMES = shortNames(RiskCategory, "RISK_CATEGORY_");
export const SEVERITY_NAMES = shortNames(Severity, "SEVERITY_");

export function shortName(names: ReadonlyMap<string, number>, value: number): string {
  for (const [name, v] of names) if (v === value) return name;
  return String(value);
}
