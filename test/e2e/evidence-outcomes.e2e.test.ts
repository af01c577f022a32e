import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { loadConfig as dispatcherConfig, startDispatcher, type Dispatcher } from "@redline/action-dispatcher";
import { loadConfig as archiverConfig, startArchiver, type Archiver } from "@redline/archiver";
import { runCli } from "@redline/cli";
import { ident, sql } from "@redline/clickhouse";
import { silentLogger } from "@redline/common";
import { RecordingControlPlane } from "@redline/demo-platform";
import { demoScenario } from "@redline/demo-feed";
import { publicKeyText } from "@redline/evidence-bundle";
import { RecordProducer } from "@redline/kafka";
import { ActionKind, ApplyStatus } from "@redline/proto";
import { loadConfig as engineConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import { ensurePipelineTopics, pipelineEnv, publishEvents, randomId, splitTar, testClickHouse, testKafka, waitFor } from "@redline/test-helpers";

const POLICY = join(__dirname, "..", "..", "deploy", "policy", "default-policy.json");
const SEED = 7;

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env: env as Record<string, string> });
  return { code, out, err };
}

/**
 * Issue 20: what the platform acknowledged is in the bundle. The risk engine blocks an under-age
 * stream, the dispatcher applies the block on the demo platform's ControlPlane and publishes the
 * outcome, the archiver keeps it, and `redline evidence export --room` carries it, signed.
 */
describe("a platform's acknowledgement, end to end, in an evidence bundle", () => {
  const kafka = testKafka();
  const prefix = `${randomId("e2e.outcomes")}.`;
  const database = randomId("e2e_outcomes");
  const dir = mkdtempSync(join(tmpdir(), "redline-outcomes-e2e-"));
  const { privateKey } = generateKeyPairSync("ed25519");
  const keyFile = join(dir, "evidence.pem");
  writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
  let env: NodeJS.ProcessEnv;
  let producer: RecordProducer;
  let platform: RecordingControlPlane;
  let engine: RiskEngineService;
  let dispatcher: Dispatcher;
  let archiver: Archiver;

  beforeAll(async () => {
    const { inputs } = await ensurePipelineTopics(kafka, prefix);
    platform = new RecordingControlPlane();
    env = {
      ...pipelineEnv({ prefix, inputs, policyFile: POLICY, controlPlanePort: await platform.start(), gatewayTokens: "", clickhouseDatabase: database }),
      REDLINE_EVIDENCE_SIGNING_KEY_FILE: keyFile,
    };
    producer = await RecordProducer.connect(kafka, silentLogger);
    archiver = await startArchiver(archiverConfig(env), { logger: silentLogger });
    engine = await startRiskEngine(engineConfig(env), { logger: silentLogger });
    dispatcher = await startDispatcher(dispatcherConfig(env), { logger: silentLogger });
  });

  afterAll(async () => {
    await dispatcher?.stop();
    await engine?.stop();
    await archiver?.stop();
    await platform?.stop();
    await producer?.disconnect();
    await testClickHouse(null).exec(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
  });

  it("exports the room's stream block with the platform's APPLIED ack, and the bundle verifies", async () => {
    const room = `demo-${SEED}-underage`;
    const start = demoScenario(SEED, Date.now() - 10 * 60_000).events.find((e) => e.roomId === room)!;
    await publishEvents(producer, prefix, [start]);

    await waitFor(() => platform.calls.some((c) => c.action.roomId === room && c.action.kind === ActionKind.ACTION_KIND_BLOCK_STREAM), {
      what: "the stream block applied on the platform",
      timeoutMs: 60_000,
    });
    // The calls the platform had applied when the archive held an outcome for each of them (the policy may add actions later).
    let applied: typeof platform.calls = [];
    const db = testClickHouse(database);
    await waitFor(
      async () => {
        const calls = platform.calls.filter((c) => c.action.roomId === room && c.status === ApplyStatus.APPLY_STATUS_APPLIED);
        const rows = await db.query<{ action_id: string }>(sql`SELECT DISTINCT action_id FROM ${ident("action_outcomes")} WHERE room_id = ${room}`);
        const archived = new Set(rows.map((r) => r.action_id));
        applied = calls;
        return calls.every((c) => archived.has(c.action.actionId));
      },
      { what: "an archived outcome for every action the platform applied", timeoutMs: 60_000 },
    );

    const file = join(dir, "room.tar");
    const range = ["--from", String(start.eventTimeMs - 60_000), "--to", String(start.eventTimeMs + 60_000)];
    const exported = await cli(["evidence", "export", "--room", room, ...range, "--out", file], env);
    expect(exported).toMatchObject({ code: 0, err: "" });
    expect(await cli(["evidence", "verify", file, "--public-key", publicKeyText(privateKey)], env)).toMatchObject({ code: 0, err: "" });

    const entries = new Map(splitTar(readFileSync(file)).map((e) => [e.name, e.data.toString("utf8")]));
    const actions = entries
      .get("actions/000001.jsonl")!
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const block = actions.find((a) => a.action.kind === "ACTION_KIND_BLOCK_STREAM");
    const call = applied.find((c) => c.action.actionId === block.actionId)!;
    expect(call).toBeDefined();
    expect(block.delivery.status).toBe("DELIVERED");
    expect(block.delivery.outcomes).toHaveLength(1);
    const [outcome] = block.delivery.outcomes;
    expect(outcome).toMatchObject({
      actionId: block.actionId,
      roomId: room,
      kind: "ACTION_KIND_BLOCK_STREAM",
      result: "DELIVERY_RESULT_APPLIED",
      attempts: 1,
      ack: { actionId: block.actionId, status: "APPLY_STATUS_APPLIED" },
    });
    // The platform took the call between the dispatcher's first attempt and its answer (one clock here).
    expect(Number(outcome.firstAttemptAtMs)).toBeLessThanOrEqual(call.receivedAtMs);
    expect(Number(outcome.finishedAtMs)).toBeGreaterThanOrEqual(call.receivedAtMs);
    // Every action of the room the platform applied is DELIVERED in the bundle.
    for (const a of actions) {
      if (applied.some((c) => c.action.actionId === a.actionId)) expect(a.delivery.status).toBe("DELIVERED");
    }
  });
});
