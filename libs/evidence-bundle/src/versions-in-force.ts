interface VersionSpan {
  modelVersion: string;
  policyVersion: string;
  alerts: number;
  firstEventTimeMs: number;
  lastEventTimeMs: number;
}

/**
 * The model (detector rules and text model) and policy versions the bundle's
 * alerts and actions carry, with the event-time span each pair was seen in:
 * what was in force when the evidence was judged.
 */
export class VersionsInForce {
  private readonly spans = new Map<string, VersionSpan>();
  private readonly actionPolicies = new Map<string, number>();

  observeAlert(modelVersion: string, policyVersion: string, eventTimeMs: number): void {
    const key = `${modelVersion}\u0000${policyVersion}`;
    const span = this.spans.get(key);
    if (span === undefined) {
      this.spans.set(key, { modelVersion, policyVersion, alerts: 1, firstEventTimeMs: eventTimeMs, lastEventTimeMs: eventTimeMs });
      return;
    }
    span.alerts++;
    span.firstEventTimeMs = Math.min(span.firstEventTimeMs, eventTimeMs);
    span.lastEventTimeMs = Math.max(span.lastEventTimeMs, eventTimeMs);
  }

  observeAction(policyVersion: string): void {
    this.actionPolicies.set(policyVersion, (this.actionPolicies.get(policyVersion) ?? 0) + 1);
  }

  toJSON(): object {
    const spans = [...this.spans.values()].sort((a, b) => a.firstEventTimeMs - b.firstEventTimeMs || a.modelVersion.localeCompare(b.modelVersion));
    return {
      modelVersions: [...new Set(spans.map((s) => s.modelVersion))].sort(),
      policyVersions: [...new Set([...spans.map((s) => s.policyVersion), ...this.actionPolicies.keys()])].sort(),
      alertsByVersions: spans,
      actionsByPolicyVersion: Object.fromEntries([...this.actionPolicies.entries()].sort(([a], [b]) => a.localeCompare(b))),
    };
  }
}
