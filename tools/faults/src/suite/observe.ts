import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { ClickHouseClient, ident, sql } from "@redline/clickhouse";
import type { Logger } from "@redline/common";
import { decodeMessage } from "@redline/events";
import { headersToStrings, readLatestByKey, type createKafkaClient } from "@redline/kafka";
import { Alert, ControlAction, LiveEvent } from "@redline/proto";
import { decodeSnapshot } from "@redline/risk-engine";
import { REPO_ROOT } from "../engine-process";
import type { ActionRecord } from "./accounting";
import { FaultSuiteError } from "./errors";

const runFile = promisify(execFile);
type Kafka = ReturnType<typeof createKafkaClient>;

export interface TopicRecord {
  topic: string;
  partition: number;
  offset: number;
  value: Buffer | null;
  headers: Record<string, string>;
  timestampMs: number;
}

/** Record counts (high-water marks) of every partition, keyed `topic:partition`. */
export async function topicEnds(kafka: Kafka, topics: readonly string[]): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out = new Map<string, number>();
    for (const topic of topics) for (const o of await admin.fetchTopicOffsets(topic)) out.set(`${topic}:${o.partition}`, Number(o.high));
    return out;
  } finally {
    await admin.disconnect();
  }
}

/** Everything on `topics` from the beginning up to the high-water marks read first. */
export async function readTopics(kafka: Kafka, topics: readonly string[], timeoutMs = 300_000): Promise<TopicRecord[]> {
  const ends = await topicEnds(kafka, topics);
  const pending = new Set([...ends].filter(([, end]) => end > 0).map(([tp]) => tp));
  const out: TopicRecord[] = [];
  if (pending.size === 0) return out;
  const consumer = kafka.consumer({ groupId: `redline-faults-reader-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [...topics], fromBeginning: true });
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const tp = `${batch.topic}:${batch.partition}`;
        const end = ends.get(tp) ?? 0;
        for (const m of batch.messages) {
          const offset = Number(m.offset);
          if (offset >= end) continue;
          out.push({ topic: batch.topic, partition: batch.partition, offset, value: m.value, headers: headersToStrings(m.headers), timestampMs: Number(m.timestamp) });
          if (offset === end - 1) pending.delete(tp);
        }
        if (pending.size === 0) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([finished.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeoutMs)))]);
    clearTimeout(timer);
    if (timedOut) throw new FaultSuiteError("timed out reading topics back", { topics, unfinished: [...pending] });
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/** The engine's position on every input topic-partition, from the latest snapshot of each partition on its changelog. */
export async function snapshotPositions(kafka: Kafka, changelogTopic: string, logger: Logger): Promise<Map<string, number>> {
  const latest = await readLatestByKey(kafka, changelogTopic, logger);
  const out = new Map<string, number>();
  for (const [key, bytes] of latest) {
    const snapshot = decodeSnapshot(key, bytes);
    for (const [topic, offset] of Object.entries(snapshot.offsets)) out.set(`${topic}:${snapshot.partition}`, Number(offset));
  }
  return out;
}

export function actionRecords(records: readonly TopicRecord[]): ActionRecord[] {
  return records.filter((r) => r.value !== null).map((r) => actionRecordOf(decodeMessage(ControlAction, r.value!, "protobuf")));
}

export function actionRecordOf(action: ControlAction): ActionRecord {
  return { actionId: action.actionId, effect: JSON.stringify(ControlAction.toJSON(action)) };
}

export function alertsOf(records: readonly TopicRecord[]): Alert[] {
  return records.filter((r) => r.value !== null).map((r) => decodeMessage(Alert, r.value!, "protobuf"));
}

export interface ArchivedIds {
  alerts: string[];
  actions: string[];
  /** `room/event` of every row in the evidence class. */
  evidence: string[];
}

/** One entry per row under FINAL, so an id seen twice is a row stored twice. */
export async function archivedIds(clickhouse: ClickHouseClient, database: string): Promise<ArchivedIds> {
  const db = ident(database);
  const alerts = await clickhouse.query<{ id: string }>(sql`SELECT alert_id AS id FROM ${db}.alerts FINAL`);
  const actions = await clickhouse.query<{ id: string }>(sql`SELECT action_id AS id FROM ${db}.actions FINAL`);
  const evidence = await clickhouse.query<{ id: string }>(
    sql`SELECT concat(room_id, '/', event_id) AS id FROM ${db}.events FINAL WHERE retention_class = 'evidence'`,
  );
  return { alerts: alerts.map((r) => r.id), actions: actions.map((r) => r.id), evidence: evidence.map((r) => r.id) };
}

/**
 * `redline replay` (the CLI, as a user runs it) over the recorded input of
 * each engine partition, in event time, as the service reads it: one
 * pipeline per partition number across the co-partitioned topics.
 */
export async function replayedAlertIds(inputs: readonly TopicRecord[], policyFile: string, workDir: string): Promise<Set<string>> {
  mkdirSync(workDir, { recursive: true });
  const byPartition = new Map<number, LiveEvent[]>();
  for (const r of inputs) {
    if (r.value === null) continue;
    let event: LiveEvent;
    try {
      event = decodeMessage(LiveEvent, r.value, r.headers["content-type"] === "application/json" ? "json" : "protobuf");
    } catch {
      continue; // dead-lettered by the engine too; counted there
    }
    const list = byPartition.get(r.partition) ?? [];
    list.push(event);
    byPartition.set(r.partition, list);
  }
  const ids = new Set<string>();
  for (const [partition, events] of byPartition) {
    events.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
    const file = join(workDir, `replay-input-${partition}.jsonl`);
    writeFileSync(file, events.map((e) => JSON.stringify(LiveEvent.toJSON(e))).join("\n") + "\n");
    const { stdout } = await runFile(process.execPath, [join(REPO_ROOT, "tools", "cli", "dist", "main.js"), "replay", "--input", file, "--policy", policyFile], {
      maxBuffer: 1 << 30,
      env: {},
    });
    writeFileSync(join(workDir, `replay-output-${partition}.jsonl`), stdout);
    for (const line of stdout.split("\n")) {
      if (line === "") continue;
      const parsed = JSON.parse(line) as { alert?: unknown };
      if (parsed.alert !== undefined) ids.add(Alert.fromJSON(parsed.alert).alertId);
    }
  }
  return ids;
}
