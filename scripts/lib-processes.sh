# Process helpers for the demo scripts: start a node program in the background
# with a pid file, decide "already running" by the pid's command line (not the
# file alone), and stop only the process the file names.
RUN_DIR="$ROOT/.local/run"
LOG_DIR="$ROOT/.local/logs"
mkdir -p "$RUN_DIR" "$LOG_DIR"

# is_ours NAME: the pid in NAME's file is alive and still runs NAME's program.
is_ours() {
  local pidfile="$RUN_DIR/$1.pid" pid
  [[ -f $pidfile ]] || return 1
  pid=$(<"$pidfile")
  [[ -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

# start_program NAME SCRIPT [VAR=VALUE ...]: runs `node SCRIPT` with the variables.
start_program() {
  local name=$1 script=$2
  shift 2
  if is_ours "$name" "$script"; then
    echo "  $name: already running (pid $(<"$RUN_DIR/$name.pid"))"
    return 0
  fi
  env "$@" nohup node "$ROOT/$script" >>"$LOG_DIR/$name.log" 2>&1 &
  echo $! >"$RUN_DIR/$name.pid"
  echo "  $name: started (pid $!, log .local/logs/$name.log)"
}

# stop_program NAME SCRIPT: SIGTERM, wait up to 30 s, then SIGKILL.
stop_program() {
  local name=$1 script=$2 pid
  if ! is_ours "$name" "$script"; then
    rm -f "$RUN_DIR/$name.pid"
    return 0
  fi
  pid=$(<"$RUN_DIR/$name.pid")
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "  $name: did not stop in 30 s; killing" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$RUN_DIR/$name.pid"
  echo "  $name: stopped"
}

# The demo's programs, in start order: name, compiled entry point, environment.
DEMO_TOKEN="demo-inspector-token"
# Signs in to the console without the review buttons (issue 18).
DEMO_READER_TOKEN="demo-reader-token"
DEMO_TOKENS="demo:inspector:$DEMO_TOKEN,demo-reader:reader:$DEMO_READER_TOKEN"
CONSOLE_URL="http://127.0.0.1:7080"
DEMO_PROGRAMS=(
  "demo-platform tools/demo-platform/dist/main.js REDLINE_DEMO_PLATFORM_ADDRESS=127.0.0.1:7000"
  "risk-engine services/risk-engine/dist/main.js REDLINE_ENGINE_ACCOUNT_ACTIVITY=true REDLINE_ENGINE_READ_ACCOUNT_RISK=true"
  "crew-detector services/crew-detector/dist/main.js"
  "action-dispatcher services/action-dispatcher/dist/main.js REDLINE_CONTROL_PLANE_ADDRESS=127.0.0.1:7000"
  "alert-gateway services/alert-gateway/dist/main.js REDLINE_GATEWAY_TOKENS=$DEMO_TOKENS"
  "archiver services/archiver/dist/main.js"
  "inspector-console services/inspector-console/dist/main.js REDLINE_GATEWAY_TOKENS=$DEMO_TOKENS REDLINE_CONSOLE_ADDRESS=127.0.0.1:7080 REDLINE_CONSOLE_GATEWAY_ADDRESS=127.0.0.1:7070"
  "demo-feed tools/demo-feed/dist/main.js"
)
