import { RedlineError } from "@redline/common";

/** What part of a bundle failed verification; tests and callers branch on it, people read the message. */
export type BundleDefect =
  | "NOT_A_BUNDLE"
  | "MANIFEST_MISSING"
  | "MANIFEST_MALFORMED"
  | "ENTRY_AFTER_MANIFEST"
  | "CHAIN_BROKEN"
  | "SIGNATURE_INVALID"
  | "SIGNED_BY_ANOTHER_KEY"
  | "ITEM_MISSING"
  | "ITEM_EDITED"
  | "ITEMS_REORDERED"
  | "ITEM_UNLISTED";

/** Thrown by `verifyBundle` when a bundle does not prove itself; the message names the item and what broke. */
export class BundleVerificationError extends RedlineError {
  constructor(
    readonly defect: BundleDefect,
    message: string,
    context: Record<string, unknown> = {},
  ) {
    super(`evidence bundle does not verify: ${message}`, { context: { defect, ...context } });
  }
}

/** The signing or public key given cannot be used (unreadable file, not Ed25519, bad encoding). */
export class EvidenceKeyError extends RedlineError {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
  }
}

/** The archive has nothing for what was asked to export (unknown alert, empty room and range). */
export class EvidenceNotFoundError extends RedlineError {
  constructor(message: string, context: Record<string, unknown>) {
    super(message, { context });
  }
}

/** A row read from the archive is not the JSON it should be; the export stops rather than sign it. */
export class CorruptEvidenceError extends RedlineError {
  constructor(what: string, id: string, cause: unknown) {
    super(`archived ${what} ${id} is not valid JSON`, { cause, context: { what, id } });
  }
}
