import { RedlineError } from "@redline/common";

/**
 * Thrown into a subscription whose client stayed too slow: its queue was
 * full for longer than the grace, or it fell so far behind that the recent
 * alerts it still needs were evicted and no catch-up is possible. Maps to
 * RESOURCE_EXHAUSTED.
 */
export class SlowClientError extends RedlineError {
  constructor(
    message: string,
    context: { queuedAlerts: number; fullForMs?: number },
  ) {
    super(message, { context });
  }
}

/**
 * Every catch-up reader the gateway allows is busy: each holds a Kafka
 * consumer and its fetch buffers, so their number is bounded. Maps to
 * RESOURCE_EXHAUSTED; the client may retry with the same cursor later.
 */
export class CatchUpLimitError extends RedlineError {
  constructor(readonly maxCatchUps: number) {
    super(`all ${maxCatchUps} catch-up readers are busy; retry with the same cursor later`, {
      retriable: true,
      context: { maxCatchUps },
    });
  }
}
