import { pidsLeftRunningIn, pidsStartedIn, StartedServers } from "./started-servers";

/** What deploy/local/up.sh prints (its log lines), for a server it started and one it found. */
const startedKafka = (pid: number) => `[stack] kafka: starting 4.1.2 on 127.0.0.1:19092 (controller 127.0.0.1:19093), logs in .local/faults-stack/logs/kafka.log\n[stack] kafka: up (pid ${pid})\n[stack] ready in 9s (kafka)\n`;
const startedClickhouse = (pid: number) => `[stack] clickhouse: starting on http://127.0.0.1:18123\n[stack] clickhouse: up (pid ${pid}, 18.16.1)\n`;
const foundKafka = "[stack] kafka: already running at 127.0.0.1:19092\n";
const foundClickhouse = "[stack] clickhouse: already running at http://127.0.0.1:18123\n";

describe("pidsStartedIn", () => {
  it("reads the pid of each server up.sh started, and none for one it found running", () => {
    expect(pidsStartedIn(startedKafka(4109) + foundClickhouse)).toEqual(new Map([["kafka", 4109]]));
    expect(pidsStartedIn(foundKafka + startedClickhouse(4902))).toEqual(new Map([["clickhouse", 4902]]));
    expect(pidsStartedIn(foundKafka + foundClickhouse).size).toBe(0);
  });
});

describe("StartedServers", () => {
  it("stops what the run started, by the pid it started last (a scenario's restart)", () => {
    const servers = new StartedServers();
    servers.noteUp(["kafka", "clickhouse"], startedKafka(100) + startedClickhouse(200));
    servers.noteUp(["kafka"], startedKafka(300)); // broker-restart
    expect(servers.toStop()).toEqual([
      { component: "kafka", pid: 300 },
      { component: "clickhouse", pid: 200 },
    ]);
    servers.stopped("kafka");
    expect(servers.toStop()).toEqual([{ component: "clickhouse", pid: 200 }]);
  });

  it("never stops what it found running, even once a scenario restarted it", () => {
    const servers = new StartedServers();
    servers.noteUp(["kafka", "clickhouse"], foundKafka + startedClickhouse(200));
    servers.noteUp(["kafka"], startedKafka(300));
    expect(servers.toStop()).toEqual([{ component: "clickhouse", pid: 200 }]);
  });

  it("keeps its own server's pid when a later up finds one running (started by someone else meanwhile)", () => {
    const servers = new StartedServers();
    servers.noteUp(["kafka"], startedKafka(100));
    servers.noteUp(["kafka"], foundKafka);
    // down.sh is then asked for pid 100 only: a server someone else started in its place stays up.
    expect(servers.toStop()).toEqual([{ component: "kafka", pid: 100 }]);
  });

  it("stops a server up.sh started and then left running when it was not ready in time, and never one it found", () => {
    const notReady = (pid: number) => `[stack] ---- last lines of logs/kafka.log ----\n...\n[stack] error: kafka: not ready within 120s (REDLINE_KAFKA_START_TIMEOUT_S); pid ${pid} left running for inspection, stop it with deploy/local/down.sh kafka\n`;
    expect(pidsLeftRunningIn(notReady(700))).toEqual(new Map([["kafka", 700]]));
    expect(pidsLeftRunningIn("[stack] error: kafka: broker process 700 exited during start-up (logs above)\n").size).toBe(0);
    const servers = new StartedServers();
    servers.noteLeftRunning(notReady(700));
    expect(servers.toStop()).toEqual([{ component: "kafka", pid: 700 }]);
    const found = new StartedServers();
    found.noteUp(["kafka"], foundKafka);
    found.noteLeftRunning(notReady(800));
    expect(found.toStop()).toEqual([]);
  });
});
