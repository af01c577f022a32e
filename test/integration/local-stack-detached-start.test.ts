/**
 * deploy/local's run_detached records a server's pid only once that pid runs
 * the server (#17). faults-stack-stop failed once in six CI runs: the pid up.sh
 * had just recorded was still a fork of up.sh on its way to exec the broker,
 * its command line was up.sh's (or empty mid-exec), the readiness loop's check
 * by command line took the starting broker for a dead one, and up.sh gave up
 * and deleted the pid file while the broker went on starting, orphaned. Here a
 * slow exec (what a loaded machine gives) is made certain by a `nohup` that
 * waits first, so the check right after the start fails every time without
 * the wait.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const COMMON_SH = resolve(__dirname, "..", "..", "deploy", "local", "lib", "common.sh");

describe("deploy/local run_detached", () => {
  const dir = mkdtempSync(join(tmpdir(), "run-detached-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("records a pid that already runs the command, so a check by command line right after the start sees it alive", async () => {
    // The marker is built inside the script: as an argument it would be in the shell's own command line.
    const script = `
      set -euo pipefail
      source "$1"
      # The fork stays a copy of this shell for half a second before it execs nohup.
      nohup() { sleep 0.5; exec /usr/bin/env nohup "$@"; }
      run_detached "$2/server.pid" "$2/server.out" sleep "31.$3"
      pid="$(cat "$2/server.pid")"
      if pid_matches "$pid" "sleep 31.$3"; then echo alive; else echo "taken for dead: [$(pid_cmdline "$pid")]"; fi
      kill "$pid"
    `;
    const { stdout } = await run("bash", ["-c", script, "test", COMMON_SH, dir, String(process.pid)], { timeout: 30_000 });
    expect(stdout.trim()).toBe("alive");
  });

  it("returns when the command dies before it ever runs, rather than waiting out its bound", async () => {
    const script = `
      set -uo pipefail
      source "$1"
      started=$SECONDS
      run_detached "$2/gone.pid" "$2/gone.out" /nonexistent/server --flag
      echo "$((SECONDS - started))"
    `;
    const { stdout } = await run("bash", ["-c", script, "test", COMMON_SH, dir], { timeout: 30_000 });
    expect(Number(stdout.trim())).toBeLessThan(5);
  });
});
