import { TransactionKind } from "@redline/proto";
import type { LiveEvent } from "@redline/proto";
import { actingAccount } from "./acting-account";
import { actor, comment, follow, join, leave, like, order, roomEnded, T0 } from "./testing/event-builders";

describe("actingAccount", () => {
  const a = actor("acc-1");

  it("names the viewer, liker, follower, buyer and author", () => {
    for (const event of [join("r", T0, a), leave("r", T0, a), like("r", T0, a, 3), follow("r", T0, a), order("r", T0, a), order("r", T0, a, { kind: TransactionKind.TRANSACTION_KIND_TIP }), comment("r", T0, a)]) {
      expect(actingAccount(event)?.userId).toBe("acc-1");
    }
    const barrage: LiveEvent = { ...comment("r", T0, a), body: { $case: "barrage", value: { author: a, text: "hi" } } } as LiveEvent;
    expect(actingAccount(barrage)).toBe(a);
  });

  it("names nobody for an event without an account, or with an empty id", () => {
    expect(actingAccount(roomEnded("r", T0))).toBeUndefined();
    expect(actingAccount(like("r", T0, actor("")))).toBeUndefined();
    expect(actingAccount({ ...like("r", T0, a), body: { $case: "like", value: { count: 1 } } } as LiveEvent)).toBeUndefined();
    expect(actingAccount({ ...like("r", T0, a), body: undefined })).toBeUndefined();
  });
});
