#!/usr/bin/env bash
# Runs every benchmark program (tools/bench/src/*.bench.ts, compiled) one after
# another on an otherwise idle process, so their numbers do not disturb each other.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc --build
shopt -s nullglob
benches=(tools/bench/dist/*.bench.js)
if ((${#benches[@]} == 0)); then echo "no benchmarks found" >&2; exit 1; fi
for b in "${benches[@]}"; do
  echo "### $(basename "$b" .bench.js)"
  node "$b"
done
