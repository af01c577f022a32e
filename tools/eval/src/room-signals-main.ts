/**
 * How well each room composition signal (libs/engine detectors/room-signals.ts) separates attacked rooms
 * from rooms without an attack, on the simulator's randomised DEVELOPMENT seeds only (501-502, 601-604;
 * the reporting seeds are refused): groundwork for issue 12's peer baselines, measured before any is wired.
 * Per room and kind, the median over its event-time minutes (attacked rooms: from the attack's first event)
 * of each share, over windows of at least 10 accounts; the AUC of each label's attacked rooms against the
 * rooms without an attack, and in brackets for the catchable attacked rooms today's rules miss at MEDIUM+.
 *   node tools/eval/dist/room-signals-main.js [seed ...]
 * Wiring only; the AUC is `auc` in metrics.ts.
 */
import { ROOM_SIGNALS } from "@redline/engine";
import { Severity } from "@redline/proto";
import { simulate } from "@redline/simulator";
import { ADVERSARY_SEEDS } from "./adversary-evaluation";
import { auc, median } from "./metrics";
import { pipelineWithPolicy, PolicyRecorder } from "./policy-run";
import { RANDOMIZED_SEEDS } from "./randomized-evaluation";

const DEVELOPMENT_SEEDS = [501, 502, 601, 602, 603, 604];
const MIN_ACCOUNTS = 10;
const KIND_OF_LABEL: Readonly<Record<string, string>> = { FAKE_VIEWS: "views", FAKE_LIKES: "likes", FAKE_FOLLOWS: "follows", FAKE_ORDERS: "orders" };

interface Room {
  label: string | null;
  attackStartMs: number | null;
  /** The threat model says a platform should catch it (docs/threat-model.md). */
  shouldCatch: boolean;
  /** Per kind and signal, the room's value at each sampled minute. */
  samples: Map<string, number[]>;
}

function main(argv: readonly string[]): void {
  const seeds = argv.length > 0 ? argv.map(Number) : DEVELOPMENT_SEEDS;
  const reserved = seeds.filter((s) => (RANDOMIZED_SEEDS as readonly number[]).includes(s) || (ADVERSARY_SEEDS as readonly number[]).includes(s));
  if (reserved.length > 0) throw new Error(`room-signals: seeds ${reserved.join(", ")} are reporting seeds, never read for development`);
  const rooms = new Map<string, Room>();
  const recorder = new PolicyRecorder();
  for (const seed of seeds) {
    const pipeline = pipelineWithPolicy();
    let nextSampleMs = Number.NEGATIVE_INFINITY;
    for (const block of simulate({ seed, randomized: true })) {
      for (const t of block.truth) rooms.set(t.roomId, { label: t.labels[0]?.subcategory ?? null, attackStartMs: t.labels[0]?.attackStartMs ?? null, shouldCatch: t.labels[0]?.shouldCatch ?? false, samples: new Map() });
      for (const event of block.events) {
        recorder.collect(pipeline.push(event));
        if (event.eventTimeMs < nextSampleMs) continue;
        nextSampleMs = event.eventTimeMs + 60_000;
        for (const { roomId, signals } of pipeline.engine.roomSignals(event.eventTimeMs, MIN_ACCOUNTS)) {
          const room = rooms.get(roomId);
          if (room === undefined || (room.attackStartMs !== null && event.eventTimeMs < room.attackStartMs)) continue;
          for (const name of ROOM_SIGNALS) {
            const key = `${signals.kind}/${name}`;
            const list = room.samples.get(key) ?? [];
            list.push(signals.values[name]);
            room.samples.set(key, list);
          }
        }
      }
    }
    recorder.collect(pipeline.end());
  }
  const detected = new Set(recorder.alerts.filter((a) => a.severity >= Severity.SEVERITY_MEDIUM).map((a) => `${a.roomId}/${a.subcategory}`));
  const innocent = [...rooms.values()].filter((r) => r.label === null);
  const valueOf = (r: Room, key: string) => median(r.samples.get(key) ?? []) ?? 0;
  const fmt = (x: number) => (Number.isNaN(x) ? "–" : x.toFixed(2));
  process.stdout.write(`seeds ${seeds.join(", ")}: ${rooms.size} rooms, ${innocent.length} without an attack\n\n`);
  process.stdout.write(`| label | ${ROOM_SIGNALS.join(" | ")} |\n|---|${ROOM_SIGNALS.map(() => "---:").join("|")}|\n`);
  for (const [label, kind] of Object.entries(KIND_OF_LABEL)) {
    const attacked = [...rooms.entries()].filter(([, r]) => r.label === label);
    const missed = attacked.filter(([id, r]) => r.shouldCatch && !detected.has(`${id}/${label}`));
    const cells = ROOM_SIGNALS.map((name) => {
      const key = `${kind}/${name}`;
      const negatives = innocent.map((r) => valueOf(r, key));
      return `${fmt(auc(attacked.map(([, r]) => valueOf(r, key)), negatives))} (${fmt(auc(missed.map(([, r]) => valueOf(r, key)), negatives))})`;
    });
    process.stdout.write(`| ${label} (${attacked.length}, ${missed.length} catchable missed) | ${cells.join(" | ")} |\n`);
  }
}

main(process.argv.slice(2));
