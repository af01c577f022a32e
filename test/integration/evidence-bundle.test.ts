import { execFileSync } from "node:child_process";
import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { startArchiver, loadConfig, type Archiver } from "@redline/archiver";
import { runCli } from "@redline/cli";
import { actionRow, alertRow, ARCHIVE_MIGRATIONS_DIR } from "@redline/archive";
import { ident, loadMigrations, runMigrations, sql, SqlFragment } from "@redline/clickhouse";
import { silentLogger } from "@redline/common";
import { actionOutcomeOf, undeliveredAlertId } from "@redline/dispatch";
import { encodeMessage } from "@redline/events";
import { chainLink, CHAIN_ROOT, publicKeyText, signedText, type Manifest } from "@redline/evidence-bundle";
import { dlqTopicFor, ensureTopics, RecordProducer } from "@redline/kafka";
import { ActionKind, ActionOutcome, Alert, ApplyStatus, ControlAction, Feedback, LiveEvent, RiskCategory, Severity, Verdict } from "@redline/proto";
import { joinTar, randomId, splitTar, testClickHouse, testKafka, waitFor, type TarEntry } from "@redline/test-helpers";

const kafka = testKafka();
const server = testClickHouse(null);
const dir = mkdtempSync(join(tmpdir(), "redline-evidence-it-"));
const { privateKey } = generateKeyPairSync("ed25519");
const keyFile = join(dir, "evidence.pem");
writeFileSync(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }));
const publicKey = publicKeyText(privateKey);
let producer: RecordProducer;
const databases: string[] = [];

beforeAll(async () => {
  producer = await RecordProducer.connect(kafka, silentLogger);
});
afterAll(async () => {
  await producer.disconnect();
  for (const db of databases) await server.exec(sql`DROP DATABASE IF EXISTS ${ident(db)}`);
});

async function setup(extraEnv: Record<string, string> = {}) {
  const id = randomId("it.evid");
  const topics = { alerts: `${id}.alerts`, actions: `${id}.actions`, feedback: `${id}.feedback`, outcomes: `${id}.outcomes`, input: `${id}.comments` };
  await ensureTopics(kafka, Object.values(topics).flatMap((t) => [{ topic: t, numPartitions: 2 }, { topic: dlqTopicFor(t), numPartitions: 1 }]));
  const database = randomId("it_evidence");
  databases.push(database);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    REDLINE_ARCHIVER_GROUP_ID: `${id}.group`,
    REDLINE_ALERTS_TOPIC: topics.alerts,
    REDLINE_ACTIONS_TOPIC: topics.actions,
    REDLINE_FEEDBACK_TOPIC: topics.feedback,
    REDLINE_ACTION_OUTCOMES_TOPIC: topics.outcomes,
    REDLINE_INPUT_TOPICS: topics.input,
    REDLINE_CLICKHOUSE_DATABASE: database,
    REDLINE_ARCHIVER_EVENT_SAMPLE_RATE: "0",
    REDLINE_EVIDENCE_SIGNING_KEY_FILE: keyFile,
    ...extraEnv,
  };
  return { env, topics, database, db: server.withDatabase(database) };
}

const NOW = Date.now();

function comment(i: number, roomId: string): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: `evt-${roomId}-${i}`,
    roomId,
    eventTimeMs: NOW - 60_000 + i,
    platform: "demo",
    body: { $case: "comment", value: { commentId: `c-${i}`, author: { userId: `u-${i}` }, text: `差评 ${i}` } },
  });
}

function roomUpdate(roomId: string, followerCount: number): LiveEvent {
  return LiveEvent.fromPartial({ eventId: `room-${roomId}`, roomId, eventTimeMs: NOW - 70_000, platform: "demo", body: { $case: "room", value: { followerCount } } });
}

