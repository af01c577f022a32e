import { assignmentFrom, partitionNumbers, revokedBetween } from "./assignment";

describe("group assignments", () => {
  it("lists kafkajs's member assignment by topic with partitions sorted, dropping empty topics", () => {
    expect(assignmentFrom({ "live.likes": [3, 1], "live.comments": [1, 3], "live.rooms": [] })).toEqual([
      { topic: "live.comments", partitions: [1, 3] },
      { topic: "live.likes", partitions: [1, 3] },
    ]);
  });

  it("names what a join took away, and nothing for what moved nowhere", () => {
    const before = [
      { topic: "a", partitions: [0, 1, 2] },
      { topic: "b", partitions: [0, 1, 2] },
    ];
    const after = [
      { topic: "a", partitions: [0, 2] },
      { topic: "b", partitions: [0, 1, 2, 3] },
    ];
    expect(revokedBetween(before, after)).toEqual([{ topic: "a", partitions: [1] }]);
    expect(revokedBetween(after, after)).toEqual([]);
    expect(revokedBetween(before, [])).toEqual(before);
  });

  it("gives the partition numbers a co-partitioned member owns", () => {
    expect(partitionNumbers([{ topic: "a", partitions: [2, 0] }, { topic: "b", partitions: [0, 5] }])).toEqual([0, 2, 5]);
  });
});
