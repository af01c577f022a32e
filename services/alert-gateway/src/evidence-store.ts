import type { Alert, LiveEvent } from "@redline/proto";
import { EvidenceStoreUnavailableError } from "./errors";

export interface Evidence {
  alert: Alert;
  /** The cited events that are archived, in evidence order. */
  events: LiveEvent[];
  missingEventIds: string[];
}

/** Where GetEvidence looks alerts and their cited events up (the ClickHouse archive in production). */
export interface EvidenceStore {
  /** Undefined when the alert is not archived. */
  getEvidence(alertId: string): Promise<Evidence | undefined>;
}

/**
 * Wired when no archive is configured, so GetEvidence says so (UNAVAILABLE)
 * instead of answering NOT_FOUND for alerts that may well exist.
 */
export class UnconfiguredEvidenceStore implements EvidenceStore {
  constructor(private readonly reason = "evidence store not configured") {}

  async getEvidence(): Promise<Evidence | undefined> {
    throw new EvidenceStoreUnavailableError(this.reason);
  }
}
