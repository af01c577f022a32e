import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Metadata, status as GrpcStatus } from "@grpc/grpc-js";
import { loadConfig, startDispatcher } from "@redline/action-dispatcher";
import { silentLogger } from "@redline/common";
import { RecordingControlPlane } from "@redline/demo-platform";
import { dlqTopicFor, encodeMessage } from "@redline/events";
import { channelCredentials } from "@redline/grpc";
import { ensureTopics, RecordProducer } from "@redline/kafka";
import { ActionKind, ControlAction, ControlPlaneClient } from "@redline/proto";
import { randomId, testKafka, waitFor } from "@redline/test-helpers";

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

describe("mTLS between the dispatcher and the platform's ControlPlane", () => {
  const certs = makeCertificates();
  const kafka = testKafka();

  it("delivers over mutual TLS and the platform refuses a client without a certificate", async () => {
    const platform = new RecordingControlPlane({ tls: { certFile: certs.serverCert, keyFile: certs.serverKey, caFile: certs.ca } });
    const port = await platform.start("127.0.0.1:0");
    const id = randomId("it.tls");
    await ensureTopics(kafka, [
      { topic: `${id}.actions`, numPartitions: 1 },
      { topic: `${id}.alerts`, numPartitions: 1 },
      { topic: dlqTopicFor(`${id}.actions`), numPartitions: 1 },
    ]);
    const dispatcher = await startDispatcher(
      loadConfig({
        ...(process.env as Record<string, string>),
        REDLINE_ACTIONS_TOPIC: `${id}.actions`,
        REDLINE_ALERTS_TOPIC: `${id}.alerts`,
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
