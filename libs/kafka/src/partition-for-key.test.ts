import { partitionForKey } from "./partitioner";
import { Partitioners } from "kafkajs";

describe("partitionForKey", () => {
  it("agrees with the partitioner kafkajs producers use, for every key length", () => {
    const partitioner = Partitioners.DefaultPartitioner();
    for (const n of [1, 3, 7, 12]) {
      const partitionMetadata = Array.from({ length: n }, (_, i) => ({ partitionId: i, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
      for (let i = 0; i < 300; i++) {
        const key = `room-${i}-${"x".repeat(i % 5)}直播`;
        expect(partitionForKey(key, n)).toBe(partitioner({ topic: "t", partitionMetadata, message: { key, value: "v" } }));
      }
    }
  });
});
