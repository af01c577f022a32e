import { EventEmitter } from "node:events";
import { createJsonLogger } from "./logger";
import { RESTART_EXIT_CODE, runService } from "./service-runner";

/** A stand-in for the process: records exits, lets the test send signals. */
function fakeProcess(): { proc: Pick<NodeJS.Process, "on" | "exit">; exits: number[]; signal: (s: string) => void } {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const proc = {
    on: (event: string, listener: () => void) => emitter.on(event, listener),
    exit: (code?: number) => void exits.push(code ?? 0),
  } as unknown as Pick<NodeJS.Process, "on" | "exit">;
  return { proc, exits, signal: (s) => emitter.emit(s) };
}

const logger = createJsonLogger({ namespace: "test", level: "error", write: () => undefined });
const settle = () => new Promise((r) => setImmediate(r));

describe("runService", () => {
  it("exits 75 (restart me) at once when a part of the service reports it cannot go on, without waiting on a stop", async () => {
    const { proc, exits } = fakeProcess();
    let fail!: (err: Error) => void;
    let stopped = false;
    await runService(async (f) => ((fail = f), { stop: async () => void (stopped = true) }), { name: "svc", logger, stopTimeoutMs: 1_000, proc });
    expect(exits).toEqual([]);
    fail(new Error("consumer crashed for good"));
    expect(exits).toEqual([RESTART_EXIT_CODE]);
    expect(RESTART_EXIT_CODE).toBe(75);
    expect(stopped).toBe(false);
  });

  it("stops cleanly on SIGTERM with exit 0, and exits 1 when start-up fails", async () => {
    const a = fakeProcess();
    await runService(async () => ({ stop: async () => undefined }), { name: "svc", logger, stopTimeoutMs: 1_000, proc: a.proc });
    a.signal("SIGTERM");
    await settle();
    expect(a.exits).toEqual([0]);
    const b = fakeProcess();
    await runService(async () => Promise.reject(new Error("bad config")), { name: "svc", logger, stopTimeoutMs: 1_000, proc: b.proc });
    expect(b.exits).toEqual([1]);
  });
});
