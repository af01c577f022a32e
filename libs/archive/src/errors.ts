import { RedlineError } from "@redline/common";

/** A row in the archive cannot be read back as the message it stores. */
export class CorruptArchiveRowError extends RedlineError {
  constructor(table: string, id: string, cause: unknown) {
    super(`archived row ${id} in ${table} is not valid JSON for its message`, { cause, context: { table, id } });
  }
}
