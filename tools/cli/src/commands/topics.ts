import { createJsonLogger } from "@redline/common";
import { DEFAULT_INPUT_TOPICS, DEFAULT_OUTPUT_TOPICS, DEFAULT_TABLE_TOPICS, TABLE_TOPIC_CONFIGS } from "@redline/events";
import { createKafkaClient, dlqTopicFor, ensureTopics, loadKafkaConfig, partitionCounts, type TopicSpec } from "@redline/kafka";
import { EXIT_CODES, type CommandContext } from "../command";

/** Every topic Redline reads or writes, with the partition count to create it with. */
export function redlineTopics(partitions: number): TopicSpec[] {
  const inputs = Object.values(DEFAULT_INPUT_TOPICS);
  return [
    ...inputs.map((topic) => ({ topic, numPartitions: partitions })),
    ...inputs.map((topic) => ({ topic: dlqTopicFor(topic), numPartitions: 1 })),
    // Tables are read whole by every engine: their partition count is free, and compaction keeps the latest version per key.
    ...Object.values(DEFAULT_TABLE_TOPICS).map((topic) => ({ topic, numPartitions: partitions, configs: { ...TABLE_TOPIC_CONFIGS } })),
    ...Object.values(DEFAULT_TABLE_TOPICS).map((topic) => ({ topic: dlqTopicFor(topic), numPartitions: 1 })),
    ...Object.values(DEFAULT_OUTPUT_TOPICS).map((topic) => ({ topic, numPartitions: partitions })),
    ...Object.values(DEFAULT_OUTPUT_TOPICS).map((topic) => ({ topic: dlqTopicFor(topic), numPartitions: 1 })),
  ];
}

/** `redline topics ensure`: creates what is missing and prints each topic's partition count. */
export async function run({ partitions }: { partitions: number }, ctx: CommandContext): Promise<number> {
  const logger = createJsonLogger({ level: "warn", write: (l) => ctx.stderr.write(l) });
  const kafka = createKafkaClient(loadKafkaConfig(ctx.env, "redline-cli"), logger);
  const specs = redlineTopics(partitions);
  await ensureTopics(kafka, specs);
  const counts = await partitionCounts(
    kafka,
    specs.map((s) => s.topic),
  );
  for (const s of specs) ctx.stdout.write(`${s.topic}\t${counts.get(s.topic)}\n`);
  const inputCounts = new Set(Object.values(DEFAULT_INPUT_TOPICS).map((t) => counts.get(t)));
  if (inputCounts.size !== 1) {
    ctx.stderr.write("redline topics: input topics have different partition counts; rooms would not be co-partitioned\n");
    return EXIT_CODES.failed;
  }
  return EXIT_CODES.ok;
}
