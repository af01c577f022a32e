import { RedlineError } from "@redline/common";

/** A record could not be dead-lettered; the batch is not committed and will be redelivered. */
export class DeadLetterError extends RedlineError {
  constructor(topic: string, cause: unknown) {
    super(`could not write to dead-letter topic ${topic}`, { retriable: true, cause, context: { topic } });
  }
}

/** Topics a consumer needs are missing or disagree on partition count. */
export class TopicLayoutError extends RedlineError {
  constructor(message: string, context: Record<string, unknown>) {
    super(message, { context });
  }
}
