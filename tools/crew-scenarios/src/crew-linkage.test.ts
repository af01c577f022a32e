import { crewLinkage } from "./crew-linkage";

const visit = (roomId: string, accounts: string[]) => ({ roomId, accounts, firstMs: 0, lastMs: 1 });

describe("crewLinkage", () => {
  it("counts the most rooms one account, two accounts together, one device and two devices together were in", () => {
    const deviceOf = new Map([["a", "d1"], ["b", "d1"], ["c", "d2"], ["d", "d3"]]);
    const linkage = crewLinkage(
      [visit("r1", ["a", "c"]), visit("r2", ["b", "c"]), visit("r3", ["a", "d"]), visit("r4", ["b", "d"])],
      deviceOf,
    );
    // a, b, c, d: 2 rooms each; no two accounts twice; d1 in all four rooms; d1 with d2 twice, with d3 twice.
    expect(linkage).toEqual({ accountRoomsMax: 2, accountPairRoomsMax: 1, deviceRoomsMax: 4, devicePairRoomsMax: 2 });
  });

  it("is zero for a crew with no visits", () => {
    expect(crewLinkage([], new Map())).toEqual({ accountRoomsMax: 0, accountPairRoomsMax: 0, deviceRoomsMax: 0, devicePairRoomsMax: 0 });
  });
});
