import { RedlineError } from "@redline/common";

/** A value that cannot be written as a SQL literal (NaN, a function, an unsafe identifier…). */
export class SqlValueError extends RedlineError {
  constructor(message: string) {
    super(message);
  }
}

/**
 * ClickHouse answered with an error or could not be reached. Network failures
 * and overload are retriable; a query ClickHouse refuses is not.
 */
export class ClickHouseError extends RedlineError {
  constructor(
    message: string,
    options: { retriable: boolean; cause?: unknown; status?: number; code?: number; queryHead?: string },
  ) {
    super(message, {
      retriable: options.retriable,
      cause: options.cause,
      context: { status: options.status, code: options.code, query: options.queryHead },
    });
  }
}

/** A migration file is malformed or failed to apply. */
export class MigrationError extends RedlineError {
  constructor(message: string, context: Record<string, unknown>, cause?: unknown) {
    super(message, { context, cause });
  }
}
