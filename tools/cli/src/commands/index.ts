/**
 * The command tree: each command's arguments, options, help text and
 * examples, for commander. Implementations load only when their command runs,
 * so `redline --help` stays instant and `redline classify` does not pay for
 * gRPC or Kafka start-up. No import of run-cli, so the two never form a cycle.
 */
import { Argument, Option, type Command } from "commander";
import { DEFAULT_BROKER_WAIT_MS } from "../broker-wait";
import type { CommandModule } from "../command";
import { collect, instant, integerAtLeast, numberAtLeast, unitRange } from "../option-parsers";

/** Runs a loaded command with the options commander parsed; set by the program (program.ts). */
export type Runner = <O>(load: () => Promise<CommandModule<O>>, options: O) => Promise<void>;

function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

function addConnectionOptions(cmd: Command): Command {
  return cmd
    .option("--address <host:port>", "the alert gateway (default REDLINE_GATEWAY_ADDRESS or 127.0.0.1:7070)")
    .option("--token <token>", "bearer token (default REDLINE_TOKEN)")
    .option("--tls", "use TLS")
    .option("--ca-file <file>", "CA for the gateway's certificate (implies --tls)")
    .option("--cert-file <file>", "client certificate for mTLS, with --key-file")
    .option("--key-file <file>", "client key for mTLS, with --cert-file");
}

