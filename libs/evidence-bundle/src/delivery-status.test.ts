import { deliveryStatus } from "./delivery-status";
import type { ArchivedOutcome } from "./evidence-source";

const outcome = (result: string, finishedAtMs: number): ArchivedOutcome => ({
  result: `DELIVERY_RESULT_${result}`,
  attempts: 1,
  firstAttemptAtMs: finishedAtMs - 10,
  finishedAtMs,
  outcomeJson: "{}",
});

describe("deliveryStatus", () => {
  it("is DELIVERED once the platform acknowledged, whatever came after", () => {
    expect(deliveryStatus({ outcomes: [outcome("APPLIED", 100)] })).toBe("DELIVERED");
    // Re-sent after a crash: the platform dedupes and says DUPLICATE; the first outcome was lost.
    expect(deliveryStatus({ outcomes: [outcome("DUPLICATE", 200)] })).toBe("DELIVERED");
    expect(deliveryStatus({ outcomes: [outcome("APPLIED", 100), outcome("FAILED", 300)] })).toBe("DELIVERED");
  });

  it("follows the last outcome when none was acknowledged", () => {
    expect(deliveryStatus({ outcomes: [outcome("REJECTED", 100)] })).toBe("REJECTED");
    expect(deliveryStatus({ outcomes: [outcome("REJECTED", 100), outcome("FAILED", 300)] })).toBe("UNDELIVERED");
    expect(deliveryStatus({ outcomes: [outcome("FAILED", 300), outcome("REJECTED", 400)] })).toBe("REJECTED");
  });

  it("falls back to the ACTION_UNDELIVERED alert of an archive without outcomes, and says when nothing is known", () => {
    expect(deliveryStatus({ undeliveredAlertJson: "{}" })).toBe("UNDELIVERED");
    expect(deliveryStatus({})).toBe("NO_OUTCOME_RECORDED");
    expect(deliveryStatus({ shadow: true, outcomes: [] })).toBe("SHADOW_NOT_SENT");
  });
});
