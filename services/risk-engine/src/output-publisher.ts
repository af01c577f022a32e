import type { OutputRecord } from "@redline/kafka";
import { UnroutableOutputError } from "./errors";

/** An output's record: key, bytes and their content type. */
export interface EncodedOutput {
  key: string;
  value: Buffer;
  contentType: string;
  /** Headers of the kind's own beside the trace context (a producer's progress, #21). */
  headers?: Record<string, string>;
}

/** Where one kind of output goes, and its bytes. */
export interface OutputRoute<O> {
  topic: string;
  /** The output's record if this route carries it; the first route that does, takes it. */
  encode(output: O): EncodedOutput | undefined;
}

/** A route for the outputs `is` picks out of `O`, typed by that kind. */
export function routeFor<O, K extends O>(topic: string, is: (output: O) => output is K, encode: (output: K) => EncodedOutput): OutputRoute<O> {
  return { topic, encode: (output) => (is(output) ? encode(output) : undefined) };
}

/** An output with the trace context its record's headers carry. */
export interface TracedOutput<O> {
  output: O;
  headers: Record<string, string>;
}

/** What the publisher writes to: one request for several topics, resolved once every record is acknowledged. */
export interface OutputSink {
  sendMany(batches: ReadonlyArray<{ topic: string; records: readonly OutputRecord[] }>): Promise<unknown>;
}

/**
 * Produces a partition's outputs, whatever their kinds (alerts, actions, and
 * whatever a route is added for), to their topics in one request, in the
 * order given within each topic.
 */
export class OutputPublisher<O> {
  constructor(
    private readonly routes: ReadonlyArray<OutputRoute<O>>,
    private readonly sink: OutputSink,
  ) {}

  topicOf(output: O): string {
    return this.routed(output).topic;
  }

  /** Resolves when every output is acknowledged; a rejection means none may be taken as written. */
  async publish(outputs: ReadonlyArray<TracedOutput<O>>): Promise<void> {
    if (outputs.length === 0) return;
    const byTopic = new Map<string, OutputRecord[]>();
    for (const { output, headers } of outputs) {
      const { topic, record } = this.routed(output);
      const records = byTopic.get(topic) ?? [];
      records.push({ key: record.key, value: record.value, headers: { ...headers, ...record.headers, "content-type": record.contentType } });
      byTopic.set(topic, records);
    }
    await this.sink.sendMany([...byTopic].map(([topic, records]) => ({ topic, records })));
  }

  private routed(output: O): { topic: string; record: EncodedOutput } {
    for (const route of this.routes) {
      const record = route.encode(output);
      if (record !== undefined) return { topic: route.topic, record };
    }
    throw new UnroutableOutputError(Object.keys(output as object));
  }
}
