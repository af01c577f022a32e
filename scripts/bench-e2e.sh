#!/usr/bin/env bash
# npm run bench:e2e [-- --quick] [--only ceilings,throughput,latency] [--records N]
# Builds, makes sure the local broker runs (deploy/local/up.sh is idempotent), then runs the end-to-end
# bench (tools/bench/src/e2e). A full run holds the shared heavy lock, so other sessions' long runs
# (fault suite, soak) do not distort its numbers, nor it theirs; --quick runs do not take it.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc --build
bash deploy/local/up.sh kafka
main=tools/bench/dist/e2e/bench-e2e-main.js
if [[ " $* " == *" --quick "* ]]; then exec node "$main" "$@"; fi
exec flock /tmp/redline-heavy.lock node "$main" "$@"
