'use strict';
// Consume throughput of Node Kafka clients against the local broker, in one run:
//   node run.js [--messages 500000] [--value-bytes 200] [--runs 3] [--brokers 127.0.0.1:9092]
//               [--only kafkajs/batch,platformatic/stream,...]
// Produces the messages once (kafkajs) to a fresh 3-partition topic, then consumes the whole
// topic with every client in a new group, each run in its own process, interleaving clients
// run by run so drift on the shared machine hits all of them alike. Reports the best run per
// client and its ratio against kafkajs eachBatch (the shape libs/kafka uses), plus the least
// CPU time per million messages (lower is better), which the machine's other load disturbs less.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { Kafka, logLevel } = require('kafkajs');

const CANDIDATES = [
  { client: 'kafkajs', shape: 'batch', label: 'kafkajs 2.2.4 eachBatch', pkg: 'kafkajs' },
  { client: 'kafkajs', shape: 'message', label: 'kafkajs 2.2.4 eachMessage', pkg: 'kafkajs' },
  { client: 'platformatic', shape: 'stream', label: '@platformatic/kafka stream', pkg: '@platformatic/kafka' },
  { client: 'confluent', shape: 'kafkajsApi', label: '@confluentinc KafkaJS API eachBatch', pkg: '@confluentinc/kafka-javascript' },
  { client: 'confluent', shape: 'kafkajsApiBatch1000', label: '@confluentinc KafkaJS API eachBatch max 1000', pkg: '@confluentinc/kafka-javascript' },
  { client: 'confluent', shape: 'native', label: '@confluentinc native consume(1000)', pkg: '@confluentinc/kafka-javascript' },
];
const BASELINE = 'kafkajs/batch';

function parseArgs(argv) {
  const opts = { messages: 500_000, valueBytes: 200, runs: 3, brokers: '127.0.0.1:9092', only: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-(.)/g, (_, c) => c.toUpperCase());
    if (!(key in opts)) throw new Error(`unknown option ${argv[i]}`);
    opts[key] = typeof opts[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
  }
  return opts;
}

function installedVersion(pkg) {
  // Read the file: some packages' "exports" do not expose package.json to require().
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

// Deterministic payload: a seeded xorshift fills the value so every run sends the same bytes.
function makeValue(index, valueBytes) {
  const value = Buffer.allocUnsafe(valueBytes);
  let x = (index * 2654435761) >>> 0 || 1;
  for (let i = 0; i < valueBytes; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    value[i] = 32 + (x % 95);
  }
  return value;
}

async function produce(brokers, topic, messages, valueBytes) {
  const kafka = new Kafka({ clientId: 'bench-producer', brokers, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] });
  await admin.disconnect();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const batchSize = 2000;
  const inFlight = [];
  for (let start = 0; start < messages; start += batchSize) {
    const batch = [];
    for (let i = start; i < Math.min(messages, start + batchSize); i++) {
      batch.push({ key: `room-${i % 1000}`, value: makeValue(i, valueBytes) });
    }
    inFlight.push(producer.send({ topic, acks: 1, messages: batch }));
    if (inFlight.length >= 4) await inFlight.shift();
  }
  await Promise.all(inFlight);
  await producer.disconnect();
}

function runOnce(candidate, topic, messages, brokers) {
  const child = spawnSync(
    process.execPath,
    [path.join(__dirname, 'consume.js'), candidate.client, candidate.shape, topic, String(messages), brokers],
    { encoding: 'utf8', timeout: 360_000 },
  );
  const line = child.stdout.trim().split('\n').filter(Boolean).pop();
  if (child.status !== 0 || !line) {
    return { error: (child.stderr || `exit ${child.status}`).trim().split('\n').slice(0, 3).join(' | ') };
  }
  return JSON.parse(line);
}

