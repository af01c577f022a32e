/**
 * The command table. Each line registers one subcommand module; keep the
 * module itself free of start-up work so `redline --help` stays instant.
 */
import { registerCommand } from "../run-cli";

registerCommand("classify", "score JSON lines of text for risk labels", () => import("./classify"));
registerCommand("produce", "publish LiveEvent JSON lines to the input topics", () => import("./produce"));
registerCommand("replay", "run LiveEvent JSON lines through the engine, print alerts", () => import("./replay"));
registerCommand("review", "record a verdict on an alert", () => import("./review"));
registerCommand("simulate", "write seeded live-room traffic with ground truth", () => import("./simulate"));
registerCommand("tail", "print the live alert stream from the alert gateway", () => import("./tail"));
registerCommand("topics", "create the Kafka topics Redline uses", () => import("./topics"));
registerCommand("version", "print the CLI and contract versions", () => import("./version"));
