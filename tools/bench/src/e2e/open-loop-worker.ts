/**
 * The open-loop load in a worker thread of its own: generating, encoding and
 * producing thousands of events a second would otherwise share one event loop
 * with the ControlPlane and the alerts reader whose clocks the bench reads.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createJsonLogger } from "@redline/common";
import { createKafkaClient, loadKafkaConfig } from "@redline/kafka";
import type { LiveEvent } from "@redline/proto";
import { benchEvents } from "./bench-events";
import type { LoadCommand, LoadReply, LoadWorkerData } from "./open-loop-messages";
import { OpenLoopProducer } from "./open-loop-producer";
import { TriggerSource } from "./triggers";

async function serve(port: NonNullable<typeof parentPort>, data: LoadWorkerData): Promise<void> {
  const kafka = createKafkaClient(loadKafkaConfig(process.env, "redline-bench-e2e-load"), createJsonLogger({ namespace: "redline.bench-e2e.load", level: "warn" }));
  const producer = new OpenLoopProducer(kafka, data.topic, data.partitions);
  await producer.connect();
  const source = benchEvents({ seed: data.seed, rooms: data.rooms, zipfS: data.zipfS, withText: true });
  const triggers = new TriggerSource(data.seed, data.runId);
  const reply = (r: LoadReply): void => port.postMessage(r);
  port.on("message", (cmd: LoadCommand) => {
    void handle(cmd).catch((err: unknown) => reply({ type: "failed", message: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
  });
  reply({ type: "ready" });

  async function handle(cmd: LoadCommand): Promise<void> {
    if (cmd.type === "probe") {
      const e = triggers.underageStart(Date.now());
      await producer.sendNow([e]);
      reply({ type: "probe", roomId: e.roomId, acks: producer.drainAcks() });
    } else if (cmd.type === "run") {
      // Drawn before the clock starts, so the work at a tick is stamping, encoding and sending.
      const load = take(source, Math.ceil(cmd.perSecond * cmd.seconds));
      let nextTriggerAt = Date.now();
      const extras = (now: number): LiveEvent[] => {
        if (cmd.triggersPerSecond <= 0 || now < nextTriggerAt) return [];
        nextTriggerAt += 1000 / cmd.triggersPerSecond;
        return [triggers.underageStart(now), ...triggers.repeatOffender(now)];
      };
      const run = await producer.run(cmd.perSecond, cmd.seconds, load, extras);
      reply({ type: "run", run, acks: producer.drainAcks() });
    } else {
      await producer.disconnect();
      reply({ type: "stopped" });
    }
  }
}

function take<T>(source: Iterator<T>, count: number): Iterator<T> {
  const items: T[] = [];
  for (let i = 0; i < count; i++) {
    const next = source.next();
    if (next.done === true) break;
    items.push(next.value);
  }
  return items[Symbol.iterator]();
}

if (parentPort !== null) void serve(parentPort, workerData as LoadWorkerData);
