/**
 * Memory against active rooms and accounts per room (issue 15, item 5):
 * ordinary rooms (every account views, likes three times and comments once)
 * fed to one engine, then the heap it holds after a full GC and the bytes a
 * snapshot of each room takes. Heap per room includes the engine's indexes,
 * which a snapshot leaves out, and the typed arrays' buffers (V8 keeps those
 * over 64 bytes outside the heap, where heapUsed does not see them). Measured
 * twice: with the last 10 s of events still in the lateness hold, and after a
 * flush has applied them. Run by `npm run bench` (in process, no Kafka).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { RiskEngine } from "@redline/engine";
import type { LiveEvent } from "@redline/proto";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const START_MS = 1_764_000_000_000;
const TEXTS = ["love this jacket", "how much is the pan?", "just ordered!", "主播好美", "包邮吗"];

function heapBytes(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** `rooms` ordinary rooms of `accounts` viewers each, in event-time order (account by account, room by room). */
function* ordinaryRooms(rooms: number, accounts: number): Generator<LiveEvent> {
  let n = 0;
  for (let a = 0; a < accounts; a++) {
    for (let r = 0; r < rooms; r++) {
      const t = START_MS + a * 6_000 + Math.floor((r * 1_000) / rooms);
      const user = { userId: `u-${r}-${a}`, accountCreatedMs: START_MS - (200 + a) * 86_400_000, deviceId: `d-${r}-${a}`, ipPrefix: `10.${r % 250}.${a % 250}.0/24`, ageBand: 1, realNameVerified: true };
      const base = { roomId: `room-${r}`, platform: "bench" };
      yield { ...base, eventId: `e${n++}`, eventTimeMs: t, body: { $case: "view", value: { user, kind: 1 } } };
      for (let k = 0; k < 3; k++) yield { ...base, eventId: `e${n++}`, eventTimeMs: t + 1_000 + k * 1_000, body: { $case: "like", value: { user, count: 1 } } };
      yield { ...base, eventId: `e${n++}`, eventTimeMs: t + 4_000, body: { $case: "comment", value: { commentId: `c${n}`, author: user, text: TEXTS[(r + a) % TEXTS.length]! } } };
    }
  }
}

function measure(rooms: number, accounts: number): void {
  const before = heapBytes();
  const engine = new RiskEngine({ maxRooms: Math.max(rooms, 1) });
  let events = 0;
  for (const e of ordinaryRooms(rooms, accounts)) {
    engine.ingest(e);
    events++;
  }
  const held = heapBytes() - before;
  const buffered = engine.bufferedEvents;
  engine.flush();
  const flushed = heapBytes() - before;
  const sizes = engine.roomStateSizes();
  const snapshotBytes = sizes.reduce((s, r) => s + r.bytes, 0);
  const tracked = sizes.reduce((s, r) => s + r.accounts, 0);
  process.stdout.write(
    `| ${rooms.toLocaleString("en-US")} | ${accounts} | ${events.toLocaleString("en-US")} | ${sizes.length.toLocaleString("en-US")} | ${(buffered / rooms).toFixed(1)} | ${(held / rooms / 1024).toFixed(1)} | ${(flushed / rooms / 1024).toFixed(1)} | ${(snapshotBytes / rooms / 1024).toFixed(1)} | ${Math.round(snapshotBytes / Math.max(1, tracked))} |\n`,
  );
  if (engine.counters().roomsEvicted > 0) throw new RangeError(`rooms were evicted (${engine.counters().roomsEvicted}): the measurement would undercount`);
}

process.stdout.write("\n## memory per active ordinary room\n\n| active rooms | accounts per room | events | rooms held | held events per room | heap KB per room | heap KB per room, flushed | snapshot KB per room | snapshot bytes per account |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
for (const rooms of [1_000, 10_000, 50_000]) measure(rooms, 20);
for (const accounts of [5, 50, 200]) measure(1_000, accounts);
