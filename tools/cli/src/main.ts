/**
 * Entry point of the `redline` command. Each subcommand lives in
 * `commands/<name>.ts` and is loaded only when called, so `redline classify`
 * does not pay for gRPC or Kafka start-up.
 */
import { runCli } from "./run-cli";

runCli(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`redline: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
