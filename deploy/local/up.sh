#!/usr/bin/env bash
# Start the local stack: Kafka 4 (KRaft, single node) and ClickHouse, both on loopback, no
# Docker, and install promtool for the alerting-rule checks. Idempotent: a component whose
# port already answers (or a tool already installed) is left alone. `chromium` (the console's
# browser test) is installed only when named: `npm test` names it, `npm start` needs none.
#   bash deploy/local/up.sh [kafka|clickhouse|promtool|chromium ...]     (default: the first three)
# Settings (env): see deploy/local/README.md.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "$DEPLOY_DIR/lib/kafka.sh"
# shellcheck source=lib/clickhouse.sh
source "$DEPLOY_DIR/lib/clickhouse.sh"
# shellcheck source=lib/promtool.sh
source "$DEPLOY_DIR/lib/promtool.sh"
# shellcheck source=lib/chromium.sh
source "$DEPLOY_DIR/lib/chromium.sh"

components=("$@")
((${#components[@]})) || components=(kafka clickhouse promtool)

mkdir -p "$LOCAL_DIR" "$LOG_DIR"
# Two concurrent up.sh runs (a developer and a test script) would both see a closed port
# and start two brokers; the second waits here and then finds the first one running.
exec 9>"$LOCAL_DIR/stack.lock"
flock 9

started_s=$SECONDS
for component in "${components[@]}"; do
  case "$component" in
    kafka) kafka_up ;;
    clickhouse) clickhouse_up ;;
    promtool) promtool_up ;;
    chromium) chromium_up ;;
    *) die "unknown component '$component' (expected kafka, clickhouse, promtool or chromium)" ;;
  esac
done
log "ready in $((SECONDS - started_s))s (${components[*]})"
