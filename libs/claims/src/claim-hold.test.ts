import { assessSegment } from "./assess";
import { createRoomClaimHold, holdSegment, releaseDue } from "./claim-hold";
import { ProductFacts } from "@redline/proto";

const T = 1_764_000_000_000;
const HOLD_MS = 15_000;
const facts = ProductFacts.fromPartial({ skuId: "sku-1", validFromMs: T - 1, composition: [{ name: "bird's nest", aliases: ["燕窝"], percent: 0.014 }, { name: "water", percent: 99.986 }] });

function say(hold: ReturnType<typeof createRoomClaimHold>, text: string, timeMs: number) {
  const { reading, checks } = assessSegment(text, facts, timeMs);
  return holdSegment(hold, { eventId: `e-${timeMs}`, segmentId: `s-${timeMs}`, skuId: "sku-1", text, timeMs }, reading, checks, HOLD_MS, 4);
}

describe("the claim hold", () => {
  it("releases a contradiction once its hold has passed, not before", () => {
    const hold = createRoomClaimHold();
    say(hold, "燕窝含量高达30%", T);
    expect(releaseDue(hold, T + HOLD_MS - 1)).toEqual([]);
    const [released] = releaseDue(hold, T + HOLD_MS);
    expect(released).toMatchObject({ eventId: `e-${T}`, dueMs: T + HOLD_MS });
    expect(released!.findings[0]!.outcome).toBe("CONTRADICTION");
    expect(hold.held).toEqual([]);
  });

  it("drops a claim corrected a sentence later, explicitly or by a consistent restatement", () => {
    const corrected = createRoomClaimHold();
    say(corrected, "燕窝含量高达30%", T);
    say(corrected, "不好意思说错了", T + 3_000);
    expect(releaseDue(corrected, T + 60_000)).toEqual([]);
    const restated = createRoomClaimHold();
    say(restated, "燕窝含量高达30%", T);
    say(restated, "哦不，燕窝含量是0.014%", T + 3_000);
    expect(releaseDue(restated, T + 60_000)).toEqual([]);
  });

  it("keeps a claim whose correction came after the hold", () => {
    const hold = createRoomClaimHold();
    say(hold, "燕窝含量高达30%", T);
    say(hold, "说错了", T + HOLD_MS + 1);
    expect(releaseDue(hold, T + 60_000)).toHaveLength(1);
  });

  it("holds at most maxHeld segments, handing back the oldest beyond it", () => {
    const hold = createRoomClaimHold();
    const overflow = [0, 1, 2, 3, 4].flatMap((i) => say(hold, "燕窝含量高达30%", T + i));
    expect(overflow.map((h) => h.timeMs)).toEqual([T]);
    expect(hold.held).toHaveLength(4);
  });
});