function alertCiting(alertId: string, events: LiveEvent[]): Alert {
  return Alert.fromPartial({
    alertId,
    roomId: events[0]!.roomId,
    category: RiskCategory.RISK_CATEGORY_REVIEW_SUPPRESSION,
    subcategory: "SELECTIVE_DELETION",
    severity: Severity.SEVERITY_HIGH,
    score: 0.93,
    eventTimeMs: NOW - 1000,
    explanation: { summary: "negative reviews removed", signals: [] },
    evidenceEventIds: events.map((e) => e.eventId),
    modelVersion: "redline-rules-4",
    policyVersion: "policy-test-1",
  });
}

function action(actionId: string, alert: Alert, kind: ActionKind): ControlAction {
  return ControlAction.fromPartial({
    actionId,
    alertId: alert.alertId,
    roomId: alert.roomId,
    kind,
    category: alert.category,
    issuedAtMs: NOW,
    expiresAtMs: NOW + 3_600_000,
    policyVersion: "policy-test-1",
  });
}

/** Publishes protobuf records and returns each one's bytes, topic, partition and offset as the broker took them. */
async function publish<T>(topic: string, codec: Parameters<typeof encodeMessage<T>>[0], key: string, msgs: T[]) {
  const encoded = msgs.map((m) => encodeMessage(codec, m, "protobuf"));
  const meta = await producer.send(topic, encoded.map((e) => ({ key, value: e.value, headers: { "content-type": e.contentType } })));
  return { values: encoded.map((e) => e.value), partition: meta[0]!.partition, baseOffset: meta[0]!.baseOffset ?? meta[0]!.offset };
}

/** The platform's answer to `a`, as the dispatcher puts it in the ActionOutcome it publishes (built by its own actionOutcomeOf below). */
const ackOf = (a: ControlAction, status: ApplyStatus, message = "") => ({ actionId: a.actionId, status, message });

/** Deliveries archived, one per (action, first attempt, attempts) however often consumed. */
async function countOutcomes(db: ReturnType<typeof server.withDatabase>, where = "1"): Promise<number> {
  const rows = await db.query<{ n: string }>(
    sql`SELECT count() AS n FROM (SELECT action_id FROM ${ident("action_outcomes")} WHERE ${new SqlFragment(where)} LIMIT 1 BY action_id, first_attempt_at_ms, attempts)`,
  );
  return Number(rows[0]!.n);
}

async function countWhere(db: ReturnType<typeof server.withDatabase>, table: string, where: string): Promise<number> {
  const rows = await db.query<{ n: string }>(sql`SELECT uniqExact(${ident(table === "alerts" ? "alert_id" : table === "actions" ? "action_id" : "event_id")}) AS n FROM ${ident(table)} WHERE ${new SqlFragment(where)}`);
  return Number(rows[0]!.n);
}

async function cli(args: string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const code = await runCli(args, { stdin: new PassThrough(), stdout, stderr, env });
  return { code, out, err };
}

const lines = (e: TarEntry | undefined) => (e?.data.toString("utf8") ?? "").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));

