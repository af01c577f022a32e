#!/usr/bin/env bash
# Start the local stack: Kafka 4 (KRaft, single node) and ClickHouse, both on loopback, no
# Docker, and install promtool for the alerting-rule checks. Idempotent: a component whose
# port already answers (or a tool already installed) is left alone.
#   bash deploy/local/up.sh [kafka|clickhouse|promtool ...]     (default: all three)
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
    *) die "unknown component '$component' (expected kafka, clickhouse or promtool)" ;;
  esac
done
log "ready in $((SECONDS - started_s))s (${components[*]})"