/** Adds every redline command to `program`, each calling `run` with its implementation. */
export function defineCommands(program: Command, run: Runner): void {
  program
    .command("classify")
    .summary("score JSON lines of text for risk labels")
    .description("Reads JSON lines with a string `text` field and writes each line back with `scores`. Progress on stderr every N lines.")
    .option("--input <file>", "JSON lines to read; - for stdin", "-")
    .option("--model <dir>", "a trained model folder (default: the packaged model)")
    .option("--progress-every <lines>", "a progress line on stderr every N lines", integerAtLeast(1), 10_000)
    .option("--explain", "add the flagged labels (thresholds: the model's, or REDLINE_TEXT_THRESHOLDS) and the features behind them")
    .addHelpText("after", examples(`echo '{"text":"加微信领取优惠"}' | redline classify`, "redline classify --input comments.jsonl > scored.jsonl", "REDLINE_TEXT_THRESHOLDS=DIVERSION=0.7 redline classify --explain --input comments.jsonl"))
    .action((o) => run(() => import("./classify"), o));

  const evidence = program
    .command("evidence")
    .summary("export and verify signed evidence bundles")
    .description(
      "Evidence bundles for regulators and consumer disputes: one tar of what the archive holds about an alert or a room over a time range, with a manifest of chained SHA-256 hashes signed with Ed25519. The signing key is the PEM file REDLINE_EVIDENCE_SIGNING_KEY_FILE names; the archive is REDLINE_CLICKHOUSE_URL / _DATABASE.",
    )
    .addHelpText("after", examples("redline evidence export --alert 3f2a… --out alert.tar", "redline evidence verify alert.tar --public-key \"$(redline evidence key)\""));
  evidence
    .command("export")
    .summary("write one alert's or one room's evidence to a signed bundle")
    .description(
      "Streams from the archive into FILE: the alert(s), the events (cited, or the room's in the range) with their original Kafka records where kept, the actions and their delivery outcomes, the inspectors' reviews, the model and policy versions; then the signed manifest. A progress bar goes to stderr when it is a terminal.",
    )
    .addOption(new Option("--alert <id>", "one alert and what it cites").conflicts(["room", "from", "to"]))
    .option("--room <id>", "a room, with --from and --to")
    .option("--from <time>", "start of the range (Unix ms or ISO 8601 with a zone)", instant)
    .option("--to <time>", "end of the range, exclusive", instant)
    .requiredOption("--out <file>", "the bundle to write (a tar)")
    .addHelpText(
      "after",
      examples("redline evidence export --alert 3f2a… --out alert.tar", "redline evidence export --room room-7 --from 2026-12-01T00:00:00+08:00 --to 2026-12-02T00:00:00+08:00 --out room-7.tar"),
    )
    .action((o) => run(() => import("./evidence-export"), o));
  evidence
    .command("key")
    .summary("print the public key of the configured signing key")
    .description("Prints the public half of REDLINE_EVIDENCE_SIGNING_KEY_FILE as base64 DER, the form `evidence verify --public-key` takes. Publish it where verifiers can get it.")
    .addHelpText("after", examples("REDLINE_EVIDENCE_SIGNING_KEY_FILE=/etc/redline/evidence.pem redline evidence key > evidence.pub"))
    .action((o) => run(() => import("./evidence-key"), o));
  evidence
    .command("verify")
    .summary("check a bundle's items, hash chain and signature")
    .description("Exit 0 when every item matches the signed manifest; otherwise exit 1 with what broke: an edited, missing or reordered item, a manifest changed without the key, or another signer.")
    .addArgument(new Argument("<file>", "the bundle"))
    .requiredOption("--public-key <key>", "the signer's public key as `redline evidence key` prints it, or a file holding it (base64 or PEM)")
    .addHelpText("after", examples("redline evidence verify alert.tar --public-key MCowBQYDK2VwAyEA…", "redline evidence verify alert.tar --public-key evidence.pub"))
    .action((file: string, o) => run(() => import("./evidence-verify"), { ...o, file }));

  program
    .command("produce")
    .summary("publish LiveEvent JSON lines to the input topics")
    .description("Publishes LiveEvent JSON lines to the input topic of each event's body type, keyed by room, protobuf-encoded unless --json. Brokers: REDLINE_KAFKA_BROKERS (default 127.0.0.1:9092).")
    .option("--input <file>", "JSON lines to read; - for stdin", "-")
    .option("--rate <n>", "at most N events per second (0: as fast as possible)", numberAtLeast(0), 0)
    .option("--json", "publish proto3 JSON instead of protobuf", false)
    .option("--retime", "shift event times (and account ages with them) so the first event happens now and none lies ahead of the wall clock when sent", false)
    .option("--topic-prefix <prefix>", "publish to PREFIX + topic name", "")
    .option("--broker-wait-s <s>", "keep sending while the broker cannot be reached (a restart) for up to S seconds before giving up", numberAtLeast(0), DEFAULT_BROKER_WAIT_MS / 1000)
    .addHelpText("after", examples("redline produce --input events.jsonl --retime --rate 500", "redline simulate --seed 1 --out /dev/stdout | redline produce"))
    .action((o) => run(() => import("./produce"), o));

  program
    .command("replay")
    .summary("run LiveEvent JSON lines through the engine, print alerts")
    .description(
      "Runs LiveEvent proto3-JSON lines through the engine and its output stages exactly as the risk engine does, and writes one JSON line per output ({\"alert\": …} or {\"action\": …}). Same input, same bytes out. A progress bar with rate and ETA is drawn on stderr when it is a terminal.",
    )
    .option("--input <file>", "JSON lines to read; - for stdin", "-")
    .option("--lateness-ms <ms>", "watermark lag (default: the service's)", integerAtLeast(0))
    .option("--progress-every <lines>", "also a progress line on stderr every N lines (for logs)", integerAtLeast(1))
    .option("--policy <file>", "backtest an action policy: actions appear beside the alerts")
    .option("--shadow-policy <file>", "with --policy: run a candidate policy beside it; its actions are marked shadow")
    .option("--products <file>", "ProductFacts JSON lines: the live.products table transcript claims are checked against")
    .option("--crews", "also run the cross-room crew detector on the engine's account-activity records and print its alerts", false)
    .option("--baselines", "judge rooms against their peer groups through an in-process baselines table, as REDLINE_ENGINE_BASELINES=true does in the service", false)
    .addHelpText("after", examples("redline replay --input events.jsonl > outputs.jsonl", "redline replay --input events.jsonl --policy deploy/policy/default-policy.json --shadow-policy candidate.json"))
    .action((o) => run(() => import("./replay"), o));

  addConnectionOptions(
    program
      .command("review")
      .summary("record a verdict on an alert")
      .description("Records an inspector's verdict on an alert (written to risk.feedback with your inspector id and the time of the review).")
      .addArgument(new Argument("<alert-id>", "the alert's id"))
      .requiredOption("--verdict <verdict>", "confirmed, false_positive or needs_more_evidence")
      .option("--note <text>", "a note for the record", ""),
  )
    .addHelpText("after", examples('redline review 3f2a… --verdict confirmed --note "seen it" --token "$TOKEN"'))
    .action((alertId: string, o) => run(() => import("./review"), { ...o, alertId }));

  program
    .command("simulate")
    .summary("write seeded live-room traffic with ground truth")
    .description("Writes simulated LiveEvent JSON lines (roughly time-ordered) and, with --truth, one ground-truth JSON line per room; or publishes them to the input topics with --to-kafka, moved to start now. A progress bar is drawn on stderr when it is a terminal.")
    .requiredOption("--seed <n>", "the generator's seed", integerAtLeast(0))
    .option("--out <file>", "where to write the events (this or --to-kafka)")
    .option("--to-kafka", "publish to the input topics instead of a file")
    .option("--rate <n>", "with --to-kafka: at most N events per second", numberAtLeast(0))
    .option("--topic-prefix <prefix>", "with --to-kafka: publish to PREFIX + topic name")
    .option("--truth <file>", "write each room's ground truth here")
    .option("--hours <n>", "hours of traffic, generated one at a time", integerAtLeast(1), 1)
    .option("--scale <s>", "rooms and traffic relative to the default", numberAtLeast(0, true))
    .option("--strength <lo,hi>", "range of attack strengths", unitRange)
    .addHelpText("after", examples("redline simulate --seed 7 --hours 2 --out events.jsonl --truth truth.jsonl", "redline simulate --seed 7 --to-kafka --rate 200"))
    .action((o) => run(() => import("./simulate"), o));

  addConnectionOptions(
    program
      .command("tail")
      .summary("print the live alert stream from the alert gateway")
      .description("Prints the live alert stream until Ctrl-C: time, room, category/subcategory, severity, score, summary and the top three signals. Categories and severities take short or full names (HIGH, SEVERITY_HIGH). On exit, prints the cursor to resume from.")
      .option("--room <room>", "only this room (repeatable)", collect)
      .option("--category <category>", "only this category (repeatable)", collect)
      .option("--min-severity <severity>", "only alerts at or above this severity")
      .option("--json", "one proto3 JSON TailResponse per line")
      .option("--cursor <cursor>", "resume after the alert that carried this cursor"),
  )
    .addHelpText("after", examples("redline tail --token demo-inspector-token", "redline tail --category MINOR_PROTECTION --min-severity HIGH --json | jq .alert.roomId"))
    .action((o) => run(() => import("./tail"), o));

  const topics = program
    .command("topics")
    .summary("create the Kafka topics Redline uses")
    .description("Manages Redline's Kafka topics. Brokers: REDLINE_KAFKA_BROKERS (default 127.0.0.1:9092).")
    .addHelpText("after", examples("redline topics ensure --partitions 6"));
  topics
    .command("ensure")
    .summary("create missing topics and print each topic's partition count")
    .description("Creates Redline's input topics, their dead-letter topics and the output topics where missing, then prints each topic's partition count. Input topics must share one partition count (they are co-partitioned by room); exit 1 if they do not.")
    .option("--partitions <n>", "partitions of each new input and output topic", integerAtLeast(1), 3)
    .addHelpText("after", examples("redline topics ensure", "REDLINE_KAFKA_BROKERS=kafka:9092 redline topics ensure --partitions 12"))
    .action((o) => run(() => import("./topics"), o));

  program
    .command("version")
    .summary("print the CLI and contract versions")
    .addHelpText("after", examples("redline version"))
    .action((o) => run(() => import("./version"), o));

  program
    .command("completion")
    .summary("print a shell completion script")
    .addArgument(new Argument("<shell>", "the shell").choices(["bash", "zsh"]))
    .addHelpText("after", examples("source <(redline completion bash)    # in ~/.bashrc", "redline completion zsh > \"${fpath[1]}/_redline\"    # then restart zsh"))
    .action((shell: string) => run(() => import("./completion"), { shell, program }));
}
