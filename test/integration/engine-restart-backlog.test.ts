import { join } from "node:path";
import { silentLogger } from "@redline/common";
import { decodeMessage } from "@redline/events";
import { latestOffsets, partitionForKey, readLatestByKey, RecordProducer } from "@redline/kafka";
import { Alert, LiveEvent, RoomEventKind } from "@redline/proto";
import { decodeSnapshot, loadConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import { initTelemetry, loadTelemetryConfig, type Telemetry } from "@redline/telemetry";
import { generateRoom, Rng, SIMULATION_EPOCH_MS, type AttackStyle } from "@redline/simulator";
import {
  collectTopic,
  ensureEngineTopics,
  inputTopics,
  publishEvents,
  randomId,
  replayThroughCli,
  roomOnPartition,
  spawnService,
  testKafka,
  waitFor,
} from "@redline/test-helpers";

const PARTITIONS = 3;
const POLICY = join(__dirname, "..", "..", "deploy", "policy", "default-policy.json");
const kafka = testKafka();

const roomOn = (p: number, base: string): string => roomOnPartition(p, base, PARTITIONS);
const byTime = (a: LiveEvent, b: LiveEvent) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

function room(roomId: string, attack: AttackStyle | null, seed: number): LiveEvent[] {
  return generateRoom({ roomId, size: "medium", hardNegative: null, attack, strength: 1 }, new Rng(seed), SIMULATION_EPOCH_MS).events;
}

function sentinel(p: number, timeMs: number): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: `sentinel-${p}`,
    roomId: roomOn(p, "sentinel"),
    eventTimeMs: timeMs,
    platform: "test",
    body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_UPDATED, followerCount: 1 } },
  });
}

async function inputHighs(prefix: string): Promise<number> {
  let total = 0;
  for (const topic of inputTopics(prefix)) for (const high of (await latestOffsets(kafka, topic)).values()) total += Number(high);
  return total;
}

/**
 * Issue 17: across a kill -9 under load the fault probe saw
 * `redline_late_events_total` jump from 3,593 to 220,445. The restarted engine
 * re-reads a backlog, in which a partition's batches can be seconds apart
 * (restores, other partitions' batches, a loaded machine); the idle advance
 * took those gaps for quiet input, marked every lane caught up and moved the
 * watermark to the newest event seen, so the lanes still behind turned late.
 * The idle timeout here is short so the gaps of a small backlog exceed it.
 */
