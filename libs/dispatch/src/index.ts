/**
 * @redline/dispatch — how a control action reaches the platform: one Apply
 * per attempt with a deadline, retries of retriable failures with backoff
 * and jitter inside a retry budget, and a typed outcome for each action.
 *
 * @example
 * const outcome = await deliverAction(action, controlPlanePort, { deadlineMs: 5000, retryBudgetMs: 900_000,
 *   initialBackoffMs: 200, maxBackoffMs: 30_000 });
 * await publish(outcomesTopic, action.actionId, actionOutcomeOf(action, outcome)); // every outcome, for the archive
 * if (outcome.kind === "failed") deadLetter(action, outcome.reason);
 */
export { actionOutcomeOf } from "./action-outcome";
export { deliverAction, realClock } from "./deliver";
export { DeliveryInterruptedError } from "./errors";
export { undeliveredAlertId } from "./undelivered-alert-id";
export type { ControlPlanePort, DeliveryAttempts, DeliveryClock, DeliveryOutcome, DeliveryPolicy, UndeliveredOutcome } from "./deliver";
