import { RedlineError, RetriesExhaustedError } from "./errors";
import { backoffDelayMs, retry } from "./retry";

const noSleep = async (): Promise<void> => undefined;

describe("retry", () => {
  it("retries retriable failures and returns the first success", async () => {
    let calls = 0;
    const result = await retry(
      async () => {
        calls++;
        if (calls < 3) throw new RedlineError("flaky", { retriable: true });
        return "ok";
      },
      { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 100, sleep: noSleep },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
  });

  it("rethrows a non-retriable failure at once", async () => {
    let calls = 0;
    const fatal = new RedlineError("bad input");
    await expect(
      retry(
        async () => {
          calls++;
          throw fatal;
        },
        { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 100, sleep: noSleep },
      ),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
  });

  it("never retries a TypeError even if it claims to be retriable", async () => {
    const err = Object.assign(new TypeError("x is undefined"), { retriable: true });
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw err;
        },
        { maxAttempts: 5, initialDelayMs: 1, maxDelayMs: 1, sleep: noSleep },
      ),
    ).rejects.toBe(err);
    expect(calls).toBe(1);
  });

  it("gives up after maxAttempts with the last failure as cause", async () => {
    const last = new RedlineError("still down", { retriable: true });
    const p = retry(
      async () => {
        throw last;
      },
      { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 1, sleep: noSleep },
    );
    await expect(p).rejects.toBeInstanceOf(RetriesExhaustedError);
    await p.catch((e: RetriesExhaustedError) => {
      expect(e.attempts).toBe(4);
      expect(e.cause).toBe(last);
    });
  });

  it("grows the backoff cap exponentially up to the maximum", () => {
    const opts = { maxAttempts: 10, initialDelayMs: 100, maxDelayMs: 1000 };
    const almostOne = () => 0.999999;
    expect(backoffDelayMs(1, opts, almostOne)).toBe(99);
    expect(backoffDelayMs(3, opts, almostOne)).toBe(399);
    expect(backoffDelayMs(8, opts, almostOne)).toBe(999);
    expect(backoffDelayMs(3, opts, () => 0)).toBe(0);
  });

  it("stops on its signal: the backoff in progress ends and the last failure is rethrown", async () => {
    const stop = new AbortController();
    let calls = 0;
    const failing = async (): Promise<never> => {
      calls++;
      throw new RedlineError(`down ${calls}`, { retriable: true });
    };
    // A backoff that never ends on its own: only the abort can end this retry.
    const pending = retry(failing, { maxAttempts: 100, initialDelayMs: 1, maxDelayMs: 1, sleep: () => new Promise<void>(() => undefined), onRetry: () => setImmediate(() => stop.abort()), signal: stop.signal });
    await expect(pending).rejects.toThrow("down 1");
    expect(calls).toBe(1);
  });
});

