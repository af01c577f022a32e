import { RedlineError } from "@redline/common";
import { ApplyStatus, ControlAction, type ApplyAck } from "@redline/proto";
import { deliverAction, type ControlPlanePort, type DeliveryClock } from "./deliver";
import { DeliveryInterruptedError } from "./errors";

const action = ControlAction.fromPartial({ actionId: "a-1", roomId: "r" });
const policy = { deadlineMs: 1000, retryBudgetMs: 10_000, initialBackoffMs: 100, maxBackoffMs: 1000 };
const ack = (status: ApplyStatus, message = ""): ApplyAck => ({ actionId: "a-1", status, message });
const unavailable = () => new RedlineError("UNAVAILABLE", { retriable: true });

function fakeClock(): DeliveryClock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
    random: () => 0.5,
  };
  return c;
}

function port(answers: Array<ApplyAck | Error>): ControlPlanePort & { calls: ControlAction[] } {
  const calls: ControlAction[] = [];
  return {
    calls,
    apply: async (a) => {
      calls.push(a);
      const next = answers.shift() ?? ack(ApplyStatus.APPLY_STATUS_APPLIED);
      if (next instanceof Error) throw next;
      return next;
    },
  };
}

describe("deliverAction", () => {
  it("retries retriable failures with the same action until applied", async () => {
    const p = port([unavailable(), unavailable(), ack(ApplyStatus.APPLY_STATUS_APPLIED)]);
    const clock = fakeClock();
    const out = await deliverAction(action, p, policy, clock);
    // Times of the first call and of the answer, and the platform's own ack.
    expect(out).toEqual({ kind: "applied", attempts: 3, firstAttemptAtMs: 0, finishedAtMs: 150, ack: ack(ApplyStatus.APPLY_STATUS_APPLIED) });
    expect(p.calls).toEqual([action, action, action]);
    expect(clock.t).toBe(50 + 100); // jittered halves of 100 and 200
  });

  it("treats DUPLICATE as delivered and REJECTED as a final answer", async () => {
    expect(await deliverAction(action, port([ack(ApplyStatus.APPLY_STATUS_DUPLICATE)]), policy, fakeClock())).toMatchObject({
      kind: "duplicate",
      attempts: 1,
    });
    expect(await deliverAction(action, port([ack(ApplyStatus.APPLY_STATUS_REJECTED, "no such room")]), policy, fakeClock())).toEqual({
      kind: "rejected",
      attempts: 1,
      message: "no such room",
      ack: ack(ApplyStatus.APPLY_STATUS_REJECTED, "no such room"),
      firstAttemptAtMs: 0,
      finishedAtMs: 0,
    });
  });

  it("does not retry a non-retriable failure", async () => {
    const p = port([new RedlineError("INVALID_ARGUMENT"), ack(ApplyStatus.APPLY_STATUS_APPLIED)]);
    const out = await deliverAction(action, p, policy, fakeClock());
    expect(out).toMatchObject({ kind: "failed", reason: "NON_RETRIABLE", attempts: 1 });
    expect(p.calls).toHaveLength(1);
  });

  it("gives up when the next wait would overrun the retry budget", async () => {
    const p = port(Array.from({ length: 100 }, unavailable));
    const clock = fakeClock();
    const out = await deliverAction(action, p, { ...policy, retryBudgetMs: 3000 }, clock);
    expect(out).toMatchObject({ kind: "failed", reason: "RETRY_BUDGET_EXHAUSTED", firstAttemptAtMs: 0, finishedAtMs: clock.t });
    expect(out).not.toHaveProperty("ack");
    expect(clock.t).toBeLessThanOrEqual(3000);
    expect(p.calls.length).toBeGreaterThan(3);
  });

  it("gives up at once on shutdown, mid-backoff, without an outcome to dead-letter", async () => {
    const stop = new AbortController();
    const p = port([unavailable(), unavailable(), unavailable()]);
    // A backoff that never ends on its own: only the abort can end this delivery.
    const endless: DeliveryClock = { now: () => 0, sleep: () => new Promise<void>(() => undefined), random: () => 1 };
    const delivery = deliverAction(action, p, policy, endless, () => setImmediate(() => stop.abort()), stop.signal);
    await expect(delivery).rejects.toBeInstanceOf(DeliveryInterruptedError);
    expect(p.calls).toHaveLength(1);
    // Aborted before the first attempt: nothing is sent at all.
    const q = port([]);
    await expect(deliverAction(action, q, policy, fakeClock(), undefined, stop.signal)).rejects.toThrow(/interrupted by shutdown after 0 attempt/);
    expect(q.calls).toEqual([]);
  });
});
