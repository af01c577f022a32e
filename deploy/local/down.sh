#!/usr/bin/env bash
# Stop what deploy/local/up.sh started, by the pids it recorded; anything else listening on
# the same ports is left alone. Data under .local/ is kept (rm -rf .local for a clean slate).
#   bash deploy/local/down.sh [kafka|clickhouse ...]   (default: both)
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "$DEPLOY_DIR/lib/kafka.sh"
# shellcheck source=lib/clickhouse.sh
source "$DEPLOY_DIR/lib/clickhouse.sh"

components=("$@")
((${#components[@]})) || components=(clickhouse kafka)

mkdir -p "$LOCAL_DIR"
exec 9>"$LOCAL_DIR/stack.lock"
flock 9

for component in "${components[@]}"; do
  case "$component" in
    kafka) kafka_down ;;
    clickhouse) clickhouse_down ;;
    *) die "unknown component '$component' (expected kafka or clickhouse)" ;;
  esac
done
