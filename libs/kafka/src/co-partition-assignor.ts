import { AssignerProtocol, type PartitionAssigner } from "kafkajs";
import { TopicLayoutError } from "./errors";

/**
 * Partition number p of every topic goes to the same member, so one member
 * sees every event of a room whatever topic carries it (rooms are keyed and
 * co-partitioned). Members are sorted by id and partition numbers dealt round
 * robin: the same group always gets the same assignment.
 */
export function assignCoPartitioned(
  memberIds: readonly string[],
  partitionCounts: ReadonlyMap<string, number>,
): Map<string, Record<string, number[]>> {
  const counts = new Set(partitionCounts.values());
  if (counts.size > 1) {
    const detail = [...partitionCounts].map(([t, n]) => `${t}=${n}`).join(", ");
    throw new TopicLayoutError(`co-partitioned topics must have one partition count, got ${detail}`, {
      partitionCounts: Object.fromEntries(partitionCounts),
    });
  }
  const partitions = counts.size === 0 ? 0 : [...counts][0]!;
  const members = [...memberIds].sort();
  const out = new Map<string, Record<string, number[]>>(members.map((m) => [m, {}]));
  if (members.length === 0) return out;
  for (let p = 0; p < partitions; p++) {
    const owner = out.get(members[p % members.length]!)!;
    for (const topic of partitionCounts.keys()) (owner[topic] ??= []).push(p);
  }
  return out;
}

export const CO_PARTITION_ASSIGNER_NAME = "RedlineCoPartitionAssigner";

/** kafkajs assigner around `assignCoPartitioned`; every member of the group must use it. */
export const coPartitionAssigner: PartitionAssigner = ({ cluster }) => ({
  name: CO_PARTITION_ASSIGNER_NAME,
  version: 1,
  async assign({ members, topics }) {
    await cluster.refreshMetadataIfNecessary();
    const counts = new Map(topics.map((t) => [t, cluster.findTopicPartitionMetadata(t).length]));
    const assignment = assignCoPartitioned(
      members.map((m) => m.memberId),
      counts,
    );
    return [...assignment].map(([memberId, a]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 1, assignment: a, userData: Buffer.alloc(0) }),
    }));
  },
  protocol({ topics }) {
    return {
      name: CO_PARTITION_ASSIGNER_NAME,
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
    };
  },
});
