import { assignCoPartitioned } from "./co-partition-assignor";
import { TopicLayoutError } from "./errors";

describe("assignCoPartitioned", () => {
  const counts = new Map([
    ["live.comments", 4],
    ["live.likes", 4],
  ]);

  it("gives partition p of every topic to the same member", () => {
    const a = assignCoPartitioned(["m-b", "m-a"], counts);
    expect(a.get("m-a")).toEqual({ "live.comments": [0, 2], "live.likes": [0, 2] });
    expect(a.get("m-b")).toEqual({ "live.comments": [1, 3], "live.likes": [1, 3] });
  });

  it("is stable for the same members in any order and covers every partition once", () => {
    const one = assignCoPartitioned(["x", "y", "z"], counts);
    const two = assignCoPartitioned(["z", "x", "y"], counts);
    expect(two).toEqual(one);
    const all = [...one.values()].flatMap((a) => a["live.comments"] ?? []).sort();
    expect(all).toEqual([0, 1, 2, 3]);
  });

  it("leaves extra members idle rather than splitting a partition number", () => {
    const a = assignCoPartitioned(["a", "b", "c"], new Map([["t", 2]]));
    expect(a.get("c")).toEqual({});
  });

  it("refuses topics whose partition counts differ", () => {
    expect(() => assignCoPartitioned(["a"], new Map([["t1", 3], ["t2", 4]]))).toThrow(TopicLayoutError);
    expect(() => assignCoPartitioned(["a"], new Map([["t1", 3], ["t2", 4]]))).toThrow(/t1=3, t2=4/);
  });
});
