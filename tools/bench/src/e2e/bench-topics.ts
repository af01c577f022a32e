import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { SIMULATION_EPOCH_MS } from "@redline/simulator";
import type { Admin, Kafka } from "kafkajs";
import { benchEvents, KindCounter, withoutTexts } from "./bench-events";
import type { BenchResults } from "./bench-results";
import type { BenchSettings } from "./bench-settings";
import { fillTopics } from "./topic-fill";

export type TopicStats = NonNullable<BenchResults["topic"]>;

export interface BenchTopics {
  topic: string;
  /** The same events with comment and barrage texts emptied. */
  noTextTopic: string;
  stats: TopicStats;
  reused: boolean;
}

const HOUR_MS = 3_600_000;
/** The simulator writes about 550k events per simulated hour; more hours than needed keeps the last event time at or before now. */
const EVENTS_PER_HOUR_AT_LEAST = 500_000;

/**
 * The pair of throughput topics for these settings. Filling 2 million records
 * through kafkajs takes minutes on this machine, so a filled pair is kept
 * (named by its settings, with its statistics under .local/bench-e2e/) and
 * reused while the broker still holds every record (24 h retention locally). The v2 in the name is the
 * room-key scheme (by simulated room and account): a change to how events are drawn needs a new one.
 */
export async function benchTopics(kafka: Kafka, admin: Admin, settings: BenchSettings, root: string, say: (line: string) => void): Promise<BenchTopics> {
  const base = `bench-e2e.v2.s${settings.seed}-n${settings.records}-r${settings.rooms}-z${settings.zipfS}-p${settings.partitions}`;
  const topic = `${base}.live`;
  const noTextTopic = `${base}.live-notext`;
  const statsFile = join(root, ".local", "bench-e2e", `${base}.json`);
  if (existsSync(statsFile) && (await holdsAll(admin, topic, settings.records)) && (await holdsAll(admin, noTextTopic, settings.records))) {
    say(`reusing ${topic} and ${noTextTopic} (filled earlier)`);
    return { topic, noTextTopic, stats: JSON.parse(readFileSync(statsFile, "utf8")) as TopicStats, reused: true };
  }
  const existing = (await admin.listTopics()).filter((t) => t === topic || t === noTextTopic);
  if (existing.length > 0) await admin.deleteTopics({ topics: existing });
  // Event times end now: the broker keeps the records, and the skew check sees event time = record time.
  const hours = Math.ceil(settings.records / EVENTS_PER_HOUR_AT_LEAST) + 1;
  const shiftMs = Date.now() - (SIMULATION_EPOCH_MS + hours * HOUR_MS);
  const kinds = new KindCounter();
  const rooms = new Map<string, number>();
  say(`filling ${topic} and ${noTextTopic} with ${settings.records.toLocaleString("en-US")} events each`);
  const fill = await fillTopics(
    kafka,
    [
      { topic, variant: (e) => e },
      { topic: noTextTopic, variant: withoutTexts },
    ],
    settings.partitions,
    benchEvents({ seed: settings.seed, rooms: settings.rooms, zipfS: settings.zipfS, withText: true }),
    settings.records,
    shiftMs,
    (e) => {
      kinds.add(e);
      rooms.set(e.roomId, (rooms.get(e.roomId) ?? 0) + 1);
    },
  );
  const bySize = [...rooms.values()].sort((a, b) => b - a);
  const stats: TopicStats = {
    name: topic,
    records: fill.records,
    bytes: fill.bytes,
    fillMs: fill.elapsedMs,
    kinds: kinds.shares(),
    topRoomShare: bySize[0]! / fill.records,
    top10RoomsShare: bySize.slice(0, 10).reduce((s, n) => s + n, 0) / fill.records,
  };
  mkdirSync(dirname(statsFile), { recursive: true });
  writeFileSync(statsFile, JSON.stringify(stats, null, 2) + "\n");
  say(`filled in ${(fill.elapsedMs / 1000).toFixed(1)} s (${Math.round(fill.bytes / fill.records)} B/event)`);
  return { topic, noTextTopic, stats, reused: false };
}

/** The topic exists and still holds offsets 0..records-1 on its partitions together. */
async function holdsAll(admin: Admin, topic: string, records: number): Promise<boolean> {
  if (!(await admin.listTopics()).includes(topic)) return false;
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.every((o) => Number(o.low) === 0) && offsets.reduce((s, o) => s + Number(o.high), 0) === records;
}
