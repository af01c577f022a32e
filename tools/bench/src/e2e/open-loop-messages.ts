import type { OpenLoopRun } from "./open-loop-producer";

/** What the bench tells the load worker (open-loop-worker.ts), and what it answers. */
export interface LoadWorkerData {
  topic: string;
  partitions: number;
  seed: number;
  rooms: number;
  zipfS: number;
  /** Prefix of the triggers' room and account ids. */
  runId: string;
}

export type LoadCommand =
  | { type: "probe" }
  | { type: "run"; perSecond: number; seconds: number; triggersPerSecond: number }
  | { type: "stop" };

export type LoadReply =
  | { type: "ready" }
  | { type: "probe"; roomId: string; acks: number[] }
  | { type: "run"; run: OpenLoopRun; acks: number[] }
  | { type: "stopped" }
  | { type: "failed"; message: string };
