import { RiskCategory, Severity, type Alert } from "@redline/proto";

/** What one inspector wants to see; empty sets mean "all". */
export interface AlertFilter {
  readonly rooms: ReadonlySet<string>;
  readonly categories: ReadonlySet<RiskCategory>;
  readonly minSeverity: Severity;
}

export const MATCH_ALL: AlertFilter = Object.freeze({
  rooms: new Set<string>(),
  categories: new Set<RiskCategory>(),
  minSeverity: Severity.SEVERITY_UNSPECIFIED,
});

/** Builds a filter from request fields; blank room ids and UNSPECIFIED categories are ignored. */
export function alertFilter(spec: {
  rooms?: readonly string[];
  categories?: readonly RiskCategory[];
  minSeverity?: Severity;
}): AlertFilter {
  return Object.freeze({
    rooms: new Set((spec.rooms ?? []).filter((r) => r.length > 0)),
    categories: new Set((spec.categories ?? []).filter((c) => c !== RiskCategory.RISK_CATEGORY_UNSPECIFIED)),
    minSeverity: spec.minSeverity ?? Severity.SEVERITY_UNSPECIFIED,
  });
}

export function matchesFilter(filter: AlertFilter, alert: Alert): boolean {
  if (filter.rooms.size > 0 && !filter.rooms.has(alert.roomId)) return false;
  if (filter.categories.size > 0 && !filter.categories.has(alert.category)) return false;
  // Severity enums are ordered LOW < MEDIUM < HIGH < CRITICAL; an unknown value
  // (UNRECOGNIZED = -1) fails any real minimum rather than slipping through.
  return filter.minSeverity <= Severity.SEVERITY_UNSPECIFIED || alert.severity >= filter.minSeverity;
}
