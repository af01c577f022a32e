import { createConnection, createServer, type AddressInfo, type Server as NetServer, type Socket } from "node:net";
import { credentials, Metadata, status, type ClientReadableStream, type ServiceError } from "@grpc/grpc-js";
import { loadConfig, startGateway, UnconfiguredEvidenceStore, type EvidenceStore, type RunningGateway } from "@redline/alert-gateway";
import { ArchiveWriter, ClickHouseEvidenceStore, KeyRoomTracker, migrateArchive } from "@redline/archive";
import { ident, sql } from "@redline/clickhouse";
import { silentLogger } from "@redline/common";
import { CONTENT_TYPE_HEADER, encodeMessage } from "@redline/events";
import { ensureTopics, RecordProducer } from "@redline/kafka";
import {
  Alert,
  AlertStreamClient,
  Feedback,
  LiveEvent,
  RiskCategory,
  Severity,
  TailRequest,
  Verdict,
  type GetEvidenceResponse,
  type ReviewResponse,
  type TailResponse,
} from "@redline/proto";
import { randomId, readTopic, testClickHouse, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka();
// Ports are reused between tests; a shared subchannel to a port whose last
// listener (a closed proxy) failed would be backing off and fail new calls.
const OWN_SUBCHANNELS = { "grpc.use_local_subchannel_pool": 1 };
const ALICE = "alice-token-0123456789abcdef";
const ROOT = "root-token-0123456789abcdef";
let producer: RecordProducer;

beforeAll(async () => {
  producer = await RecordProducer.connect(kafka, silentLogger);
});
afterAll(async () => {
  await producer.disconnect();
});

interface Harness {
  gateway: RunningGateway;
  client: AlertStreamClient;
  alertsTopic: string;
  feedbackTopic: string;
  stop(): Promise<void>;
}

/** A gateway on port 0 over fresh topics, and a client for it. */
async function harness(
  overrides: Record<string, string> = {},
  evidence: EvidenceStore = new UnconfiguredEvidenceStore(),
): Promise<Harness> {
  const alertsTopic = randomId("it.gw.alerts");
  const feedbackTopic = randomId("it.gw.feedback");
  await ensureTopics(kafka, [
    { topic: alertsTopic, numPartitions: 3 },
    { topic: feedbackTopic, numPartitions: 3 },
  ]);
  const config = loadConfig({
    ...process.env,
    REDLINE_GATEWAY_ADDRESS: "127.0.0.1:0",
    REDLINE_GATEWAY_TOKENS: `alice:inspector:${ALICE},root:admin:${ROOT}`,
    REDLINE_ALERTS_TOPIC: alertsTopic,
    REDLINE_FEEDBACK_TOPIC: feedbackTopic,
    REDLINE_GATEWAY_SHUTDOWN_TIMEOUT_MS: "1000",
    ...overrides,
  });
  const gateway = await startGateway(config, { logger: silentLogger, evidence });
  const client = new AlertStreamClient(`127.0.0.1:${gateway.port}`, credentials.createInsecure(), OWN_SUBCHANNELS);
  return {
    gateway,
    client,
    alertsTopic,
    feedbackTopic,
    async stop() {
      client.close();
      await gateway.stop();
    },
  };
}

function auth(token: string): Metadata {
  const md = new Metadata();
  md.set("authorization", `Bearer ${token}`);
  return md;
}

/** Forwards to the gateway; `stall` stops reading the gateway's bytes, as a client that stopped reading would. */
class StallingProxy {
  private readonly server: NetServer;
  private readonly upstreams = new Set<Socket>();

  constructor(private readonly targetPort: number) {
    this.server = createServer((client) => {
      const upstream = createConnection(this.targetPort, "127.0.0.1");
      this.upstreams.add(upstream);
      for (const s of [client, upstream]) s.on("error", () => s.destroy());
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
      client.pipe(upstream);
      // Not `pipe`: its drain handling would resume a stalled upstream.
      upstream.on("data", (chunk: Buffer) => client.write(chunk));
    });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return (this.server.address() as AddressInfo).port;
  }

  stall(): void {
    for (const u of this.upstreams) u.pause();
  }

  resume(): void {
    for (const u of this.upstreams) u.resume();
  }

  close(): void {
    for (const u of this.upstreams) u.destroy();
    this.server.close();
  }
}

let serial = 0;
function alert(roomId: string, severity: Severity, extra: Partial<Alert> = {}): Alert {
  serial += 1;
  return Alert.fromPartial({
    alertId: `alert-${serial}-${roomId}`,
    roomId,
    category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION,
    subcategory: "fake_orders",
    severity,
    score: 0.9,
    eventTimeMs: 1_700_000_000_000 + serial,
    explanation: { summary: "burst of orders from fresh accounts", signals: [{ name: "fresh_buyers", value: 0.8, contribution: 0.6 }] },
    ...extra,
  });
}

async function publish(topic: string, alerts: Alert[], encoding: "protobuf" | "json" = "protobuf"): Promise<void> {
  await producer.send(
    topic,
    alerts.map((a) => {
      const { value, contentType } = encodeMessage(Alert, a, encoding);
      return { key: a.roomId, value, headers: { [CONTENT_TYPE_HEADER]: contentType } };
    }),
  );
}

/** A tail that records what it gets and how it ended. */
function tail(client: AlertStreamClient, req: Partial<TailRequest>, token = ALICE) {
  const got: TailResponse[] = [];
  const ended: { error?: ServiceError } = {};
  const call: ClientReadableStream<TailResponse> = client.tail(TailRequest.fromPartial(req), auth(token));
  call.on("data", (r: TailResponse) => got.push(r));
  call.on("error", (err: ServiceError) => (ended.error = err));
  return { call, got, ended, ids: () => got.map((r) => r.alert!.alertId) };
}

async function subscribed(h: Harness, count: number): Promise<void> {
  await waitFor(() => h.gateway.feed.stats().subscribers === count, { what: `${count} tail subscribers` });
}

describe("alert gateway on a real broker", () => {
  it("Tail delivers exactly the alerts matching its filters, protobuf or JSON", async () => {
    const h = await harness();
    try {
      const filtered = tail(h.client, {
        rooms: ["room-a"],
        categories: [RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION],
        minSeverity: Severity.SEVERITY_HIGH,
      });
      const everything = tail(h.client, {});
      await subscribed(h, 2);
      const wanted1 = alert("room-a", Severity.SEVERITY_HIGH);
      const wanted2 = alert("room-a", Severity.SEVERITY_CRITICAL);
      const others = [
        alert("room-a", Severity.SEVERITY_LOW),
        alert("room-b", Severity.SEVERITY_CRITICAL),
        alert("room-a", Severity.SEVERITY_CRITICAL, { category: RiskCategory.RISK_CATEGORY_HARASSMENT }),
      ];
      await publish(h.alertsTopic, [wanted1, others[0]!, others[1]!]);
      await publish(h.alertsTopic, [others[2]!, wanted2], "json");
      await waitFor(() => everything.got.length === 5, { what: "all five alerts on the unfiltered tail" });
      await waitFor(() => filtered.got.length >= 2, { what: "the two matching alerts" });
      expect(filtered.ids()).toEqual([wanted1.alertId, wanted2.alertId]);
      expect(filtered.got[1]!.alert).toEqual(wanted2);
      expect(new Set(everything.ids())).toEqual(new Set([wanted1, wanted2, ...others].map((a) => a.alertId)));
      filtered.call.cancel();
      everything.call.cancel();
      await subscribed(h, 0); // cancel releases the subscription
    } finally {
      await h.stop();
    }
  });

  it("resumes from a cursor with exactly the later alerts, from memory and from a catch-up read", async () => {
    // A ring of 25 cannot hold the first cursor's successors, forcing a Kafka catch-up.
    const h = await harness({ REDLINE_GATEWAY_RING_CAPACITY: "25", REDLINE_GATEWAY_MAX_QUEUED_ALERTS: "10" });
    try {
      const first = tail(h.client, {});
      await subscribed(h, 1);
      const rooms = ["r1", "r2", "r3", "r4", "r5", "r6"];
      const batch1 = Array.from({ length: 40 }, (_, i) => alert(rooms[i % rooms.length]!, Severity.SEVERITY_MEDIUM));
      await publish(h.alertsTopic, batch1);
      await waitFor(() => first.got.length === 40, { what: "40 alerts on the first tail" });
      first.call.cancel();
      const batch2 = Array.from({ length: 15 }, (_, i) => alert(rooms[i % rooms.length]!, Severity.SEVERITY_LOW));
      await publish(h.alertsTopic, batch2);
      const all = [...first.ids(), ...batch2.map((a) => a.alertId)];

      // #9 is older than the ring (catch-up read from Kafka); #35 is still in it.
      for (const [cut, catchUps] of [[9, 1], [35, 1]] as const) {
        const resumed = tail(h.client, { cursor: first.got[cut]!.cursor });
        const expected = all.slice(cut + 1);
        await waitFor(() => resumed.got.length >= expected.length, { what: `alerts after #${cut}` });
        await new Promise((r) => setTimeout(r, 300)); // room for a duplicate to show up
        expect(resumed.got).toHaveLength(expected.length);
        expect(new Set(resumed.ids())).toEqual(new Set(expected));
        expect(h.gateway.feed.stats().catchUpsOpened).toBe(catchUps);
        resumed.call.cancel();
      }
      await subscribed(h, 0);
    } finally {
      await h.stop();
    }
  });

  it("disconnects a reader that does not read with RESOURCE_EXHAUSTED, its buffer never above the bound", async () => {
    const bound = 20;
    const h = await harness({
      REDLINE_GATEWAY_MAX_QUEUED_ALERTS: String(bound),
      REDLINE_GATEWAY_RING_CAPACITY: "200",
      // Long enough that the fast client, sharing this loaded test process
      // with the gateway, is never mistaken for a slow one.
      REDLINE_GATEWAY_SLOW_CLIENT_GRACE_MS: "3000",
    });
    // A paused grpc-js client is not slow on the wire (Node's HTTP/2 client
    // keeps acknowledging and buffers on its side), so the slow reader is a
    // client whose bytes stop being read: a proxy that stops forwarding.
    const proxy = new StallingProxy(h.gateway.port);
    const slowClient = new AlertStreamClient(`127.0.0.1:${await proxy.start()}`, credentials.createInsecure(), OWN_SUBCHANNELS);
    try {
      const slow = tail(slowClient, {});
      const fast = tail(h.client, {});
      await subscribed(h, 2);
      proxy.stall();
      const padding = "x".repeat(8 * 1024);
      const alerts = Array.from({ length: 400 }, (_, i) => alert(`slow-${i % 5}`, Severity.SEVERITY_HIGH, { subcategory: padding }));
      for (let i = 0; i < alerts.length; i += 50) await publish(h.alertsTopic, alerts.slice(i, i + 50));
      await waitFor(() => h.gateway.feed.stats().slowClientsDropped === 1, { what: "the slow client dropped" });
      expect(h.gateway.feed.stats()).toMatchObject({ subscribers: 1, peakQueued: bound });
      await waitFor(() => fast.got.length === alerts.length, { what: "every alert on the fast client" });
      expect(fast.ended.error).toBeUndefined();

      proxy.resume();
      await waitFor(() => slow.ended.error, { what: "the slow stream to end with an error" });
      expect(slow.ended.error!.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(slow.ended.error!.details).toMatch(/too slow/);
      expect(slow.got.length).toBeLessThan(alerts.length);
      // Nothing is lost: the last cursor it received resumes exactly the rest.
      const rest = tail(h.client, { cursor: slow.got[slow.got.length - 1]!.cursor });
      const missing = alerts.length - slow.got.length;
      await waitFor(() => rest.got.length >= missing, { what: `the ${missing} alerts the slow client missed` });
      expect(new Set([...slow.ids(), ...rest.ids()])).toEqual(new Set(alerts.map((a) => a.alertId)));
      expect(slow.got.length + rest.got.length).toBe(alerts.length);
      rest.call.cancel();
      fast.call.cancel();
    } finally {
      slowClient.close();
      proxy.close();
      await h.stop();
    }
  });

  it("refuses missing and unknown tokens with UNAUTHENTICATED and garbage cursors with INVALID_ARGUMENT", async () => {
    const h = await harness();
    try {
      const bad = tail(h.client, {}, "not-a-real-token-0123456789");
      await waitFor(() => bad.ended.error, { what: "refusal" });
      expect(bad.ended.error!.code).toBe(status.UNAUTHENTICATED);
      const noToken = await new Promise<ServiceError | null>((resolve) =>
        h.client.review({ alertId: "a", verdict: Verdict.VERDICT_CONFIRMED, note: "" }, new Metadata(), (err) => resolve(err)),
      );
      expect(noToken?.code).toBe(status.UNAUTHENTICATED);
      const garbage = tail(h.client, { cursor: "definitely-not-a-cursor" });
      await waitFor(() => garbage.ended.error, { what: "cursor refusal" });
      expect(garbage.ended.error!.code).toBe(status.INVALID_ARGUMENT);
      const evidence = await new Promise<ServiceError | null>((resolve) =>
        h.client.getEvidence({ alertId: "a" }, auth(ALICE), (err) => resolve(err)),
      );
      expect(evidence?.code).toBe(status.UNAVAILABLE);
      expect(evidence?.details).toMatch(/evidence store not configured/);
      // The standard health service answers without a token: HealthCheckResponse{status: SERVING} is 08 01.
      const health = await new Promise<Buffer>((resolve, reject) =>
        h.client.makeUnaryRequest(
          "/grpc.health.v1.Health/Check",
          (b: Buffer) => b,
          (b: Buffer) => b,
          Buffer.alloc(0),
          (err, res) => (err ? reject(err) : resolve(res!)),
        ),
      );
      expect([...health]).toEqual([0x08, 0x01]);
    } finally {
      await h.stop();
    }
  });

  it("Review writes a Feedback keyed by room with the inspector's id, and refuses an unspecified verdict", async () => {
    const h = await harness();
    try {
      const watcher = tail(h.client, {});
      await subscribed(h, 1);
      const reviewed = alert("room-r", Severity.SEVERITY_HIGH);
      await publish(h.alertsTopic, [reviewed]);
      await waitFor(() => watcher.got.length === 1, { what: "the alert to reach the gateway" });
      const review = (alertId: string, verdict: Verdict, token: string) =>
        new Promise<{ err: ServiceError | null; res?: ReviewResponse }>((resolve) =>
          h.client.review({ alertId, verdict, note: "orders from 40 fresh accounts in 2 min" }, auth(token), (err, res) =>
            resolve({ err, res }),
          ),
        );
      const before = Date.now();
      const ok = await review(reviewed.alertId, Verdict.VERDICT_CONFIRMED, ALICE);
      expect(ok.err).toBeNull();
      expect(ok.res!.feedback).toMatchObject({ alertId: reviewed.alertId, roomId: "room-r", inspectorId: "alice" });
      const unknown = await review("alert-never-seen", Verdict.VERDICT_FALSE_POSITIVE, ROOT);
      expect(unknown.err).toBeNull();
      const unspecified = await review(reviewed.alertId, Verdict.VERDICT_UNSPECIFIED, ALICE);
      expect(unspecified.err?.code).toBe(status.INVALID_ARGUMENT);
      const empty = await review("", Verdict.VERDICT_CONFIRMED, ALICE);
      expect(empty.err?.code).toBe(status.INVALID_ARGUMENT);

      const records = await readTopic(kafka, h.feedbackTopic, 2);
      expect(records).toHaveLength(2);
      const byKey = new Map(records.map((r) => [r.key, Feedback.decode(r.value)]));
      const confirmed = byKey.get("room-r")!;
      expect(confirmed).toMatchObject({
        alertId: reviewed.alertId,
        roomId: "room-r",
        verdict: Verdict.VERDICT_CONFIRMED,
        note: "orders from 40 fresh accounts in 2 min",
        inspectorId: "alice",
      });
      expect(confirmed.reviewedAtMs).toBeGreaterThanOrEqual(before);
      expect(confirmed.reviewedAtMs).toBeLessThanOrEqual(Date.now());
      expect(byKey.get("alert-never-seen")).toMatchObject({ roomId: "", inspectorId: "root", verdict: Verdict.VERDICT_FALSE_POSITIVE });
      watcher.call.cancel();
    } finally {
      await h.stop();
    }
  });

  it("GetEvidence returns the archived alert and its cited events from ClickHouse, in evidence order", async () => {
    const server = testClickHouse(null);
    const database = randomId("it_gw_evidence");
    await migrateArchive(server, database);
    const db = server.withDatabase(database);
    const h = await harness({}, new ClickHouseEvidenceStore(db));
    try {
      const event = (id: string) =>
        LiveEvent.fromPartial({
          eventId: id,
          roomId: "room-e",
          eventTimeMs: Date.now() - 60_000,
          platform: "demo",
          body: { $case: "comment", value: { commentId: `c-${id}`, author: { userId: "u-1" }, text: "five stars" } },
        });
      // A hostile id must come back intact, not break the query.
      const cited = ["evt-2", "evt-'\\\"-1", "evt-never-archived"];
      const archived = alert("room-e", Severity.SEVERITY_HIGH, { evidenceEventIds: cited });
      const writer = new ArchiveWriter(db, new KeyRoomTracker({ maxRooms: 10 }), {
        eventSampleRate: 0,
        evidenceLookupWindowMs: 0,
        maxPendingEvidence: 10,
      });
      await writer.write({ alerts: [archived], actions: [], feedback: [], events: [event(cited[1]!), event("evt-2")] });
      const get = (alertId: string) =>
        new Promise<{ err: ServiceError | null; res?: GetEvidenceResponse }>((resolve) =>
          h.client.getEvidence({ alertId }, auth(ALICE), (err, res) => resolve({ err, res })),
        );
      const found = await get(archived.alertId);
      expect(found.err).toBeNull();
      expect(found.res!.alert).toEqual(archived);
      expect(found.res!.events.map((e) => e.eventId)).toEqual(["evt-2", cited[1]]);
      expect(found.res!.missingEventIds).toEqual(["evt-never-archived"]);
      const absent = await get("no-such-alert");
      expect(absent.err?.code).toBe(status.NOT_FOUND);

      // A review of an alert the gateway's feed never saw (raised before a restart) takes its room from the archive.
      const reviewed = await new Promise<{ err: ServiceError | null; res?: ReviewResponse }>((resolve) =>
        h.client.review({ alertId: archived.alertId, verdict: Verdict.VERDICT_CONFIRMED, note: "" }, auth(ALICE), (err, res) => resolve({ err, res })),
      );
      expect(reviewed.err).toBeNull();
      expect(reviewed.res!.feedback).toMatchObject({ alertId: archived.alertId, roomId: "room-e", inspectorId: "alice" });
    } finally {
      await h.stop();
      await server.exec(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
    }
  });
});
