/**
 * deploy/local/up.sh leaves a server that was not ready in time running "for
 * inspection"; the fault suite's run started it, so the run stops it when it
 * ends rather than leaving its own Kafka behind. On a broker of the test's own
 * (free ports, a temporary folder), given one second to be ready.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, portAnswers, SuiteStack } from "@redline/faults";

/** Alive and not a zombie (its parent may not have reaped it yet). */
function alive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").length > 0;
  } catch {
    return false;
  }
}

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
    const before = process.env.REDLINE_KAFKA_START_TIMEOUT_S;
    process.env.REDLINE_KAFKA_START_TIMEOUT_S = "1";
    try {
      await expect(stack.up(["kafka"])).rejects.toThrow(/not ready within 1s.*left running for inspection/);
    } finally {
      if (before === undefined) delete process.env.REDLINE_KAFKA_START_TIMEOUT_S;
      else process.env.REDLINE_KAFKA_START_TIMEOUT_S = before;
    }
    const pid = Number(readFileSync(join(dir, "kafka", "kafka.pid"), "utf8").trim());
    expect(alive(pid)).toBe(true);

    await stack.stopStarted();
    expect(alive(pid)).toBe(false);
    expect(await portAnswers(stack.ports.kafka)).toBe(false);
  }, 120_000);
});