describe("risk-engine restarted after kill -9 with a backlog", () => {
  let engine: RiskEngineService | undefined;
  let telemetry: Telemetry | undefined;
  afterEach(async () => {
    await engine?.stop();
    await telemetry?.shutdown();
  });

  it("reads the backlog in event time: no event is late, and the alerts are those of `redline replay`", async () => {
    const prefix = `${randomId("it.restart")}.`;
    await ensureEngineTopics(kafka, prefix, PARTITIONS);
    const env = {
      ...(process.env as Record<string, string>),
      REDLINE_INPUT_TOPICS: inputTopics(prefix).join(","),
      REDLINE_ALERTS_TOPIC: `${prefix}alerts`,
      REDLINE_ACTIONS_TOPIC: `${prefix}actions`,
      REDLINE_ENGINE_GROUP_ID: `${prefix}engine`,
      REDLINE_ENGINE_SNAPSHOT_INTERVAL_MS: "1000",
      REDLINE_ENGINE_SESSION_TIMEOUT_MS: "10000",
      REDLINE_ENGINE_IDLE_TIMEOUT_MS: "200",
      REDLINE_ENGINE_MAX_RECORDS_PER_BATCH: "100",
      REDLINE_ENGINE_MAX_BYTES_PER_PARTITION: "16384",
      // The lag monitor's first read can outlast a short idle interval at start-up: the idle timer must not crash meanwhile.
      REDLINE_ENGINE_LAG_POLL_MS: "1000",
      REDLINE_POLICY_FILE: POLICY,
      // The simulator's clock starts on 2026-11-01; the skew check is about live traffic.
      REDLINE_MAX_PAST_SKEW_MS: String(10 * 365 * 86_400_000),
      REDLINE_MAX_FUTURE_SKEW_MS: String(10 * 365 * 86_400_000),
    };
    const styles: Array<AttackStyle | null> = ["device_farm", "fresh_follow_burst", "brushing_mules"];
    const events = styles.flatMap((style, p) => [...room(roomOn(p, "attacked"), style, 41 + p), ...room(roomOn(p, "organic"), null, 51 + p)]).sort(byTime);
    const endMs = events[events.length - 1]!.eventTimeMs + 5 * 60_000;
    const all = [...events, ...Array.from({ length: PARTITIONS }, (_, p) => sentinel(p, endMs))];
    const split = Math.floor(all.length / 4);

    const producer = await RecordProducer.connect(kafka, silentLogger);
    const alerts = await collectTopic(kafka, `${prefix}alerts`);
    try {
      const first = spawnService("risk-engine", env, "risk-engine-backlog-1");
      await publishEvents(producer, prefix, all.slice(0, split));
      await waitFor(
        async () => {
          const latest = await readLatestByKey(kafka, `${prefix}engine.state`, silentLogger).catch(() => new Map<string, Buffer>());
          let covered = 0;
          for (const [key, bytes] of latest) covered += Object.values(decodeSnapshot(key, bytes).offsets).reduce((n, o) => n + Number(o), 0);
          return covered >= split;
        },
        { what: "snapshots covering the first quarter", timeoutMs: 90_000, intervalMs: 1000 },
      );
      first.child.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");

      // Three quarters of the input wait on the broker: the restarted engine reads them as a backlog.
      await publishEvents(producer, prefix, all.slice(split));
      const published = await inputHighs(prefix);
      expect(published).toBe(all.length);
      telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "0" }, "risk-engine"), { logger: silentLogger });
      engine = await startRiskEngine(loadConfig(env), { logger: silentLogger, telemetry });
      const running = engine;
      const released = () => running.status().reduce((n, s) => n + Object.values(s.offsets).reduce((m, o) => m + Number(o), 0), 0);
      await waitFor(() => running.status().length === PARTITIONS && released() === published, {
        what: "every input record released to the engine",
        timeoutMs: 180_000,
        intervalMs: 500,
      });
      // What this process counted, as the probe read it: the restored snapshots' history is not reported again.
      const metrics = await (await fetch(telemetry.metricsUrl!)).text();
      const late = [...metrics.matchAll(/^redline_late_events_total(?:\{[^}]*\})? (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
      const applied = running.status().reduce((n, s) => n + s.counters.eventsApplied, 0);
      expect({ late, applied: applied > 0 }).toEqual({ late: 0, applied: true });

      // Late events change what the detectors see; in event time the alerts are those of `redline replay`.
      const uninterrupted = new Set(await replayedAlertIds(all));
      expect(uninterrupted.size).toBeGreaterThanOrEqual(PARTITIONS);
      await waitFor(() => new Set(alerts.records.map((r) => decodeMessage(Alert, r.value, "protobuf").alertId)).size >= uninterrupted.size, {
        what: "the restarted engine's alerts",
        timeoutMs: 60_000,
      });
      const got = new Set(alerts.records.map((r) => decodeMessage(Alert, r.value, "protobuf").alertId));
      expect([...got].sort()).toEqual([...uninterrupted].sort());
    } finally {
      await alerts.stop();
      await producer.disconnect();
    }
  }, 420_000);
});

/** `redline replay` as the service runs it: one pipeline per partition number, in event time. */
async function replayedAlertIds(all: readonly LiveEvent[]): Promise<string[]> {
  const ids: string[] = [];
  for (let p = 0; p < PARTITIONS; p++) {
    const { alerts } = await replayThroughCli(all.filter((e) => partitionForKey(e.roomId, PARTITIONS) === p), POLICY);
    ids.push(...alerts.map((a) => a.alertId));
  }
  return ids;
}
