import { PassThrough } from "node:stream";
import { Metadata, Server, ServerCredentials, status, type ServerWritableStream } from "@grpc/grpc-js";
import {
  Alert,
  AlertStreamService,
  RiskCategory,
  Severity,
  TailResponse,
  type AlertStreamServer,
  type TailRequest,
} from "@redline/proto";
import type { CommandContext } from "../command";
import { UsageError } from "./gateway-client";
import { runCli } from "../run-cli";
import { formatAlert, tailRequest } from "./tail";

/** `redline tail ARGS`, through the real command line. */
const run = (args: string[], ctx: CommandContext): Promise<number> => runCli(["tail", ...args], ctx);

const alert = Alert.fromPartial({
  alertId: "a-1",
  roomId: "room-7",
  category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION,
  subcategory: "fake_orders",
  severity: Severity.SEVERITY_HIGH,
  score: 0.876,
  eventTimeMs: Date.UTC(2026, 10, 29, 6, 0, 0, 250),
  explanation: {
    summary: "38 orders from fresh accounts\u001b[31m in 90 s",
    signals: [
      { name: "repeat_buyers", value: 0.1, contribution: 0.05 },
      { name: "fresh_buyers", value: 0.92, contribution: 0.5 },
      { name: "order_burst", value: 12.5, contribution: 0.3 },
      { name: "same_device", value: 4, contribution: 0.15 },
    ],
  },
});

describe("redline tail output", () => {
  it("prints time, room, category/subcategory, severity, score, summary and the top three signals", () => {
    const text = formatAlert(alert);
    const [head, signals] = text.split("\n");
    expect(head).toBe("2026-11-29T06:00:00.250Z  room-7  DATA_FALSIFICATION/fake_orders  HIGH  0.88  38 orders from fresh accounts [31m in 90 s");
    expect(signals).toBe("    fresh_buyers=0.92 (50%)  order_burst=12.5 (30%)  same_device=4 (15%)");
    expect(text).not.toContain("\u001b"); // no terminal escapes from stream content
  });

  it("reads short and full enum names and refuses unknown ones", () => {
    const req = tailRequest({ room: ["r1", "r2"], category: ["data_falsification", "RISK_CATEGORY_HARASSMENT"], minSeverity: "high" });
    expect(req).toMatchObject({
      rooms: ["r1", "r2"],
      categories: [RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION, RiskCategory.RISK_CATEGORY_HARASSMENT],
      minSeverity: Severity.SEVERITY_HIGH,
      cursor: "",
    });
    expect(tailRequest({ minSeverity: "SEVERITY_CRITICAL" }).minSeverity).toBe(Severity.SEVERITY_CRITICAL);
    expect(() => tailRequest({ category: ["spam"] })).toThrow(UsageError);
    expect(() => tailRequest({ minSeverity: "unspecified" })).toThrow(/one of LOW, MEDIUM, HIGH, CRITICAL/);
  });
});

