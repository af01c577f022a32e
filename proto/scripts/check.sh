#!/usr/bin/env bash
# CI gate for the contract: lint, generated code in sync with the .proto files,
# and no breaking change against the frozen image in proto/contract-image.json.
# After an intended, compatible change, refresh the image with --freeze.
set -euo pipefail
cd "$(dirname "$0")/.."
buf=../node_modules/.bin/buf
if [[ "${1:-}" == "--freeze" ]]; then
  "$buf" build -o contract-image.json
  echo "contract image refreshed"
  exit 0
fi
"$buf" lint
"$buf" breaking --against contract-image.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$buf" generate -o "$tmp"
if ! diff -r "$tmp/src/gen" src/gen >/dev/null; then
  echo "proto/src/gen is out of date with proto/redline: run 'npm run proto:gen' and commit" >&2
  diff -r "$tmp/src/gen" src/gen | head -20 >&2
  exit 1
fi
echo "contract: lint, breaking-change and drift checks passed"
