#!/usr/bin/env bash
# Screenshots of the inspector console's main pages for the README
# (docs/img/console-*.png), taken by the browser test itself on the real
# pipeline, so they show the real pages with what the test does to them:
# a live list with two alerts, an alert with a hostile note, a room with a
# deleted hostile comment, precision from the test's two verdicts.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
bash deploy/local/up.sh kafka clickhouse chromium
REDLINE_CONSOLE_SCREENSHOTS="$ROOT/docs/img" npx jest test/e2e/inspector-console.e2e.test.ts --selectProjects integration --forceExit
ls -1 docs/img/console-*.png
