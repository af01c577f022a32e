import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { Metadata, status as GrpcStatus, type ClientReadableStream, type ServiceError } from "@grpc/grpc-js";
import { loadConfig, startDispatcher } from "@redline/action-dispatcher";
import { loadConfig as loadGatewayConfig, startGateway, UnconfiguredEvidenceStore } from "@redline/alert-gateway";
import { runCli } from "@redline/cli";
import { silentLogger } from "@redline/common";
import { RecordingControlPlane } from "@redline/demo-platform";
import { decodeMessage, encodeMessage } from "@redline/events";
import { channelCredentials } from "@redline/grpc";
import { dlqTopicFor, ensureTopics, RecordProducer } from "@redline/kafka";
import {
  ActionFeedClient,
  ActionKind,
  Alert,
  AlertStreamClient,
  ControlAction,
  ControlPlaneClient,
  Feedback,
  RiskCategory,
  Severity,
  TailRequest,
  Verdict,
} from "@redline/proto";
import { randomId, readTopic, testKafka, waitFor } from "@redline/test-helpers";

/** A throw-away CA with a server certificate for localhost and a client certificate, made with openssl. */
function makeCertificates(): Record<"ca" | "serverCert" | "serverKey" | "clientCert" | "clientKey", string> {
  const dir = mkdtempSync(join(tmpdir(), "redline-tls-"));
  const f = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
  ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f("ca.key"), "-out", f("ca.crt"), "-days", "1", "-subj", "/CN=redline-test-ca");
  writeFileSync(f("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
  for (const [name, cn, ext] of [["server", "localhost", f("server.ext")], ["client", "redline-dispatcher", undefined]] as const) {
    ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f(`${name}.key`), "-out", f(`${name}.csr`), "-subj", `/CN=${cn}`);
    ssl("x509", "-req", "-in", f(`${name}.csr`), "-CA", f("ca.crt"), "-CAkey", f("ca.key"), "-CAcreateserial", "-out", f(`${name}.crt`), "-days", "1", ...(ext ? ["-extfile", ext] : []));
  }
  return { ca: f("ca.crt"), serverCert: f("server.crt"), serverKey: f("server.key"), clientCert: f("client.crt"), clientKey: f("client.key") };
}

const certs = makeCertificates();
const kafka = testKafka();
// Each client its own connection: a refused handshake must not be shared with the next client.
const OWN_SUBCHANNELS = { "grpc.use_local_subchannel_pool": 1 };

/** The first message of a server stream, or the error that ended it. */
function firstMessage<T>(stream: ClientReadableStream<T>): Promise<T | ServiceError> {
  return new Promise((resolve) => {
    stream.on("data", (m: T) => {
      stream.cancel();
      resolve(m);
    });
    stream.on("error", (e: ServiceError) => resolve(e));
  });
}

const isError = (x: unknown): x is ServiceError => x instanceof Error;

describe("mTLS between the dispatcher and the platform's ControlPlane", () => {

  it("delivers over mutual TLS and the platform refuses a client without a certificate", async () => {
    const platform = new RecordingControlPlane({ tls: { certFile: certs.serverCert, keyFile: certs.serverKey, caFile: certs.ca } });
    const port = await platform.start("127.0.0.1:0");
    const id = randomId("it.tls");
    await ensureTopics(kafka, [
      { topic: `${id}.actions`, numPartitions: 1 },
      { topic: `${id}.alerts`, numPartitions: 1 },
      { topic: `${id}.outcomes`, numPartitions: 1 },
      { topic: dlqTopicFor(`${id}.actions`), numPartitions: 1 },
    ]);
    const dispatcher = await startDispatcher(
      loadConfig({
        ...(process.env as Record<string, string>),
        REDLINE_ACTIONS_TOPIC: `${id}.actions`,
        REDLINE_ALERTS_TOPIC: `${id}.alerts`,
        REDLINE_ACTION_OUTCOMES_TOPIC: `${id}.outcomes`,
        REDLINE_DISPATCHER_GROUP_ID: `${id}.group`,
        REDLINE_ACTION_FEED_ADDRESS: "",
        REDLINE_CONTROL_PLANE_ADDRESS: `localhost:${port}`,
        REDLINE_CONTROL_PLANE_TLS: "true",
        REDLINE_CONTROL_PLANE_TLS_CA_FILE: certs.ca,
        REDLINE_CONTROL_PLANE_TLS_CERT_FILE: certs.clientCert,
        REDLINE_CONTROL_PLANE_TLS_KEY_FILE: certs.clientKey,
      }),
      { logger: silentLogger },
    );
    const producer = await RecordProducer.connect(kafka, silentLogger);
    try {
      const action = ControlAction.fromPartial({ actionId: "tls-1", roomId: "room-tls", kind: ActionKind.ACTION_KIND_PROMINENT_LABEL });
      const enc = encodeMessage(ControlAction, action, "protobuf");
      await producer.send(`${id}.actions`, [{ key: "room-tls", value: enc.value, headers: { "content-type": enc.contentType } }]);
      await waitFor(() => platform.appliedOrder.includes("tls-1"), { what: "the action applied over mTLS" });

      // Same CA, no client certificate: the TLS handshake fails before any Apply.
      const anonymous = new ControlPlaneClient(`localhost:${port}`, channelCredentials({ enabled: true, caFile: certs.ca, certFile: undefined, keyFile: undefined }));
      const err = await new Promise<{ code?: number }>((resolve) =>
        anonymous.apply(action, new Metadata(), { deadline: Date.now() + 5000 }, (e) => resolve(e ?? {})),
      );
      anonymous.close();
      expect(err.code).toBe(GrpcStatus.UNAVAILABLE);
      expect(platform.calls.filter((c) => c.action.actionId === "tls-1")).toHaveLength(1);
    } finally {
      await producer.disconnect();
      await dispatcher.stop();
      await platform.stop();
    }
  });
});

