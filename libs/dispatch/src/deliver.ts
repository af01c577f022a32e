import { backoffDelayMs, describeError, isRetriable, sleepUnlessAborted } from "@redline/common";
import { ApplyStatus, type ApplyAck, type ControlAction } from "@redline/proto";
import { DeliveryInterruptedError } from "./errors";

/** The platform's ControlPlane as the dispatcher sees it; errors say whether they are retriable. */
export interface ControlPlanePort {
  apply(action: ControlAction, deadlineMs: number): Promise<ApplyAck>;
}

export interface DeliveryPolicy {
  /** Deadline of one Apply call. */
  deadlineMs: number;
  /** Wall time one action may spend in retries before it is dead-lettered. */
  retryBudgetMs: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export interface DeliveryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const realClock: DeliveryClock = {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The platform refused the action, or it could not be delivered at all. */
export type UndeliveredOutcome =
  | { kind: "rejected"; attempts: number; message: string }
  | { kind: "failed"; attempts: number; reason: "RETRY_BUDGET_EXHAUSTED" | "NON_RETRIABLE"; detail: string };

export type DeliveryOutcome = { kind: "applied"; attempts: number } | { kind: "duplicate"; attempts: number } | UndeliveredOutcome;

/**
 * Calls Apply until the platform answers, retrying only retriable failures
 * (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED) with exponential
 * backoff and full jitter, within the retry budget. The same action (same
 * actionId, same payload) is sent every time, so the platform's dedupe
 * makes the retries harmless.
 *
 * `signal` (shutdown) ends the wait between attempts at once and throws
 * DeliveryInterruptedError: a stop during a platform outage must not sit
 * out a retry budget of minutes. An Apply already sent runs to its deadline.
 */
export async function deliverAction(
  action: ControlAction,
  port: ControlPlanePort,
  policy: DeliveryPolicy,
  clock: DeliveryClock = realClock,
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void,
  signal?: AbortSignal,
): Promise<DeliveryOutcome> {
  const startedAt = clock.now();
  const backoff = { maxAttempts: Number.MAX_SAFE_INTEGER, initialDelayMs: policy.initialBackoffMs, maxDelayMs: policy.maxBackoffMs };
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new DeliveryInterruptedError(action.actionId, attempt - 1);
    try {
      const ack = await port.apply(action, policy.deadlineMs);
      switch (ack.status) {
        case ApplyStatus.APPLY_STATUS_APPLIED:
          return { kind: "applied", attempts: attempt };
        case ApplyStatus.APPLY_STATUS_DUPLICATE:
          return { kind: "duplicate", attempts: attempt };
        case ApplyStatus.APPLY_STATUS_REJECTED:
          return { kind: "rejected", attempts: attempt, message: ack.message };
        default:
          return { kind: "failed", attempts: attempt, reason: "NON_RETRIABLE", detail: `unknown ApplyAck status ${ack.status}` };
      }
    } catch (err) {
      if (!isRetriable(err)) return { kind: "failed", attempts: attempt, reason: "NON_RETRIABLE", detail: describeError(err) };
      const delayMs = backoffDelayMs(attempt, backoff, clock.random);
      if (clock.now() + delayMs - startedAt > policy.retryBudgetMs) {
        return { kind: "failed", attempts: attempt, reason: "RETRY_BUDGET_EXHAUSTED", detail: describeError(err) };
      }
      onRetry?.(err, attempt, delayMs);
      await sleepUnlessAborted((ms) => clock.sleep(ms), delayMs, signal);
    }
  }
}
