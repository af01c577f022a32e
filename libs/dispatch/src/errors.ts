import { RedlineError } from "@redline/common";

/**
 * Delivery stopped because the service is shutting down, not because the
 * platform answered. The action is neither delivered nor failed: its record
 * must stay uncommitted so the next owner of the partition sends it again
 * (same actionId, so the platform's dedupe keeps it to one effect).
 */
export class DeliveryInterruptedError extends RedlineError {
  constructor(actionId: string, attempts: number) {
    super(`delivery of ${actionId} interrupted by shutdown after ${attempts} attempt(s)`, { context: { actionId, attempts } });
  }
}
