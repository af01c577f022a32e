/**
 * State per room (issue 12: "state stays bounded, bytes per ordinary and per
 * busy room reported"): runs a simulated hour through the engine and, every
 * 50,000 events, serialises each live room as a snapshot would. Reports the
 * largest size each room reached, for the median (ordinary) room, the 90th
 * percentile and the busiest room, with the accounts each tracks. Bytes are
 * the snapshot's (what a checkpoint writes and a restore reads); the heap
 * holds the same data in a different layout.
 */
import { RiskEngine } from "@redline/engine";
import type { RoomStateSize } from "@redline/engine";
import { simulate } from "@redline/simulator";

const SEED = 7;
const SAMPLE_EVERY = 50_000;

function quantile(sorted: readonly RoomStateSize[], q: number): RoomStateSize {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

function main(): void {
  const engine = new RiskEngine();
  const peak = new Map<string, RoomStateSize>();
  const sample = (): void => {
    for (const size of engine.roomStateSizes()) {
      const prev = peak.get(size.roomId);
      if (prev === undefined || size.bytes > prev.bytes) peak.set(size.roomId, size);
    }
  };
  let events = 0;
  for (const block of simulate({ seed: SEED })) {
    for (const e of block.events) {
      engine.ingest(e);
      if (++events % SAMPLE_EVERY === 0) sample();
    }
  }
  sample();
  engine.flush();
  const rooms = [...peak.values()].sort((a, b) => a.bytes - b.bytes);
  const rows: Array<[string, RoomStateSize]> = [
    ["median room", quantile(rooms, 0.5)],
    ["90th percentile", quantile(rooms, 0.9)],
    ["busiest room", rooms.reduce((a, b) => (b.accounts > a.accounts ? b : a))],
    ["largest state", rooms[rooms.length - 1]!],
  ];
  process.stdout.write(`\n## room state at its peak, ${rooms.length} rooms, ${events.toLocaleString("en-US")} simulated events (seed ${SEED})\n\n`);
  process.stdout.write("| room | snapshot KB | accounts tracked | bytes per account |\n|---|---:|---:|---:|\n");
  for (const [name, r] of rows) {
    process.stdout.write(`| ${name} | ${kb(r.bytes)} | ${r.accounts.toLocaleString("en-US")} | ${r.accounts > 0 ? Math.round(r.bytes / r.accounts) : "–"} |\n`);
  }
  const cap = engine.config.maxAccountsPerRoom;
  process.stdout.write(`\nAccounts per room are capped at ${cap.toLocaleString("en-US")} (maxAccountsPerRoom), so a room's state is bounded by about that many times the bytes per account.\n`);
}

main();