describe("evidence bundles from the real archive", () => {
  let archiver: Archiver | undefined;
  afterEach(async () => {
    await archiver?.stop();
    archiver = undefined;
  });

  it("exports an alert's evidence as archived by the archiver, verifies it, and names each tampering", async () => {
    const { env, topics, db } = await setup();
    archiver = await startArchiver(loadConfig(env), { logger: silentLogger });
    const room = "room-evidence-1";
    const events = [1, 2, 3, 4, 5].map((i) => comment(i, room));
    const sent = await publish(topics.input, LiveEvent, room, events);
    const alert = alertCiting("alert-ev-1", [events[3]!, events[1]!, comment(99, room)]);
    const label = action("act-label", alert, ActionKind.ACTION_KIND_PROMINENT_LABEL);
    const block = action("act-block", alert, ActionKind.ACTION_KIND_RESTRICT_FUNCTION);
    const undelivered = Alert.fromPartial({ ...alert, alertId: undeliveredAlertId(block.actionId), subcategory: "ACTION_UNDELIVERED", evidenceEventIds: [], modelVersion: "action-dispatcher" });
    await publish(topics.alerts, Alert, room, [alert, undelivered]);
    await publish(topics.actions, ControlAction, room, [label, block]);
    // The label applied after a retry, then re-sent after a crash (the platform deduped it); the block given up on.
    // The first outcome is consumed twice (a producer retry): the archive keeps it once.
    const applied = actionOutcomeOf(label, { kind: "applied", ack: ackOf(label, ApplyStatus.APPLY_STATUS_APPLIED), attempts: 2, firstAttemptAtMs: NOW + 100, finishedAtMs: NOW + 450 });
    const duplicate = actionOutcomeOf(label, { kind: "duplicate", ack: ackOf(label, ApplyStatus.APPLY_STATUS_DUPLICATE), attempts: 1, firstAttemptAtMs: NOW + 9000, finishedAtMs: NOW + 9010 });
    const gaveUp = actionOutcomeOf(block, { kind: "failed", reason: "RETRY_BUDGET_EXHAUSTED", detail: "UNAVAILABLE: connection refused", attempts: 7, firstAttemptAtMs: NOW + 100, finishedAtMs: NOW + 60_000 });
    await publish(topics.outcomes, ActionOutcome, label.actionId, [applied, applied, duplicate]);
    await publish(topics.outcomes, ActionOutcome, block.actionId, [gaveUp]);
    await publish(topics.feedback, Feedback, room, [
      Feedback.fromPartial({ alertId: alert.alertId, roomId: room, verdict: Verdict.VERDICT_CONFIRMED, note: "复核属实", inspectorId: "alice", reviewedAtMs: NOW }),
    ]);
    await waitFor(
      async () =>
        (await countWhere(db, "event_records", "retention_class = 'evidence'")) === 2 &&
        (await countWhere(db, "actions", "1")) === 2 &&
        (await countOutcomes(db)) === 3 &&
        (await countWhere(db, "alerts", "1")) === 2 &&
        Number((await db.query<{ n: string }>(sql`SELECT count() AS n FROM ${ident("feedback")}`))[0]!.n) === 1,
      { what: "alert, actions, outcomes, review and the cited records archived", timeoutMs: 60_000 },
    );

    const file = join(dir, "alert.tar");
    const exported = await cli(["evidence", "export", "--alert", alert.alertId, "--out", file], env);
    expect(exported.err).toContain("1 cited event(s) are not in the archive");
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(/items \(1 alerts, 2 events, 2 actions with 3 delivery outcomes, 1 reviews\)/);
    const verified = await cli(["evidence", "verify", file, "--public-key", publicKey], env);
    expect(verified).toMatchObject({ code: 0, err: "" });

    // The bundle is a plain tar any tool can list.
    const listed = execFileSync("tar", ["-tf", file], { encoding: "utf8" }).trim().split("\n");
    expect(listed).toEqual(["bundle.json", "alerts/000001.jsonl", "events/000001.jsonl", "actions/000001.jsonl", "reviews/000001.jsonl", "versions.json", "summary.json", "manifest.json"]);
    const entries = splitTar(readFileSync(file));
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(lines(byName.get("alerts/000001.jsonl"))[0].alert).toEqual(Alert.toJSON(alert));
    const archivedEvents = lines(byName.get("events/000001.jsonl"));
    expect(archivedEvents.map((e) => e.eventId)).toEqual([events[1]!.eventId, events[3]!.eventId]);
    expect(archivedEvents[1].event).toEqual(LiveEvent.toJSON(events[3]!));
    // The platform's own bytes, and where the broker put them.
    expect(Buffer.from(archivedEvents[1].record.valueBase64, "base64")).toEqual(Buffer.from(sent.values[3]!));
    expect(archivedEvents[1].record).toMatchObject({ topic: topics.input, partition: sent.partition, offset: String(Number(sent.baseOffset) + 3), keyBase64: Buffer.from(room).toString("base64") });
    const actions = lines(byName.get("actions/000001.jsonl"));
    expect(Object.fromEntries(actions.map((a) => [a.actionId, a.delivery.status]))).toEqual({ "act-label": "DELIVERED", "act-block": "UNDELIVERED" });
    // Each delivery as the dispatcher published it, in order of first attempt, with the platform's own ack.
    const byAction = new Map(actions.map((a) => [a.actionId, a.delivery]));
    expect(byAction.get("act-label").outcomes).toEqual([ActionOutcome.toJSON(applied), ActionOutcome.toJSON(duplicate)]);
    expect(byAction.get("act-label").outcomes[0]).toMatchObject({ result: "DELIVERY_RESULT_APPLIED", attempts: 2, ack: { status: "APPLY_STATUS_APPLIED" } });
    expect(byAction.get("act-block")).toMatchObject({
      outcomes: [{ result: "DELIVERY_RESULT_FAILED", failureReason: "RETRY_BUDGET_EXHAUSTED", attempts: 7 }],
      alert: { alertId: undelivered.alertId, subcategory: "ACTION_UNDELIVERED" },
    });
    expect(lines(byName.get("reviews/000001.jsonl"))).toEqual([expect.objectContaining({ inspectorId: "alice", verdict: "VERDICT_CONFIRMED", note: "复核属实" })]);
    expect(JSON.parse(byName.get("versions.json")!.data.toString())).toMatchObject({ modelVersions: ["redline-rules-4"], policyVersions: ["policy-test-1"] });
    expect(JSON.parse(byName.get("summary.json")!.data.toString()).missingEventIds).toEqual([comment(99, room).eventId]);

    const verifyTampered = async (name: string, tampered: TarEntry[]) => {
      const path = join(dir, `${name}.tar`);
      writeFileSync(path, joinTar(tampered));
      return cli(["evidence", "verify", path, "--public-key", publicKey], env);
    };
    const edited = entries.map((e) => (e.name === "events/000001.jsonl" ? { ...e, data: Buffer.from(e.data.toString().replace("差评 4", "好评 4")) } : e));
    expect(await verifyTampered("edited", edited)).toMatchObject({ code: 1, err: expect.stringContaining("item 3 'events/000001.jsonl' was edited") });
    // An outcome rewritten: the re-send that the platform deduped passed off as a second application.
    const outcomeEdited = entries.map((e) =>
      e.name === "actions/000001.jsonl" ? { ...e, data: Buffer.from(e.data.toString().replace("DELIVERY_RESULT_DUPLICATE", "DELIVERY_RESULT_APPLIED")) } : e,
    );
    expect(outcomeEdited.find((e) => e.name === "actions/000001.jsonl")!.data).not.toEqual(byName.get("actions/000001.jsonl")!.data);
    expect(await verifyTampered("outcome-edited", outcomeEdited)).toMatchObject({ code: 1, err: expect.stringContaining("item 4 'actions/000001.jsonl' was edited") });
    const deleted = entries.filter((e) => e.name !== "actions/000001.jsonl");
    expect(await verifyTampered("deleted", deleted)).toMatchObject({ code: 1, err: expect.stringContaining("item 4 'actions/000001.jsonl' is missing") });
    const lastDeleted = entries.filter((e) => e.name !== "summary.json");
    expect(await verifyTampered("last-deleted", lastDeleted)).toMatchObject({ code: 1, err: expect.stringContaining("item 7 'summary.json' is missing") });
    const reordered = [entries[0]!, entries[2]!, entries[1]!, ...entries.slice(3)];
    expect(await verifyTampered("reordered", reordered)).toMatchObject({ code: 1, err: expect.stringContaining("items were reordered") });
    // Without the key: drop the review, then make the manifest's chain agree with what is left.
    const manifest = JSON.parse(entries.at(-1)!.data.toString()) as Manifest;
    const kept = entries.slice(0, -1).filter((e) => e.name !== "reviews/000001.jsonl");
    let head = CHAIN_ROOT;
    const items = kept.map((e, i) => {
      const sha256 = createHash("sha256").update(e.data).digest("hex");
      head = chainLink(head, i + 1, e.name, sha256);
      return { index: i + 1, name: e.name, bytes: e.data.length, sha256, chain: head };
    });
    const forged = { ...manifest, items, itemCount: items.length, headHash: head, signature: { ...manifest.signature, signedText: signedText(head, items.length) } };
    const rechained = await verifyTampered("rechained", [...kept, { ...entries.at(-1)!, data: Buffer.from(JSON.stringify(forged)) }]);
    expect(rechained).toMatchObject({ code: 1, err: expect.stringContaining("the hash chain was recomputed or the manifest changed without the signing key") });
  });

  it("exports a room over a time range: its events with records, its alerts, not another room's", async () => {
    const { env, topics, db } = await setup();
    archiver = await startArchiver(loadConfig(env), { logger: silentLogger });
    const room = "room-evidence-2";
    const events = Array.from({ length: 30 }, (_, i) => comment(i, room));
    // Ids whose order differs between UTF-16 (JavaScript) and bytes (ClickHouse), in one second: the merge must follow ClickHouse.
    events.splice(12, 2, { ...events[12]!, eventId: "evt-\uff01" }, { ...events[13]!, eventId: "evt-\u{1F600}" });
    await publish(topics.input, LiveEvent, room, events);
    await publish(topics.input, LiveEvent, "room-other", [comment(1, "room-other")]);
    // Raised inside the range; an alert raised after it belongs to another export.
    const alert = Alert.fromPartial({ ...alertCiting("alert-room-2", [events[4]!]), eventTimeMs: events[20]!.eventTimeMs });
    const later = alertCiting("alert-room-2-later", [events[28]!]);
    await publish(topics.alerts, Alert, room, [alert, later]);
    await waitFor(async () => (await countWhere(db, "event_records", "1")) === 31 && (await countWhere(db, "alerts", "1")) === 2, {
      what: "the room archived",
      timeoutMs: 60_000,
    });
    const file = join(dir, "room.tar");
    const from = new Date(NOW - 60_000 + 10).toISOString();
    const to = String(NOW - 60_000 + 25);
    const exported = await cli(["evidence", "export", "--room", room, "--from", from, "--to", to, "--out", file], env);
    expect(exported).toMatchObject({ code: 0, err: "" });
    const entries = splitTar(readFileSync(file));
    const archived = lines(entries.find((e) => e.name === "events/000001.jsonl"));
    // Event time by the second, then the id's bytes: the order ClickHouse gives both tables in.
    const byArchiveOrder = (x: LiveEvent, y: LiveEvent) =>
      Math.floor(x.eventTimeMs / 1000) - Math.floor(y.eventTimeMs / 1000) || Buffer.compare(Buffer.from(x.eventId), Buffer.from(y.eventId));
    expect(archived.map((e) => e.eventId)).toEqual([...events.slice(10, 25)].sort(byArchiveOrder).map((e) => e.eventId));
    expect(archived.every((e) => e.record?.topic === topics.input)).toBe(true);
    expect(lines(entries.find((e) => e.name === "alerts/000001.jsonl")).map((a) => a.alertId)).toEqual([alert.alertId]);
    expect((await cli(["evidence", "verify", file, "--public-key", publicKey], env)).code).toBe(0);
    const unknown = await cli(["evidence", "export", "--alert", "no-such-alert", "--out", join(dir, "none.tar")], env);
    expect(unknown).toMatchObject({ code: 1, err: expect.stringContaining("no archived alert no-such-alert") });
    expect(() => readFileSync(join(dir, "none.tar.partial"))).toThrow();
  });

  it("upgrades an archive created before event_records when the archiver starts, and exports from it", async () => {
    const { env, topics, database, db } = await setup();
    // The archive as the previous release left it: migration 001 only, with an alert and its event.
    await runMigrations(server, database, loadMigrations(ARCHIVE_MIGRATIONS_DIR).filter((m) => m.version === 1));
    const room = "room-evidence-old";
    const old = comment(1, room);
    await db.insert("events", [{ event_id: old.eventId, room_id: room, platform: "demo", body_case: "comment", event_time: Math.floor(old.eventTimeMs / 1000), event_time_ms: old.eventTimeMs, event_json: JSON.stringify(LiveEvent.toJSON(old)), retention_class: "evidence", ingested_at: Math.floor(NOW / 1000) }]);
    const tables = async () => (await db.query<{ name: string }>(sql`SELECT name FROM system.tables WHERE database = ${database} ORDER BY name`)).map((r) => r.name);
    expect(await tables()).not.toContain("event_records");

    archiver = await startArchiver(loadConfig(env), { logger: silentLogger });
    expect(await tables()).toContain("event_records");
    const fresh = comment(2, room);
    await publish(topics.input, LiveEvent, room, [fresh]);
    await publish(topics.alerts, Alert, room, [alertCiting("alert-old-and-new", [old, fresh])]);
    await waitFor(async () => (await countWhere(db, "event_records", "retention_class = 'evidence'")) === 1, { what: "the new event's record kept as evidence", timeoutMs: 60_000 });
    const file = join(dir, "upgraded.tar");
    expect((await cli(["evidence", "export", "--alert", "alert-old-and-new", "--out", file], env)).code).toBe(0);
    const archived = lines(splitTar(readFileSync(file)).find((e) => e.name === "events/000001.jsonl"));
    // Archived before records were kept: the decoded event, and record null.
    expect(archived.map((e) => [e.eventId, e.record === null])).toEqual([[old.eventId, true], [fresh.eventId, false]]);
  });

  it("exports from an archive no archiver has given action_outcomes yet: the actions without outcomes, not an error", async () => {
    const { env, database, db } = await setup();
    await runMigrations(server, database, loadMigrations(ARCHIVE_MIGRATIONS_DIR).filter((m) => m.version <= 2));
    const alert = alertCiting("alert-before-outcomes", [comment(1, "room-before-outcomes")]);
    await db.insert("alerts", [alertRow(alert, "evidence", NOW)]);
    await db.insert("actions", [actionRow(action("act-before-outcomes", alert, ActionKind.ACTION_KIND_POPUP_PROMPT), "evidence", NOW)]);
    const file = join(dir, "before-outcomes.tar");
    const exported = await cli(["evidence", "export", "--alert", alert.alertId, "--out", file], env);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain("(1 alerts, 0 events, 1 actions with 0 delivery outcomes, 0 reviews)");
    const actions = lines(splitTar(readFileSync(file)).find((e) => e.name === "actions/000001.jsonl"));
    expect(actions.map((a) => a.delivery)).toEqual([{ status: "NO_OUTCOME_RECORDED", outcomes: [] }]);
  });

  it("keeps key rooms' and cited rows through the short retention class and drops the rest", async () => {
    let clock = NOW;
    const { env, topics, db } = await setup({
      REDLINE_RETENTION_TRANSIENT_DAYS: "1",
      REDLINE_RETENTION_NORMAL_DAYS: "1",
      REDLINE_RETENTION_KEY_DAYS: "30",
      REDLINE_RETENTION_EVIDENCE_DAYS: "30",
    });
    archiver = await startArchiver(loadConfig(env), { logger: silentLogger, now: () => clock });
    const ordinary = [1, 2, 3].map((i) => comment(i, "room-ordinary"));
    const key = [roomUpdate("room-key", 5000), comment(1, "room-key")];
    await publish(topics.input, LiveEvent, "room-key", key);
    await publish(topics.input, LiveEvent, "room-ordinary", ordinary);
    const alert = alertCiting("alert-cites-2", [ordinary[1]!]);
    await publish(topics.alerts, Alert, "room-ordinary", [alert]);
    const popup = action("act-r", alert, ActionKind.ACTION_KIND_POPUP_PROMPT);
    await publish(topics.actions, ControlAction, "room-ordinary", [popup]);
    const popupAck = ackOf(popup, ApplyStatus.APPLY_STATUS_APPLIED);
    await publish(topics.outcomes, ActionOutcome, popup.actionId, [actionOutcomeOf(popup, { kind: "applied", ack: popupAck, attempts: 1, firstAttemptAtMs: NOW, finishedAtMs: NOW + 5 })]);
    await waitFor(
      async () =>
        (await countWhere(db, "event_records", "retention_class = 'evidence'")) === 1 &&
        (await countWhere(db, "actions", "1")) === 1 &&
        (await countOutcomes(db, "retention_class = 'evidence'")) === 1,
      { what: "the cited event's record copied to the evidence class", timeoutMs: 60_000 },
    );
    // The policy names the room key after its stream began (the archive has no threshold of its own):
    // what was archived of it as transient is kept as key from then on.
    await waitFor(async () => (await countWhere(db, "event_records", "room_id = 'room-key'")) === 2, { what: "the key room's stream archived" });
    expect(await countWhere(db, "event_records", "room_id = 'room-key' AND retention_class = 'key'")).toBe(0);
    const named = { ...action("act-key", alertCiting("alert-key-room", [key[0]!]), ActionKind.ACTION_KIND_EXTEND_RETENTION), subcategory: "KEY_ROOM" };
    await publish(topics.actions, ControlAction, "room-key", [named]);
    const namedAck = ackOf(named, ApplyStatus.APPLY_STATUS_APPLIED);
    await publish(topics.outcomes, ActionOutcome, named.actionId, [actionOutcomeOf(named, { kind: "applied", ack: namedAck, attempts: 1, firstAttemptAtMs: NOW, finishedAtMs: NOW + 5 })]);
    await waitFor(
      async () =>
        (await countWhere(db, "event_records", "room_id = 'room-key' AND retention_class = 'key'")) === 2 &&
        (await countWhere(db, "events", "room_id = 'room-key' AND retention_class = 'key'")) === 2 &&
        // A key room's outcomes are kept as key, like its actions.
        (await countOutcomes(db, "room_id = 'room-key' AND retention_class = 'key'")) === 1,
      { what: "the key room's stream re-classed as key", timeoutMs: 60_000 },
    );

    clock = NOW + 5 * 86_400_000;
    await archiver.enforceRetention();
    const ids = async (table: string) =>
      (await db.query<{ event_id: string }>(sql`SELECT DISTINCT event_id FROM ${ident(table)} ORDER BY event_id`)).map((r) => r.event_id);
    const survivors = [ordinary[1]!.eventId, key[1]!.eventId, key[0]!.eventId].sort();
    expect(await ids("events")).toEqual(survivors);
    expect(await ids("event_records")).toEqual(survivors);
    expect(await countWhere(db, "alerts", "1")).toBe(1);
    expect(await countWhere(db, "actions", "1")).toBe(2);
    expect(await countOutcomes(db)).toBe(2);
    // The bundle for the alert is still whole five days on, the delivery included.
    const exported = await cli(["evidence", "export", "--alert", alert.alertId, "--out", join(dir, "late.tar")], env);
    expect(exported).toMatchObject({ code: 0, err: "" });
    expect(exported.out).toContain("(1 alerts, 1 events, 1 actions with 1 delivery outcomes, 0 reviews)");

    clock = NOW + 40 * 86_400_000;
    await archiver.enforceRetention();
    expect(await ids("events")).toEqual([]);
    expect(await countWhere(db, "alerts", "1")).toBe(0);
    expect(await countOutcomes(db)).toBe(0);
  });
});
