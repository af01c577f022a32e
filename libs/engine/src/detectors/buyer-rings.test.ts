import { createBuyerRings, linkBuyers, ringSize } from "./buyer-rings";

describe("buyer rings", () => {
  it("joins chains of shared keys into one ring and counts its buyers", () => {
    const rings = createBuyerRings();
    linkBuyers(rings, "a", "b", 100);
    linkBuyers(rings, "c", "d", 100);
    expect(ringSize(rings, "a")).toBe(2);
    linkBuyers(rings, "b", "c", 100);
    for (const id of ["a", "b", "c", "d"]) expect(ringSize(rings, id)).toBe(4);
    linkBuyers(rings, "d", "a", 100);
    expect(ringSize(rings, "a")).toBe(4);
    expect(ringSize(rings, "stranger")).toBe(1);
  });

  it("builds the same structure whichever order the links come in", () => {
    const links: Array<[string, string]> = [["a", "b"], ["c", "d"], ["b", "c"], ["e", "a"]];
    const forward = createBuyerRings();
    const backward = createBuyerRings();
    for (const [x, y] of links) linkBuyers(forward, x, y, 100);
    for (const [x, y] of [...links].reverse()) linkBuyers(backward, y, x, 100);
    for (const id of ["a", "b", "c", "d", "e"]) expect(ringSize(backward, id)).toBe(ringSize(forward, id));
  });

  it("stops linking new buyers at its capacity", () => {
    const rings = createBuyerRings();
    linkBuyers(rings, "a", "b", 3);
    linkBuyers(rings, "c", "d", 3);
    expect(ringSize(rings, "c")).toBe(1);
    linkBuyers(rings, "a", "c", 3);
    expect(ringSize(rings, "a")).toBe(3);
  });
});
