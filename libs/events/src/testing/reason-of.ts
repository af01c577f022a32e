import { InvalidEventError, type InvalidEventReason } from "../errors";

/** The reason `fn` refuses its input with; fails when it accepts it or throws anything else. For tests. */
export function reasonOf(fn: () => unknown): InvalidEventReason {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidEventError) return err.reason;
    throw err;
  }
  throw new Error("expected an InvalidEventError");
}
