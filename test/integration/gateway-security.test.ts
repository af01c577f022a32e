/**
 * The gateway's security claims in docs/security.md, on a real broker (issue 17):
 * roles decide who may review, each principal's concurrent Tails and every
 * request's size are bounded with RESOURCE_EXHAUSTED, and no token, right or
 * wrong, reaches the logs at any level.
 */
import { credentials, Metadata, status, type ClientReadableStream, type ServiceError } from "@grpc/grpc-js";
import { loadConfig, startGateway, UnconfiguredEvidenceStore, type RunningGateway } from "@redline/alert-gateway";
import { createJsonLogger, type Logger } from "@redline/common";
import { ensureTopics } from "@redline/kafka";
import { AlertStreamClient, TailRequest, Verdict, type TailResponse } from "@redline/proto";
import { randomId, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka();
const OWN_SUBCHANNELS = { "grpc.use_local_subchannel_pool": 1 };
const ALICE = "alice-secret-token-5f1c9a7e";
const EVE = "eve-reader-token-83b2d0c4";
const WRONG = "mallory-guess-token-0d9e1f";
const MAX_MESSAGE_BYTES = 4096;

function auth(token: string): Metadata {
  const md = new Metadata();
  md.set("authorization", `Bearer ${token}`);
  return md;
}

interface OpenTail {
  call: ClientReadableStream<TailResponse>;
  ended: { error?: ServiceError };
}

function openTail(client: AlertStreamClient, token: string, req: Partial<TailRequest> = {}): OpenTail {
  const ended: OpenTail["ended"] = {};
  const call = client.tail(TailRequest.fromPartial(req), auth(token));
  call.on("data", () => undefined);
  call.on("error", (err: ServiceError) => (ended.error = err));
  return { call, ended };
}

function review(client: AlertStreamClient, token: string, note: string): Promise<ServiceError | null> {
  return new Promise((resolve) => {
    client.review({ alertId: "alert-1", verdict: Verdict.VERDICT_CONFIRMED, note }, auth(token), (err) => resolve(err));
  });
}

function getEvidence(client: AlertStreamClient, token: string): Promise<ServiceError | null> {
  return new Promise((resolve) => client.getEvidence({ alertId: "alert-1" }, auth(token), (err) => resolve(err)));
}

describe("alert gateway security on a real broker", () => {
  const lines: string[] = [];
  let logger: Logger;
  let gateway: RunningGateway;
  let client: AlertStreamClient;

  beforeAll(async () => {
    const alertsTopic = randomId("it.sec.alerts");
    const feedbackTopic = randomId("it.sec.feedback");
    await ensureTopics(kafka, [
      { topic: alertsTopic, numPartitions: 1 },
      { topic: feedbackTopic, numPartitions: 1 },
    ]);
    // Debug level: a token must not appear even where more is logged than at info.
    logger = createJsonLogger({ level: "debug", namespace: "alert-gateway", write: (line) => lines.push(line) });
    const config = loadConfig({
      ...process.env,
      REDLINE_GATEWAY_ADDRESS: "127.0.0.1:0",
      REDLINE_GATEWAY_TOKENS: `alice:inspector:${ALICE},eve:reader:${EVE}`,
      REDLINE_ALERTS_TOPIC: alertsTopic,
      REDLINE_FEEDBACK_TOPIC: feedbackTopic,
      REDLINE_GATEWAY_SHUTDOWN_TIMEOUT_MS: "1000",
      REDLINE_GATEWAY_MAX_TAILS_PER_CLIENT: "2",
      REDLINE_GATEWAY_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
      REDLINE_GATEWAY_MAX_NOTE_CHARS: "100000",
    });
    gateway = await startGateway(config, { logger, evidence: new UnconfiguredEvidenceStore() });
    client = new AlertStreamClient(`127.0.0.1:${gateway.port}`, credentials.createInsecure(), OWN_SUBCHANNELS);
  });

  afterAll(async () => {
    client?.close();
    await gateway?.stop();
  });

  const started = (): number => lines.filter((l) => l.includes('"tail started"')).length;

  it("lets a reader tail and read evidence but not review; an inspector reviews", async () => {
    const readerReview = await review(client, EVE, "looks fine");
    expect(readerReview?.code).toBe(status.PERMISSION_DENIED);
    expect(readerReview?.details).toMatch(/inspector or admin role/);
    // UNAVAILABLE from the unconfigured store means the reader got past authentication and authorisation.
    expect((await getEvidence(client, EVE))?.code).toBe(status.UNAVAILABLE);
    expect(await review(client, ALICE, "confirmed on the stream")).toBeNull();
    const before = started();
    const readerTail = openTail(client, EVE);
    await waitFor(() => started() === before + 1, { what: "the reader's tail to start" });
    readerTail.call.cancel();
    expect((await review(client, WRONG, "x"))?.code).toBe(status.UNAUTHENTICATED);
  });

  it("refuses a principal's Tail beyond the limit with RESOURCE_EXHAUSTED, counting principals apart, and frees the slot on cancel", async () => {
    await waitFor(() => gateway.feed.stats().subscribers === 0, { what: "no tails left from earlier tests" });
    const before = started();
    const first = openTail(client, ALICE);
    const second = openTail(client, ALICE);
    await waitFor(() => started() === before + 2, { what: "alice's two tails" });
    const third = openTail(client, ALICE);
    await waitFor(() => third.ended.error, { what: "the third tail to be refused" });
    expect(third.ended.error!.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(third.ended.error!.details).toMatch(/'alice' already has 2 Tail streams open \(REDLINE_GATEWAY_MAX_TAILS_PER_CLIENT\)/);
    const readers = openTail(client, EVE);
    await waitFor(() => started() === before + 3, { what: "eve's tail, not counted against alice" });
    expect([first.ended.error, second.ended.error, readers.ended.error]).toEqual([undefined, undefined, undefined]);

    first.call.cancel();
    await waitFor(() => gateway.feed.stats().subscribers === 2, { what: "alice's cancelled tail to close" });
    const again = openTail(client, ALICE);
    await waitFor(() => started() === before + 4, { what: "a new tail in the freed slot" });
    expect(again.ended.error).toBeUndefined();
    for (const t of [second, readers, again]) t.call.cancel();
    await waitFor(() => gateway.feed.stats().subscribers === 0, { what: "every tail closed" });
  });

  it("refuses requests larger than REDLINE_GATEWAY_MAX_MESSAGE_BYTES with RESOURCE_EXHAUSTED", async () => {
    const bigNote = await review(client, ALICE, "n".repeat(MAX_MESSAGE_BYTES * 2));
    expect(bigNote?.code).toBe(status.RESOURCE_EXHAUSTED);
    const bigTail = openTail(client, ALICE, { rooms: Array.from({ length: 500 }, (_, i) => `room-${i}-padding-padding`) });
    await waitFor(() => bigTail.ended.error, { what: "the oversized Tail request to be refused" });
    expect(bigTail.ended.error!.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(await review(client, ALICE, "n".repeat(MAX_MESSAGE_BYTES / 2))).toBeNull();
  });

  it("never logs a token, right or wrong, at any level", () => {
    const log = lines.join("");
    // The capture works: the calls above were logged, with who made them.
    expect(log).toMatch(/"tail started".*"inspector":"alice"/);
    expect(log).toMatch(/"review recorded"/);
    expect(log).toMatch(/"tail refused"/);
    for (const token of [ALICE, EVE, WRONG]) expect(log).not.toContain(token);
  });
});
