import { PassThrough } from "node:stream";
import { Server, ServerCredentials, status } from "@grpc/grpc-js";
import { AlertStreamService, Feedback, Verdict, type AlertStreamServer, type ReviewRequest } from "@redline/proto";
import type { CommandContext } from "../command";
import { runCli } from "../run-cli";

/** `redline review ARGS`, through the real command line. */
const run = (args: string[], ctx: CommandContext): Promise<number> => runCli(["review", ...args], ctx);

async function fakeGateway() {
  const seen: { request?: ReviewRequest; authorization?: string } = {};
  const server = new Server();
  const impl: AlertStreamServer = {
    tail: (call) => call.end(),
    review(call, cb) {
      seen.request = call.request;
      seen.authorization = String(call.metadata.get("authorization")[0]);
      if (call.request.alertId === "unknown-alert") return cb({ code: status.INVALID_ARGUMENT, details: "alert_id is required" });
      cb(null, {
        feedback: Feedback.fromPartial({
          ...call.request,
          roomId: "room-3",
          inspectorId: "alice",
          reviewedAtMs: Date.UTC(2026, 10, 29, 6, 30),
        }),
      });
    },
    getEvidence: (_call, cb) => cb({ code: status.UNIMPLEMENTED }),
  };
  server.addService(AlertStreamService, impl);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { seen, address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

function context(env: NodeJS.ProcessEnv = { REDLINE_TOKEN: "alice-token-0123456789" }) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: "", err: "" };
  stdout.on("data", (c: Buffer) => (chunks.out += c.toString()));
  stderr.on("data", (c: Buffer) => (chunks.err += c.toString()));
  const ctx: CommandContext = { stdin: new PassThrough(), stdout, stderr, env };
  return { ctx, chunks };
}

describe("redline review", () => {
  it("submits the verdict and note with the token and prints what was recorded", async () => {
    const gw = await fakeGateway();
    try {
      const c = context();
      const code = await run(["alert-42", "--verdict", "false_positive", "--note", "regular buyers", "--address", gw.address], c.ctx);
      expect(code).toBe(0);
      expect(gw.seen.request).toEqual({ alertId: "alert-42", verdict: Verdict.VERDICT_FALSE_POSITIVE, note: "regular buyers" });
      expect(gw.seen.authorization).toBe("Bearer alice-token-0123456789");
      expect(c.chunks.out).toBe("recorded VERDICT_FALSE_POSITIVE on alert-42 (room room-3) by alice at 2026-11-29T06:30:00.000Z\n");
    } finally {
      gw.stop();
    }
  });

  it("reports a refused review and exits 1", async () => {
    const gw = await fakeGateway();
    try {
      const c = context();
      expect(await run(["unknown-alert", "--verdict", "CONFIRMED", "--address", gw.address], c.ctx)).toBe(1);
      expect(c.chunks.err).toContain("INVALID_ARGUMENT: alert_id is required");
    } finally {
      gw.stop();
    }
  });

  it.each([
    [["alert-1"]],
    [["--verdict", "confirmed"]],
    [["alert-1", "--verdict", "maybe"]],
    [["alert-1", "--verdict", "unspecified"]],
  ])("refuses %p as a usage error without calling the gateway", async (args) => {
    const c = context();
    expect(await run([...args, "--address", "127.0.0.1:1"], c.ctx)).toBe(2);
  });
});
