/**
 * The fault suite stops only the servers it started, by pid (`npm run faults`
 * used to leave its Kafka and ClickHouse running): a run that found a broker
 * running leaves it up, and a run that started one stops it only while its pid
 * file still names the pid it started. On a broker of the test's own (free
 * ports, a temporary folder); the shared stack is never touched.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, portAnswers, SuiteStack } from "@redline/faults";
import { processAlive } from "@redline/test-helpers";

describe("the fault suite's stack stops only what it started (its own broker)", () => {
  const dir = mkdtempSync(join(tmpdir(), "faults-stop-"));
  const stacks: SuiteStack[] = [];
  let brokerPort = 0;
  /** A run of the suite on the test's folder and broker ports; each its own proxy port (two proxies cannot share one). */
  const run = async (): Promise<SuiteStack> => {
    const stack = new SuiteStack({ kafka: brokerPort, kafkaController: controllerPort, kafkaProxy: await freePort(), clickhouseProxy: 0, clickhouseHttp: 0, clickhouseTcp: 0 }, dir);
    stacks.push(stack);
    return stack;
  };
  let controllerPort = 0;
  const brokerPid = (): number => Number(readFileSync(join(dir, "kafka", "kafka.pid"), "utf8").trim());

  beforeAll(async () => {
    [brokerPort, controllerPort] = [await freePort(), await freePort()];
  });

  afterAll(async () => {
    // Whatever is left of the test's own broker.
    await stacks[0]?.down(["kafka"]);
    for (const s of stacks) await s.stopProxies();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it("leaves a broker it found running or that another run replaced, and stops the one it started", async () => {
    const first = await run();
    await first.up(["kafka"]);
    const firstPid = brokerPid();

    // A second run finds the broker up: not its own, so its stop leaves it running.
    const second = await run();
    await second.up(["kafka"]);
    await second.stopStarted();
    expect(processAlive(firstPid)).toBe(true);

    // The second run restarts it (a scenario): the first run's pid is gone, and the new broker is not the first run's to stop.
    await second.down(["kafka"]);
    await second.up(["kafka"]);
    const replacedPid = brokerPid();
    expect(replacedPid).not.toBe(firstPid);
    await first.stopStarted();
    await second.stopStarted();
    expect(processAlive(replacedPid)).toBe(true);
    expect(await portAnswers(brokerPort)).toBe(true);

    // A run that starts the broker itself stops it when it ends.
    await second.down(["kafka"]);
    const third = await run();
    await third.up(["kafka"]);
    const ownPid = brokerPid();
    await third.stopStarted();
    expect(processAlive(ownPid)).toBe(false);
    expect(await portAnswers(brokerPort)).toBe(false);
  }, 300_000);
});
