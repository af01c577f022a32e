import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { AckLog } from "./ack-log";
import { BenchPhaseError } from "./errors";
import type { LoadCommand, LoadReply, LoadWorkerData } from "./open-loop-messages";
import type { OpenLoopRun } from "./open-loop-producer";

/** The bench's side of the load worker: one command at a time, acknowledgements gathered in `acks`. */
export class OpenLoopClient {
  readonly acks = new AckLog();
  private readonly worker: Worker;
  private waiting: ((r: LoadReply) => void) | undefined;
  private readonly ready: Promise<LoadReply>;

  constructor(data: LoadWorkerData) {
    this.worker = new Worker(join(__dirname, "open-loop-worker.js"), { workerData: data });
    this.ready = new Promise((res) => (this.waiting = res));
    this.worker.on("message", (r: LoadReply) => {
      const w = this.waiting;
      this.waiting = undefined;
      w?.(r);
    });
    this.worker.on("error", (err) => this.waiting?.({ type: "failed", message: err.stack ?? err.message }));
  }

  async start(): Promise<void> {
    expectReply(await this.ready, "ready");
  }

  async probe(): Promise<string> {
    const r = expectReply(await this.request({ type: "probe" }), "probe");
    this.acks.addFlat(r.acks);
    return r.roomId;
  }

  async run(perSecond: number, seconds: number, triggersPerSecond: number): Promise<OpenLoopRun> {
    const r = expectReply(await this.request({ type: "run", perSecond, seconds, triggersPerSecond }), "run");
    this.acks.addFlat(r.acks);
    return r.run;
  }

  async stop(): Promise<void> {
    await this.request({ type: "stop" }).catch(() => undefined);
    await this.worker.terminate();
  }

  private request(cmd: LoadCommand): Promise<LoadReply> {
    if (this.waiting !== undefined) throw new BenchPhaseError("latency", "the load worker is still busy with another command");
    const reply = new Promise<LoadReply>((res) => (this.waiting = res));
    this.worker.postMessage(cmd);
    return reply;
  }
}

function expectReply<T extends LoadReply["type"]>(r: LoadReply, type: T): Extract<LoadReply, { type: T }> {
  if (r.type === "failed") throw new BenchPhaseError("latency", `the load worker failed: ${r.message}`);
  if (r.type !== type) throw new BenchPhaseError("latency", `the load worker answered ${r.type} to ${type}`);
  return r as Extract<LoadReply, { type: T }>;
}
