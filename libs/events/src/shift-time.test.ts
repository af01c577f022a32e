import { LiveEvent } from "@redline/proto";
import { shiftEventTime } from "./shift-time";

describe("shiftEventTime", () => {
  it("moves the event and its actor's account creation together, keeping the account's age", () => {
    const e = LiveEvent.fromPartial({
      eventId: "e",
      roomId: "r",
      eventTimeMs: 10_000,
      body: { $case: "follow", value: { user: { userId: "u", accountCreatedMs: 4_000 } } },
    });
    shiftEventTime(e, 1_000_000);
    expect(e.eventTimeMs).toBe(1_010_000);
    if (e.body?.$case !== "follow") throw new Error("unreachable");
    expect(e.eventTimeMs - e.body.value.user!.accountCreatedMs).toBe(6_000);
  });

  it("leaves an unknown (zero) creation time unknown", () => {
    const e = LiveEvent.fromPartial({ eventId: "e", roomId: "r", eventTimeMs: 5, body: { $case: "like", value: { user: { userId: "u" }, count: 1 } } });
    shiftEventTime(e, 100);
    if (e.body?.$case !== "like") throw new Error("unreachable");
    expect(e.body.value.user!.accountCreatedMs).toBe(0);
  });
});
