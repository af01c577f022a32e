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

  describe("maxElapsedMs", () => {
    /** A clock that only the retry's own sleeps move, and a task that fails until `recoversAtMs`. */
    function fakeTime(recoversAtMs = Infinity) {
      const t = { nowMs: 1_000, starts: [] as number[], sleeps: [] as number[] };
      const opts = {
        now: () => t.nowMs,
        sleep: async (ms: number) => {
          t.sleeps.push(ms);
          t.nowMs += ms;
        },
        random: () => 0.999999,
      };
      const fn = async (): Promise<string> => {
        t.starts.push(t.nowMs - 1_000);
        t.nowMs += 100; // each attempt takes 100 ms
        if (t.nowMs - 1_000 < recoversAtMs) throw new RedlineError("down", { retriable: true });
        return "sent";
      };
      return { t, opts, fn };
    }

    it("keeps retrying past maxAttempts' usual count while its time lasts, and returns the success", async () => {
      const { t, opts, fn } = fakeTime(9_000);
      const result = await retry(fn, { ...opts, maxAttempts: Infinity, maxElapsedMs: 20_000, initialDelayMs: 1_000, maxDelayMs: 1_000 });
      expect(result).toBe("sent");
      // Attempts at 0, 1.1 s, 2.2 s ... (100 ms each plus a 999 ms backoff) until the first that ends after 9 s: ten attempts.
      expect(t.starts).toEqual([0, 1_099, 2_198, 3_297, 4_396, 5_495, 6_594, 7_693, 8_792, 9_891]);
    });

    it("cuts the last backoff so the last attempt starts at the budget, then gives up with the last failure", async () => {
      const { t, opts, fn } = fakeTime();
      const p = retry(fn, { ...opts, maxAttempts: Infinity, maxElapsedMs: 2_500, initialDelayMs: 1_000, maxDelayMs: 1_000 });
      await expect(p).rejects.toBeInstanceOf(RetriesExhaustedError);
      await p.catch((e: RetriesExhaustedError) => {
        expect(e.attempts).toBe(4);
        expect((e.cause as Error).message).toBe("down");
      });
      // 0 and 1,099 full backoffs; the third backoff is cut from 999 to 202 ms so the last attempt starts at 2,500.
      expect(t.starts).toEqual([0, 1_099, 2_198, 2_500]);
      expect(t.sleeps).toEqual([999, 999, 202]);
    });

    it("still stops at maxAttempts when those run out first", async () => {
      const { t, opts, fn } = fakeTime();
      await expect(retry(fn, { ...opts, maxAttempts: 2, maxElapsedMs: 60_000, initialDelayMs: 1_000, maxDelayMs: 1_000 })).rejects.toBeInstanceOf(RetriesExhaustedError);
      expect(t.starts).toEqual([0, 1_099]);
    });

    it("rethrows a non-retriable failure at once, whatever time is left", async () => {
      const fatal = new RedlineError("refused");
      let calls = 0;
      const failing = async (): Promise<never> => {
        calls++;
        throw fatal;
      };
      await expect(retry(failing, { maxAttempts: Infinity, maxElapsedMs: 60_000, initialDelayMs: 1, maxDelayMs: 1, sleep: noSleep })).rejects.toBe(fatal);
      expect(calls).toBe(1);
    });
  });
});
