/**
 * deploy/local/up.sh leaves a server that was not ready in time running "for
 * inspection"; the fault suite's run started it, so the run stops it when it
 * ends rather than leaving its own Kafka behind. On a broker of the test's own
 * (free ports, a temporary folder) whose JVM waits for a debugger before it
 * runs anything (jdwp, suspend=y): alive, never ready, whatever the machine's
 * load. A short start timeout alone was a race: on a busy machine the
 * readiness checker's own JVM took long enough to start that the broker was
 * ready when it first asked.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, portAnswers, SuiteStack } from "@redline/faults";
import { processAlive } from "@redline/test-helpers";

describe("the fault suite's stack when its broker is not ready in time", () => {
  const dir = mkdtempSync(join(tmpdir(), "faults-not-ready-"));
  let stack: SuiteStack | undefined;

  afterAll(async () => {
    await stack?.down(["kafka"]).catch(() => undefined);
    await stack?.stopProxies();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it("stops the broker up.sh gave up on and left running, when the run ends", async () => {
    stack = new SuiteStack({ kafka: await freePort(), kafkaController: await freePort(), kafkaProxy: await freePort(), clickhouseProxy: 0, clickhouseHttp: 0, clickhouseTcp: 0 }, dir);
    const suspended = `-Xms64m -Xmx256m -agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:${await freePort()}`;
    await expect(stack.up(["kafka"], { REDLINE_KAFKA_HEAP_OPTS: suspended, REDLINE_KAFKA_START_TIMEOUT_S: "3" })).rejects.toThrow(/not ready within 3s.*left running for inspection/);
    const pid = Number(readFileSync(join(dir, "kafka", "kafka.pid"), "utf8").trim());
    expect(processAlive(pid)).toBe(true);

    await stack.stopStarted();
    expect(processAlive(pid)).toBe(false);
    expect(await portAnswers(stack.ports.kafka)).toBe(false);
  }, 120_000);
});
