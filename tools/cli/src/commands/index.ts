/**
 * The command table. Each entry loads its module only when that command runs;
 * keep the modules free of start-up work so `redline --help` stays instant.
 * Plain data with no import of run-cli, so the two never form a cycle.
 */
import type { CommandModule } from "../command";

export interface CommandEntry {
  summary: string;
  load: () => Promise<CommandModule>;
}

export const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  classify: { summary: "score JSON lines of text for risk labels", load: () => import("./classify") },
  produce: { summary: "publish LiveEvent JSON lines to the input topics", load: () => import("./produce") },
  replay: { summary: "run LiveEvent JSON lines through the engine, print alerts", load: () => import("./replay") },
  review: { summary: "record a verdict on an alert", load: () => import("./review") },
  simulate: { summary: "write seeded live-room traffic with ground truth", load: () => import("./simulate") },
  tail: { summary: "print the live alert stream from the alert gateway", load: () => import("./tail") },
  topics: { summary: "create the Kafka topics Redline uses", load: () => import("./topics") },
  version: { summary: "print the CLI and contract versions", load: () => import("./version") },
};
