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

/** When a delivery ran and how many Apply calls it made (clock time: what the platform saw). */
export interface DeliveryAttempts {
  attempts: number;
  firstAttemptAtMs: number;
  finishedAtMs: number;
}

/** The platform refused the action, or it could not be delivered at all. */
export type UndeliveredOutcome =
  | ({ kind: "rejected"; message: string; ack: ApplyAck } & DeliveryAttempts)
  /** `ack` is there only when the platform answered with a status this dispatcher does not know. */
  | ({ kind: "failed"; reason: "RETRY_BUDGET_EXHAUSTED" | "NON_RETRIABLE"; detail: string; ack?: ApplyAck } & DeliveryAttempts);

export type DeliveryOutcome =
  | ({ kind: "applied"; ack: ApplyAck } & DeliveryAttempts)
  | ({ kind: "duplicate"; ack: ApplyAck } & DeliveryAttempts)
  | UndeliveredOutcome;

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
    const ran = (): DeliveryAttempts => ({ attempts: attempt, firstAttemptAtMs: startedAt, finishedAtMs: clock.now() });
    try {
      const ack = await port.apply(action, policy.deadlineMs);
      switch (ack.status) {
        case ApplyStatus.APPLY_STATUS_APPLIED:
          return { kind: "applied", ack, ...ran() };
        case ApplyStatus.APPLY_STATUS_DUPLICATE:
          return { kind: "duplicate", ack, ...ran() };
        case ApplyStatus.APPLY_STATUS_REJECTED:
          return { kind: "rejected", message: ack.message, ack, ...ran() };
        default:
          return { kind: "failed", reason: "NON_RETRIABLE", detail: `unknown ApplyAck status ${ack.status}`, ack, ...ran() };
      }
    } catch (err) {
      if (!isRetriable(err)) return { kind: "failed", reason: "NON_RETRIABLE", detail: describeError(err), ...ran() };
      const delayMs = backoffDelayMs(attempt, backoff, clock.random);
      if (clock.now() + delayMs - startedAt > policy.retryBudgetMs) {
        return { kind: "failed", reason: "RETRY_BUDGET_EXHAUSTED", detail: describeError(err), ...ran() };
      }
      onRetry?.(err, attempt, delayMs);
      await sleepUnlessAborted((ms) => clock.sleep(ms), delayMs, signal);
    }
  }
}
