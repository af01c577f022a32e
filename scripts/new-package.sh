#!/usr/bin/env bash
# Scaffolds a workspace package: scripts/new-package.sh libs/foo "what it does" [dep ...]
set -euo pipefail
dir=$1; desc=$2; shift 2
name="@redline/$(basename "$dir")"
mkdir -p "$dir/src"
refs=""
deps=""
for d in "$@"; do
  deps+="\"@redline/$d\": \"0.1.0\","
  if [[ $d == proto ]]; then refs+="{\"path\": \"../../proto\"},"; else refs+="{\"path\": \"../../libs/$d\"},"; fi
done
cat > "$dir/package.json" <<JSON
{
  "name": "$name",
  "version": "0.1.0",
  "private": true,
  "description": "$desc",
  "main": "dist/index.js",
  "types": "dist/index.d.ts",
  "dependencies": {${deps%,}}
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist" },
  "include": ["src"],
  "exclude": ["src/**/*.test.ts"],
  "references": [${refs%,}]
}
JSON