function fmt(n, digits = 0) {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const brokers = opts.brokers.split(',');
  const only = opts.only ? new Set(opts.only.split(',')) : null;
  const candidates = CANDIDATES.filter((c) => (!only || only.has(`${c.client}/${c.shape}`)) && installedVersion(c.pkg));
  for (const c of CANDIDATES.filter((c) => !installedVersion(c.pkg))) {
    console.log(`skipping ${c.label}: ${c.pkg} is not installed in bench/kafka-clients`);
  }

  const topic = `bench.kafka-clients.${Date.now()}`;
  console.log(`producing ${fmt(opts.messages)} x ${opts.valueBytes} B to ${topic} (3 partitions) ...`);
  const producedAt = Date.now();
  await produce(brokers, topic, opts.messages, opts.valueBytes);
  console.log(`produced in ${fmt((Date.now() - producedAt) / 1000, 1)} s`);

  const runs = new Map(candidates.map((c) => [`${c.client}/${c.shape}`, []]));
  for (let round = 1; round <= opts.runs; round++) {
    for (const c of candidates) {
      const result = runOnce(c, topic, opts.messages, opts.brokers);
      runs.get(`${c.client}/${c.shape}`).push(result);
      const note = result.error
        ? `FAILED: ${result.error}`
        : `${fmt(result.messages / (result.elapsedMs / 1000))} msg/s in ${fmt(result.elapsedMs)} ms, CPU ${fmt(result.cpuMs)} ms, peak RSS ${fmt(result.peakRssBytes / 2 ** 20)} MiB`;
      console.log(`round ${round} ${c.label}: ${note}`);
    }
  }

  const summary = candidates.map((c) => {
    const key = `${c.client}/${c.shape}`;
    const ok = runs.get(key).filter((r) => !r.error);
    const best = ok.reduce((a, r) => (!a || r.elapsedMs < a.elapsedMs ? r : a), null);
    const leastCpuMs = ok.length ? Math.min(...ok.map((r) => r.cpuMs)) : null;
    return {
      key,
      label: c.label,
      version: installedVersion(c.pkg),
      runs: runs.get(key),
      best: best && {
        messagesPerSecond: best.messages / (best.elapsedMs / 1000),
        megabytesPerSecond: best.valueBytes / 1e6 / (best.elapsedMs / 1000),
        elapsedMs: best.elapsedMs,
      },
      cpuMsPerMillionMessages: leastCpuMs === null ? null : (leastCpuMs / opts.messages) * 1e6,
      peakRssBytes: ok.length ? Math.max(...ok.map((r) => r.peakRssBytes)) : null,
    };
  });
  const baselineSummary = summary.find((s) => s.key === BASELINE);
  const baseline = baselineSummary?.best?.messagesPerSecond;
  const baselineCpu = baselineSummary?.cpuMsPerMillionMessages;

  console.log(`\nbest of ${opts.runs}, ${fmt(opts.messages)} messages x ${opts.valueBytes} B, ratio vs ${BASELINE}`);
  console.log(['client', 'version', 'msg/s', 'MB/s', 'ratio', 'CPU s/M msg', 'CPU ratio', 'peak RSS MiB'].join('\t'));
  for (const s of summary) {
    const b = s.best;
    console.log(
      [
        s.label,
        s.version,
        b ? fmt(b.messagesPerSecond) : 'failed',
        b ? fmt(b.megabytesPerSecond, 1) : '-',
        b && baseline ? `${fmt(b.messagesPerSecond / baseline, 2)}x` : '-',
        s.cpuMsPerMillionMessages ? fmt(s.cpuMsPerMillionMessages / 1000, 2) : '-',
        s.cpuMsPerMillionMessages && baselineCpu ? `${fmt(s.cpuMsPerMillionMessages / baselineCpu, 2)}x` : '-',
        s.peakRssBytes ? fmt(s.peakRssBytes / 2 ** 20) : '-',
      ].join('\t'),
    );
  }

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    broker: brokersVersion(),
    cpus: require('node:os').cpus().length,
    options: opts,
    topic,
    baseline: BASELINE,
    summary,
  };
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('\nwritten to bench/kafka-clients/results/latest.json');
}

function brokersVersion() {
  try {
    const libs = fs.readdirSync(path.join(__dirname, '..', '..', '.cache', 'kafka'));
    return `kafka ${libs.join(', ')} (deploy/local)`;
  } catch {
    return 'unknown';
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
