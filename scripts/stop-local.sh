#!/usr/bin/env bash
# `npm stop`: stops the demo's programs (only the processes the demo started)
# and then the local stack.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
source scripts/lib-processes.sh
for (( i=${#DEMO_PROGRAMS[@]}-1; i>=0; i-- )); do
  read -r -a parts <<<"${DEMO_PROGRAMS[$i]}"
  stop_program "${parts[0]}" "${parts[1]}"
done
bash deploy/local/down.sh
