/** demo-feed: publishes demo scenarios in real time, one cycle after another, until stopped. */
import { createJsonLogger, EnvReader, runService } from "@redline/common";
import { DEFAULT_TABLE_TOPICS, encodeMessage } from "@redline/events";
import { createKafkaClient, loadKafkaConfig, RecordProducer } from "@redline/kafka";
import { ProductFacts } from "@redline/proto";
import { demoScenario } from "./demo-scenario";
import { publishPaced } from "./paced-publisher";

const logger = createJsonLogger({ namespace: "redline.demo-feed" });
void runService(
  async () => {
    const env = new EnvReader(process.env);
    const firstSeed = env.int("REDLINE_DEMO_SEED", 1, { min: 0 });
    const topicPrefix = env.string("REDLINE_DEMO_TOPIC_PREFIX", "");
    const kafka = createKafkaClient(loadKafkaConfig(process.env, "redline-demo-feed"), logger);
    const producer = await RecordProducer.connect(kafka, logger);
    const abort = new AbortController();
    // Each run names its rooms afresh (see demoScenario); the traffic itself depends on the seed only.
    const run = Date.now().toString(36).slice(-4);
    const loop = (async () => {
      for (let seed = firstSeed; !abort.signal.aborted; seed++) {
        const scenario = demoScenario(seed, Date.now(), undefined, `demo-${run}-${seed}`);
        process.stdout.write(`demo cycle ${seed}: ${scenario.events.length} events in ${scenario.rooms.length} rooms\n`);
        for (const r of scenario.rooms) process.stdout.write(`  ${r.roomId.padEnd(34)} expect: ${r.expect}\n`);
        await producer.send(
          topicPrefix + DEFAULT_TABLE_TOPICS.products,
          scenario.products.map((p) => {
            const encoded = encodeMessage(ProductFacts, p, "protobuf");
            return { key: p.skuId, value: encoded.value, headers: { "content-type": encoded.contentType } };
          }),
        );
        let lastReport = 0;
        await publishPaced(scenario.events, {
          producer,
          topicPrefix,
          tickMs: 200,
          onProgress: (sent, total) => {
            if (Date.now() - lastReport > 30_000) {
              lastReport = Date.now();
              process.stdout.write(`  sent ${sent}/${total}\n`);
            }
          },
        }, abort.signal);
      }
    })();
    return {
      async stop() {
        abort.abort();
        await loop;
        await producer.disconnect();
      },
    };
  },
  { name: "demo-feed", logger, stopTimeoutMs: 10_000 },
);
