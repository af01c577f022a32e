// Deletes the Kafka topics and ClickHouse databases that earlier test runs left on the local
// stack (each run makes its own, named by test-helpers' randomId with the time it was made).
// Only names over an hour old go, so a run still in progress elsewhere keeps its own. Without
// this the stack grows by a few hundred topics a run and a broker restart slows down with it.
// Best effort: a failure is reported and the tests run anyway.
"use strict";
const { Kafka, logLevel } = require("kafkajs");

const MAX_AGE_MS = 60 * 60_000;
// randomId(prefix) = `${prefix}_${Date.now().toString(36)}_${8 hex}`; derived names (DLQ, changelog) contain it.
const TEST_NAME = /^(?:it|e2e)[._].*?_([0-9a-z]{6,10})_[0-9a-f]{8}/;

function isStale(name, nowMs) {
  const m = TEST_NAME.exec(name);
  if (m === null) return false;
  const madeMs = parseInt(m[1], 36);
  return Number.isFinite(madeMs) && nowMs - madeMs > MAX_AGE_MS;
}

async function removeTopics(nowMs) {
  const brokers = (process.env.REDLINE_KAFKA_BROKERS || "127.0.0.1:9092").split(",");
  const admin = new Kafka({ clientId: "redline-test-cleanup", brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const stale = (await admin.listTopics()).filter((t) => isStale(t, nowMs));
    for (let i = 0; i < stale.length; i += 200) await admin.deleteTopics({ topics: stale.slice(i, i + 200), timeout: 30_000 });
    return stale.length;
  } finally {
    await admin.disconnect();
  }
}

async function removeDatabases(nowMs) {
  const url = process.env.REDLINE_CLICKHOUSE_URL || "http://127.0.0.1:8123";
  const query = async (sql) => {
    const res = await fetch(url, { method: "POST", body: sql });
    if (!res.ok) throw new Error(`ClickHouse ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return res.text();
  };
  const names = (await query("SELECT name FROM system.databases FORMAT TSV")).split("\n").filter((n) => isStale(n, nowMs));
  for (const name of names) await query(`DROP DATABASE IF EXISTS \`${name}\``);
  return names.length;
}

(async () => {
  const nowMs = Date.now();
  for (const [what, remove] of [["Kafka topics", removeTopics], ["ClickHouse databases", removeDatabases]]) {
    try {
      const n = await remove(nowMs);
      if (n > 0) console.log(`removed ${n} ${what} left by test runs over an hour ago`);
    } catch (err) {
      console.warn(`could not remove old test ${what}: ${err && err.message ? err.message : err}`);
    }
  }
})();
