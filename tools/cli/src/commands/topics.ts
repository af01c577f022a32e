import { parseArgs } from "node:util";
import { createJsonLogger } from "@redline/common";
import { DEFAULT_INPUT_TOPICS, DEFAULT_OUTPUT_TOPICS, dlqTopicFor } from "@redline/events";
import { createKafkaClient, ensureTopics, loadKafkaConfig, partitionCounts, type TopicSpec } from "@redline/kafka";
import type { CommandContext } from "../command";

const USAGE = `usage: redline topics ensure [--partitions N]
  Creates Redline's input topics, their dead-letter topics and the output
  topics where missing, then prints each topic's partition count. Input
  topics must share one partition count (they are co-partitioned by room).
  Brokers: REDLINE_KAFKA_BROKERS (default 127.0.0.1:9092).
`;

/** Every topic Redline reads or writes, with the partition count to create it with. */
export function redlineTopics(partitions: number): TopicSpec[] {
  const inputs = Object.values(DEFAULT_INPUT_TOPICS);
  return [
    ...inputs.map((topic) => ({ topic, numPartitions: partitions })),
    ...inputs.map((topic) => ({ topic: dlqTopicFor(topic), numPartitions: 1 })),
    ...Object.values(DEFAULT_OUTPUT_TOPICS).map((topic) => ({ topic, numPartitions: partitions })),
    ...Object.values(DEFAULT_OUTPUT_TOPICS).map((topic) => ({ topic: dlqTopicFor(topic), numPartitions: 1 })),
  ];
}

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { partitions: { type: "string", default: "3" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals[0] !== "ensure") {
    ctx.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  const partitions = Number(values.partitions);
  if (!Number.isInteger(partitions) || partitions < 1) {
    ctx.stderr.write(`redline topics: --partitions must be a positive integer, got '${values.partitions}'\n`);
    return 2;
  }
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
    return 1;
  }
  return 0;
}
