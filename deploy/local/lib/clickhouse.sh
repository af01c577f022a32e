# shellcheck shell=bash
# ClickHouse part of the local stack: Debian's clickhouse-server (18.16) run as a plain
# process with a project-local config. Sourced after common.sh.

CLICKHOUSE_STATE_DIR="$LOCAL_DIR/clickhouse"
CLICKHOUSE_DATA_DIR="$CLICKHOUSE_STATE_DIR/data"
CLICKHOUSE_CONFIG="$CLICKHOUSE_STATE_DIR/config.xml"
CLICKHOUSE_PID_FILE="$CLICKHOUSE_STATE_DIR/clickhouse.pid"
CLICKHOUSE_URL="http://127.0.0.1:$REDLINE_CLICKHOUSE_HTTP_PORT"

clickhouse_binary() {
  # Debian's package ships /usr/sbin/clickhouse-server; upstream packages ship `clickhouse`
  # with a `server` subcommand.
  if command -v clickhouse-server >/dev/null 2>&1; then
    command -v clickhouse-server
  elif [[ -x /usr/sbin/clickhouse-server ]]; then
    echo /usr/sbin/clickhouse-server
  fi
}

clickhouse_install() {
  [[ -n "$(clickhouse_binary)" ]] && return 0
  apt_install --with-recommends clickhouse "ClickHouse by hand (no apt-get: not a Debian-like system)" clickhouse-server clickhouse-client
  # Its service would take 8123/9000, where this stack runs its own server.
  stop_packaged_service clickhouse-server
  [[ -n "$(clickhouse_binary)" ]] || die "clickhouse: clickhouse-server still missing after apt-get install"
}

clickhouse_write_config() {
  mkdir -p "$CLICKHOUSE_DATA_DIR"/{tmp,user_files,format_schemas} "$LOG_DIR"
  sed -e "s#@LOG_DIR@#$LOG_DIR#g" \
      -e "s#@DATA_DIR@#$CLICKHOUSE_DATA_DIR#g" \
      -e "s#@HTTP_PORT@#$REDLINE_CLICKHOUSE_HTTP_PORT#g" \
      -e "s#@TCP_PORT@#$REDLINE_CLICKHOUSE_TCP_PORT#g" \
      -e "s#@USERS_CONFIG@#$DEPLOY_DIR/clickhouse/users.xml#g" \
      "$DEPLOY_DIR/clickhouse/config.xml" >"$CLICKHOUSE_CONFIG"
}

# Ready means /ping answers "Ok." and a query runs, not just an open port.
clickhouse_ready() {
  [[ "$(curl -s -m 2 "$CLICKHOUSE_URL/ping" 2>/dev/null)" == "Ok." ]] &&
    [[ "$(curl -s -m 5 --data-binary 'SELECT 1' "$CLICKHOUSE_URL/" 2>/dev/null)" == "1" ]]
}

clickhouse_up() {
  require_cmd curl "curl (Debian: apt-get install -y curl)"
  if port_open "$REDLINE_CLICKHOUSE_HTTP_PORT"; then
    clickhouse_ready && { log "clickhouse: already running at $CLICKHOUSE_URL"; return 0; }
    die "clickhouse: port $REDLINE_CLICKHOUSE_HTTP_PORT is taken by something that is not a working ClickHouse; free it or set REDLINE_CLICKHOUSE_HTTP_PORT"
  fi
  if port_open "$REDLINE_CLICKHOUSE_TCP_PORT"; then
    die "clickhouse: native port $REDLINE_CLICKHOUSE_TCP_PORT is taken; free it or set REDLINE_CLICKHOUSE_TCP_PORT"
  fi
  refuse_if_recorded_alive clickhouse "$CLICKHOUSE_PID_FILE" "--config-file=$CLICKHOUSE_CONFIG"
  clickhouse_install
  clickhouse_write_config

  log "clickhouse: starting on $CLICKHOUSE_URL (native 127.0.0.1:$REDLINE_CLICKHOUSE_TCP_PORT), logs in ${LOG_DIR#"$REDLINE_ROOT"/}/clickhouse*.log"
  # From the state folder, so nothing the server might write relative to its cwd lands in
  # the caller's directory (it keeps preprocessed configs under <path>/preprocessed_configs).
  (cd "$CLICKHOUSE_STATE_DIR" &&
    run_detached "$CLICKHOUSE_PID_FILE" "$LOG_DIR/clickhouse.out" "$(clickhouse_binary)" --config-file="$CLICKHOUSE_CONFIG")

  local pid waited=0
  pid="$(cat "$CLICKHOUSE_PID_FILE")"
  until clickhouse_ready; do
    if ! pid_matches "$pid" "--config-file=$CLICKHOUSE_CONFIG"; then
      show_log_tail "$LOG_DIR/clickhouse.out" "$LOG_DIR/clickhouse.err.log"
      rm -f "$CLICKHOUSE_PID_FILE"
      die "clickhouse: server process $pid exited during start-up (logs above)"
    fi
    if ((waited >= REDLINE_CLICKHOUSE_START_TIMEOUT_S * 5)); then
      show_log_tail "$LOG_DIR/clickhouse.out" "$LOG_DIR/clickhouse.err.log"
      die "clickhouse: not ready within ${REDLINE_CLICKHOUSE_START_TIMEOUT_S}s (REDLINE_CLICKHOUSE_START_TIMEOUT_S); pid $pid left running for inspection, stop it with deploy/local/down.sh clickhouse"
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
  log "clickhouse: up (pid $pid, $(curl -s -m 5 --data-binary 'SELECT version()' "$CLICKHOUSE_URL/"))"
}

clickhouse_down() {
  stop_pid_file clickhouse "$CLICKHOUSE_PID_FILE" "--config-file=$CLICKHOUSE_CONFIG"
}

clickhouse_status() {
  if clickhouse_ready; then
    printf '%-11s up    %s (native 127.0.0.1:%s)\n' clickhouse "$CLICKHOUSE_URL" "$REDLINE_CLICKHOUSE_TCP_PORT"
    return 0
  fi
  printf '%-11s down  %s (native 127.0.0.1:%s)\n' clickhouse "$CLICKHOUSE_URL" "$REDLINE_CLICKHOUSE_TCP_PORT"
  return 1
}