/** A stand-in gateway that records the Tail request and answers with `respond`. */
async function fakeGateway(respond: (call: ServerWritableStream<TailRequest, TailResponse>) => void) {
  const seen: { request?: TailRequest; authorization?: string } = {};
  const server = new Server();
  const impl: AlertStreamServer = {
    tail(call) {
      seen.request = call.request;
      seen.authorization = String(call.metadata.get("authorization")[0]);
      respond(call);
    },
    review: (_call, cb) => cb({ code: status.UNIMPLEMENTED }),
    getEvidence: (_call, cb) => cb({ code: status.UNIMPLEMENTED }),
  };
  server.addService(AlertStreamService, impl);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { seen, address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

function context(env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (c: Buffer) => out.push(c.toString()));
  stderr.on("data", (c: Buffer) => err.push(c.toString()));
  const ctx: CommandContext = { stdin: new PassThrough(), stdout, stderr, env };
  return { ctx, out: () => out.join(""), err: () => err.join("") };
}

describe("redline tail against a gateway", () => {
  it("sends the filters and token, prints each alert and the cursor to resume from", async () => {
    const gw = await fakeGateway((call) => {
      call.write(TailResponse.fromPartial({ alert, cursor: "c1" }));
      call.write(TailResponse.fromPartial({ alert: { ...alert, alertId: "a-2", roomId: "room-8" }, cursor: "c2" }));
      call.end();
    });
    try {
      const c = context({ REDLINE_TOKEN: "env-token-0123456789" });
      const code = await run(["--address", gw.address, "--room", "room-7", "--category", "DATA_FALSIFICATION", "--min-severity", "MEDIUM"], c.ctx);
      expect(code).toBe(0);
      expect(gw.seen.authorization).toBe("Bearer env-token-0123456789");
      expect(gw.seen.request).toMatchObject({ rooms: ["room-7"], categories: [1], minSeverity: Severity.SEVERITY_MEDIUM });
      expect(c.out().split("\n").filter((l) => /^\d{4}-/.test(l)).map((l) => l.split("  ")[1])).toEqual(["room-7", "room-8"]);
      expect(c.err()).toContain("resume with --cursor c2");
    } finally {
      gw.stop();
    }
  });

  it("prints proto3 JSON lines with --json, the flag token winning over the environment", async () => {
    const gw = await fakeGateway((call) => {
      call.write(TailResponse.fromPartial({ alert, cursor: "c1" }));
      call.end();
    });
    try {
      const c = context({ REDLINE_TOKEN: "env-token-0123456789" });
      expect(await run(["--address", gw.address, "--json", "--token", "flag-token-0123456789"], c.ctx)).toBe(0);
      expect(gw.seen.authorization).toBe("Bearer flag-token-0123456789");
      const line = JSON.parse(c.out().trim());
      expect(line.cursor).toBe("c1");
      expect(line.alert).toMatchObject({ alertId: "a-1", category: "RISK_CATEGORY_DATA_FALSIFICATION", severity: "SEVERITY_HIGH" });
      expect(Alert.fromJSON(line.alert)).toEqual(alert);
    } finally {
      gw.stop();
    }
  });

  it("reports a refused token and exits 1; no token at all is a usage error", async () => {
    const gw = await fakeGateway((call) =>
      call.emit("error", { code: status.UNAUTHENTICATED, details: "unknown token", metadata: new Metadata() }),
    );
    try {
      const c = context({ REDLINE_TOKEN: "bad-token-0123456789" });
      expect(await run(["--address", gw.address], c.ctx)).toBe(1);
      expect(c.err()).toContain("UNAUTHENTICATED: unknown token");
      const none = context({});
      expect(await run(["--address", gw.address], none.ctx)).toBe(2);
      expect(none.err()).toMatch(/token is required/);
    } finally {
      gw.stop();
    }
  });

  it("holds the stream back while stdout is not being drained", async () => {
    const gw = await fakeGateway((call) => {
      for (let i = 0; i < 5; i += 1) call.write(TailResponse.fromPartial({ alert: { ...alert, alertId: `a-${i}` }, cursor: `c${i}` }));
      call.end();
    });
    try {
      const stdout = new PassThrough({ highWaterMark: 16 }); // nobody reads it yet
      const stderr = new PassThrough();
      stderr.resume();
      let done = false;
      const finished = run(["--address", gw.address, "--json", "--token", "t-0123456789abcdef"], {
        stdin: new PassThrough(),
        stdout,
        stderr,
        env: {},
      }).then((code) => {
        done = true;
        return code;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(done).toBe(false); // paused on the first full write
      expect(stdout.readableLength).toBeLessThan(2 * JSON.stringify(TailResponse.toJSON({ alert, cursor: "c0" })).length + 2);
      let text = "";
      stdout.on("data", (c: Buffer) => (text += c.toString()));
      expect(await finished).toBe(0);
      expect(text.trim().split("\n").map((l) => JSON.parse(l).cursor)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    } finally {
      gw.stop();
    }
  });
});
