import { RedlineError } from "@redline/common";

/** A record could not be dead-lettered; the batch is not committed and will be redelivered. */
export class DeadLetterError extends RedlineError {
  constructor(topic: string, cause: unknown) {
    super(`could not write to dead-letter topic ${topic}`, { retriable: true, cause, context: { topic } });
  }
}

/** A send failed because the broker could not be reached (a restart, a stall); retriable. */
export class BrokerUnavailableError extends RedlineError {
  constructor(topics: readonly string[], cause: unknown) {
    super(`broker unavailable while producing to ${topics.join(", ")}`, { retriable: true, cause, context: { topics } });
  }
}

/** Topics a consumer needs are missing or disagree on partition count. */
export class TopicLayoutError extends RedlineError {
  constructor(message: string, context: Record<string, unknown>) {
    super(message, { context });
  }
}

/**
 * Thrown at start-up when topics a service reads or writes do not exist
 * (issue 17: an engine started without its output topics consumed, then
 * retried producing for ever without naming the topic, and could not stop
 * cleanly). Lists every missing topic with its use; not retriable.
 */
export class MissingTopicsError extends TopicLayoutError {
  constructor(readonly missing: ReadonlyArray<{ topic: string; use: string }>) {
    super(
      `missing topics: ${missing.map((m) => `${m.topic} (${m.use})`).join(", ")}; create them with \`npx redline topics ensure\`, or set the service's topic variables to topics that exist`,
      { missing: missing.map((m) => m.topic) },
    );
  }
}
