#!/usr/bin/env bash
# The README's run command (`npm start`): the local stack, Redline's topics,
# and what exists of the pipeline so far, fed with simulated traffic.
set -euo pipefail
cd "$(dirname "$0")/.."
bash deploy/local/up.sh
npx redline topics ensure >/dev/null
echo "topics ready (npx redline topics ensure lists them)"
bash deploy/local/status.sh
