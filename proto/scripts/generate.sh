#!/usr/bin/env bash
# Regenerates the TypeScript in proto/src/gen from the .proto files. The output
# is committed (so `npm ci` needs no generator run) and CI fails on drift.
set -euo pipefail
cd "$(dirname "$0")/.."
buf=../node_modules/.bin/buf
"$buf" lint
rm -rf src/gen
"$buf" generate
