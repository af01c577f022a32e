import { UnroutableOutputError } from "./errors";
import { OutputPublisher, routeFor } from "./output-publisher";
import { RecordingSink } from "./partition-task-fakes";

type Out = { note: string } | { count: number } | { other: true };
const routes = [
  routeFor("notes", (o: Out): o is { note: string } => "note" in o, (o) => ({ key: o.note, value: Buffer.from(o.note), contentType: "text/plain" })),
  routeFor("counts", (o: Out): o is { count: number } => "count" in o, (o) => ({ key: "n", value: Buffer.from(String(o.count)), contentType: "text/plain" })),
];

describe("OutputPublisher", () => {
  it("sends every kind to its route's topic in one request, in order within a topic, with trace headers and content type", async () => {
    const sink = new RecordingSink();
    const publisher = new OutputPublisher<Out>(routes, sink);
    await publisher.publish([
      { output: { note: "a" }, headers: { traceparent: "t1" } },
      { output: { count: 2 }, headers: {} },
      { output: { note: "b" }, headers: {} },
    ]);
    expect(sink.sent.map((b) => [b.topic, b.records.map((r) => r.value.toString())])).toEqual([
      ["notes", ["a", "b"]],
      ["counts", ["2"]],
    ]);
    expect(sink.sent[0]!.records[0]!.headers).toEqual({ traceparent: "t1", "content-type": "text/plain" });
    expect(publisher.topicOf({ count: 1 })).toBe("counts");
  });

  it("refuses an output no route carries, naming its fields, and sends nothing of the request", async () => {
    const sink = new RecordingSink();
    const publisher = new OutputPublisher<Out>(routes, sink);
    const publishing = publisher.publish([{ output: { note: "a" }, headers: {} }, { output: { other: true }, headers: {} }]);
    await expect(publishing).rejects.toThrow(UnroutableOutputError);
    await expect(publishing).rejects.toThrow(/other/);
    expect(sink.sent).toEqual([]);
  });

  it("sends nothing for nothing", async () => {
    const sink = new RecordingSink();
    await new OutputPublisher<Out>(routes, sink).publish([]);
    expect(sink.sent).toEqual([]);
  });
});
