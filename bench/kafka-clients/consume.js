'use strict';
// One measured consume run in its own process, so peak RSS belongs to one client:
//   node consume.js <client> <shape> <topic> <expectedMessages> <brokers>
// Prints one JSON line. The clock runs from the group join (partitions assigned) to the
// last expected message; connecting and leaving the group are not timed.
const fs = require('node:fs');

const [client, shape, topic, expectedText, brokersText] = process.argv.slice(2);
const expected = Number(expectedText);
const brokers = brokersText.split(',');
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 300_000);

function peakRssBytes() {
  // VmHWM is the kernel's high-water mark of resident memory for this process.
  const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) * 1024 : process.memoryUsage().rss;
}

async function main() {
  const consume = require(`./clients/${client}.js`)[shape];
  if (!consume) throw new Error(`unknown client shape ${client}/${shape}`);
  let joinedAt = null;
  let cpuAtJoin = null;
  let count = 0;
  let bytes = 0;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms with ${count}/${expected}`)), timeoutMs);

  const stop = await consume({
    brokers,
    topic,
    groupId: `bench-${client}-${shape}-${process.pid}-${Date.now()}`,
    onJoin: () => {
      if (joinedAt === null) {
        joinedAt = process.hrtime.bigint();
        cpuAtJoin = process.cpuUsage();
      }
    },
    onMessages: (n, b) => {
      count += n;
      bytes += b;
      if (count >= expected) finish(null);
    },
  });
  const error = await finished;
  const doneAt = process.hrtime.bigint();
  // Process-wide user+system CPU over the timed window, librdkafka's threads included: on a
  // shared 2-core machine this is steadier than wall time.
  const cpu = process.cpuUsage(cpuAtJoin ?? undefined);
  clearTimeout(timer);
  if (error) throw error;
  const elapsedMs = Number(doneAt - (joinedAt ?? doneAt)) / 1e6;
  const result = { client, shape, messages: count, valueBytes: bytes, elapsedMs, joined: joinedAt !== null, cpuMs: (cpu.user + cpu.system) / 1000, peakRssBytes: peakRssBytes() };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await Promise.race([stop(), new Promise((r) => setTimeout(r, 10_000))]);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${client}/${shape}: ${error.stack ?? error}\n`);
  process.exit(1);
});
