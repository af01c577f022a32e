/**
 * A fault that stops a server must stop it. deploy/local/down.sh stops only
 * what its folder's pid files name, so with another copy of the tree running
 * its suite on the same ports, a run's "broker restart" used to stop nothing
 * and pass. The stack now checks the port closed and says whose it is not.
 * On a broker of the test's own (free ports, temporary folders).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, portAnswers, SuiteStack } from "@redline/faults";
import type { SuiteStackPorts } from "@redline/faults";

async function stackIn(dir: string, ports: SuiteStackPorts): Promise<SuiteStack> {
  return new SuiteStack({ ...ports, kafkaProxy: await freePort() }, dir);
}

describe("the fault suite's stack on a broker another folder started", () => {
  const otherDir = mkdtempSync(join(tmpdir(), "faults-other-"));
  const ownDir = mkdtempSync(join(tmpdir(), "faults-own-"));
  const stacks: SuiteStack[] = [];

  afterAll(async () => {
    await stacks[0]?.down(["kafka"]).catch(() => undefined);
    for (const s of stacks) await s.stopProxies();
    for (const dir of [otherDir, ownDir]) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it("refuses to call the broker stopped when down.sh left it answering, and leaves it running", async () => {
    const ports: SuiteStackPorts = { kafka: await freePort(), kafkaController: await freePort(), kafkaProxy: 0, clickhouseProxy: 0, clickhouseHttp: 0, clickhouseTcp: 0 };
    const other = await stackIn(otherDir, ports);
    stacks.push(other);
    await other.up(["kafka"]);

    const own = await stackIn(ownDir, ports);
    stacks.push(own);
    await own.up(["kafka"]);
    await expect(own.down(["kafka"])).rejects.toThrow(`kafka still answers on 127.0.0.1:${ports.kafka} after deploy/local/down.sh: it is not this stack's (${ownDir})`);
    expect(await portAnswers(ports.kafka)).toBe(true);

    // Its own folder's stop does stop it, and then the port is closed.
    await expect(other.down(["kafka"])).resolves.toBeUndefined();
    expect(await portAnswers(ports.kafka)).toBe(false);
  }, 300_000);
});
