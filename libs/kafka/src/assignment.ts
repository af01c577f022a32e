/** Some partitions of one topic. */
export interface TopicPartitions {
  topic: string;
  partitions: readonly number[];
}

/** kafkajs's `memberAssignment` ({ topic: partitions }) as a list, topics and partitions sorted. */
export function assignmentFrom(memberAssignment: Readonly<Record<string, readonly number[]>>): TopicPartitions[] {
  return Object.keys(memberAssignment)
    .sort()
    .map((topic) => ({ topic, partitions: [...memberAssignment[topic]!].sort((a, b) => a - b) }))
    .filter((tp) => tp.partitions.length > 0);
}

/** What `before` held that `after` does not, per topic; topics that lost nothing are left out. */
export function revokedBetween(before: readonly TopicPartitions[], after: readonly TopicPartitions[]): TopicPartitions[] {
  const kept = new Map(after.map((tp) => [tp.topic, new Set(tp.partitions)]));
  return before
    .map((tp) => ({ topic: tp.topic, partitions: tp.partitions.filter((p) => !kept.get(tp.topic)?.has(p)) }))
    .filter((tp) => tp.partitions.length > 0);
}

/** The partition numbers named for any topic, sorted: what a co-partitioned member owns. */
export function partitionNumbers(assignment: readonly TopicPartitions[]): number[] {
  return [...new Set(assignment.flatMap((tp) => tp.partitions))].sort((a, b) => a - b);
}