describe("TLS on the services' own gRPC servers", () => {
  const INSPECTOR = "insp-token-0123456789abcdef";

  it("alert gateway over mTLS: an inspector tails and reviews with a client certificate; without one the handshake fails", async () => {
    const alertsTopic = randomId("it.tls.alerts");
    const feedbackTopic = randomId("it.tls.feedback");
    await ensureTopics(kafka, [
      { topic: alertsTopic, numPartitions: 1 },
      { topic: feedbackTopic, numPartitions: 1 },
    ]);
    const gateway = await startGateway(
      loadGatewayConfig({
        ...process.env,
        REDLINE_GATEWAY_ADDRESS: "127.0.0.1:0",
        REDLINE_GATEWAY_TOKENS: `inspector-7:inspector:${INSPECTOR}`,
        REDLINE_ALERTS_TOPIC: alertsTopic,
        REDLINE_FEEDBACK_TOPIC: feedbackTopic,
        REDLINE_GATEWAY_EVIDENCE_STORE: "none",
        REDLINE_GATEWAY_SHUTDOWN_TIMEOUT_MS: "1000",
        REDLINE_GATEWAY_TLS_CERT_FILE: certs.serverCert,
        REDLINE_GATEWAY_TLS_KEY_FILE: certs.serverKey,
        REDLINE_GATEWAY_TLS_CA_FILE: certs.ca,
      }),
      { logger: silentLogger, evidence: new UnconfiguredEvidenceStore() },
    );
    const producer = await RecordProducer.connect(kafka, silentLogger);
    const mtls = { enabled: true, caFile: certs.ca, certFile: certs.clientCert, keyFile: certs.clientKey };
    const inspector = new AlertStreamClient(`localhost:${gateway.port}`, channelCredentials(mtls), OWN_SUBCHANNELS);
    const anonymous = new AlertStreamClient(`localhost:${gateway.port}`, channelCredentials({ ...mtls, certFile: undefined, keyFile: undefined }), OWN_SUBCHANNELS);
    const md = new Metadata();
    md.set("authorization", `Bearer ${INSPECTOR}`);
    try {
      const alert = Alert.fromPartial({
        alertId: "alert-tls-1",
        roomId: "room-tls",
        category: RiskCategory.RISK_CATEGORY_DIVERSION,
        subcategory: "ROOM_FLOOD",
        severity: Severity.SEVERITY_HIGH,
        score: 0.9,
        eventTimeMs: 1_700_000_000_000,
      });
      const tailed = firstMessage(inspector.tail(TailRequest.fromPartial({}), md));
      await waitFor(() => gateway.feed.stats().subscribers === 1, { what: "the inspector's tail over mTLS" });
      const enc = encodeMessage(Alert, alert, "protobuf");
      await producer.send(alertsTopic, [{ key: "room-tls", value: enc.value, headers: { "content-type": enc.contentType } }]);
      const got = await tailed;
      expect(isError(got) ? got.code : got.alert?.alertId).toBe("alert-tls-1");

      // The CLI an inspector uses, with the same certificate flags.
      const stderr = new PassThrough();
      const errText: Buffer[] = [];
      stderr.on("data", (c: Buffer) => errText.push(c));
      const args = ["review", "alert-tls-1", "--verdict", "confirmed", "--note", "seen over mTLS", "--address", `localhost:${gateway.port}`, "--token", INSPECTOR];
      const tlsFlags = ["--ca-file", certs.ca, "--cert-file", certs.clientCert, "--key-file", certs.clientKey];
      const ctx = { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: {} };
      expect(await runCli([...args, ...tlsFlags], ctx)).toBe(0);
      const [record] = await readTopic(kafka, feedbackTopic, 1);
      const feedback = decodeMessage(Feedback, record!.value, "protobuf");
      expect([feedback.alertId, feedback.verdict, feedback.inspectorId]).toEqual(["alert-tls-1", Verdict.VERDICT_CONFIRMED, "inspector-7"]);
      // Without a client certificate the CLI cannot get in either, and says so.
      expect(await runCli([...args, "--ca-file", certs.ca], ctx)).toBe(1);
      expect(Buffer.concat(errText).toString("utf8")).toMatch(/UNAVAILABLE/);

      const refused = await firstMessage(anonymous.tail(TailRequest.fromPartial({}), md));
      expect(isError(refused) && refused.code).toBe(GrpcStatus.UNAVAILABLE);
    } finally {
      inspector.close();
      anonymous.close();
      await producer.disconnect();
      await gateway.stop();
    }
  });

  it("ActionFeed over TLS: a platform that trusts the CA pulls actions; a plaintext client cannot", async () => {
    const id = randomId("it.tls.feed");
    await ensureTopics(kafka, [
      { topic: `${id}.actions`, numPartitions: 1 },
      { topic: `${id}.alerts`, numPartitions: 1 },
      { topic: `${id}.outcomes`, numPartitions: 1 },
      { topic: dlqTopicFor(`${id}.actions`), numPartitions: 1 },
    ]);
    // A platform that takes pushes as well; this test is about the pull side.
    const platform = new RecordingControlPlane();
    const platformPort = await platform.start("127.0.0.1:0");
    const dispatcher = await startDispatcher(
      loadConfig({
        ...(process.env as Record<string, string>),
        REDLINE_ACTIONS_TOPIC: `${id}.actions`,
        REDLINE_ALERTS_TOPIC: `${id}.alerts`,
        REDLINE_ACTION_OUTCOMES_TOPIC: `${id}.outcomes`,
        REDLINE_DISPATCHER_GROUP_ID: `${id}.group`,
        REDLINE_CONTROL_PLANE_ADDRESS: `127.0.0.1:${platformPort}`,
        REDLINE_ACTION_FEED_ADDRESS: "127.0.0.1:0",
        REDLINE_ACTION_FEED_TLS_CERT_FILE: certs.serverCert,
        REDLINE_ACTION_FEED_TLS_KEY_FILE: certs.serverKey,
      }),
      { logger: silentLogger },
    );
    const producer = await RecordProducer.connect(kafka, silentLogger);
    const trusting = new ActionFeedClient(`localhost:${dispatcher.actionFeedPort}`, channelCredentials({ enabled: true, caFile: certs.ca, certFile: undefined, keyFile: undefined }), OWN_SUBCHANNELS);
    const plaintext = new ActionFeedClient(`localhost:${dispatcher.actionFeedPort}`, channelCredentials({ enabled: false, caFile: undefined, certFile: undefined, keyFile: undefined }), OWN_SUBCHANNELS);
    try {
      const action = ControlAction.fromPartial({ actionId: "feed-tls-1", roomId: "room-tls", kind: ActionKind.ACTION_KIND_POPUP_PROMPT, platform: "tenant-a" });
      const enc = encodeMessage(ControlAction, action, "protobuf");
      await producer.send(`${id}.actions`, [{ key: "room-tls", value: enc.value, headers: { "content-type": enc.contentType } }]);
      const got = await firstMessage(trusting.subscribe({ cursor: "", platform: "" }));
      expect(isError(got) ? got.code : got.action?.actionId).toBe("feed-tls-1");
      const refused = await firstMessage(plaintext.subscribe({ cursor: "", platform: "" }));
      expect(isError(refused) && refused.code).toBe(GrpcStatus.UNAVAILABLE);
    } finally {
      trusting.close();
      plaintext.close();
      await producer.disconnect();
      await dispatcher.stop();
      await platform.stop();
    }
  });
});
