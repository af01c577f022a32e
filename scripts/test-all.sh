#!/usr/bin/env bash
# The README's test command (`npm test`): starts the local stack when it is
# down, checks the contract, lints import boundaries, type-checks, then runs
# the unit and integration tiers. Exits non-zero on any failure and ends with
# one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
results=.local/test-results
mkdir -p "$results"
rm -f "$results"/*.json
check_failures=0 # failed checks that are not jest runs (contract, lint, types)
exit_code=0

run() {
  echo "==> $*"
  "$@" || { echo "FAILED: $*" >&2; exit_code=1; return 1; }
}

run bash deploy/local/up.sh || { echo "the local stack did not start; see above" >&2; exit 1; }
# The inspector console's browser test drives Debian's chromium (apt-get when missing).
run bash deploy/local/up.sh chromium || { echo "chromium could not be installed; see above" >&2; exit 1; }
node scripts/remove-test-leftovers.js || true
run npm run --silent proto:check || check_failures=$((check_failures + 1))
run npm run --silent lint || check_failures=$((check_failures + 1))
run npm run --silent typecheck || check_failures=$((check_failures + 1))
run npx jest --selectProjects unit --json --outputFile="$results/unit.json"
# --forceExit: a failed test can leave a Kafka client open, and the run must still end.
run npx jest --selectProjects integration --runInBand --forceExit --json --outputFile="$results/integration.json"

node -e '
  const fs = require("fs");
  const [dir, checks] = process.argv.slice(1);
  let passed = 0, failed = Number(checks);
  for (const f of fs.readdirSync(dir)) {
    const r = JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8"));
    passed += r.numPassedTests;
    failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
  }
  console.log(`tests: ${passed} passed, ${failed} failed`);
' "$results" "$check_failures"
exit $exit_code
