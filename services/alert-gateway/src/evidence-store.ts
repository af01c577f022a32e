import type { Evidence, EvidenceStore } from "@redline/archive";
import { EvidenceStoreUnavailableError } from "./errors";

// The archive owns what evidence is; the gateway only serves it.
export type { Evidence, EvidenceStore };

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
