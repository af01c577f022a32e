#!/usr/bin/env bash
# Print each local stack component as up or down with its address.
# Exit 0 when all are up, 1 otherwise.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/kafka.sh
source "$DEPLOY_DIR/lib/kafka.sh"
# shellcheck source=lib/clickhouse.sh
source "$DEPLOY_DIR/lib/clickhouse.sh"

all_up=0
kafka_status || all_up=1
clickhouse_status || all_up=1
exit "$all_up"
