# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings here are used by the files that source this one
# Shared settings and helpers for deploy/local/{up,down,status}.sh. Sourced, not run.
# Every setting has a default and can be overridden from the environment.

REDLINE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
DEPLOY_DIR="$REDLINE_ROOT/deploy/local"
# A second stack (the fault suite's, which it may stop and start) lives in its own folder on other ports.
LOCAL_DIR="${REDLINE_LOCAL_DIR:-$REDLINE_ROOT/.local}"
CACHE_DIR="$REDLINE_ROOT/.cache"
LOG_DIR="$LOCAL_DIR/logs"

REDLINE_KAFKA_VERSION="${REDLINE_KAFKA_VERSION:-4.1.2}"
REDLINE_KAFKA_PORT="${REDLINE_KAFKA_PORT:-9092}"
REDLINE_KAFKA_CONTROLLER_PORT="${REDLINE_KAFKA_CONTROLLER_PORT:-9093}"
# The port clients are told to connect to: a TCP proxy's in front of the broker, so they cannot reconnect around it.
REDLINE_KAFKA_ADVERTISED_PORT="${REDLINE_KAFKA_ADVERTISED_PORT:-$REDLINE_KAFKA_PORT}"
REDLINE_KAFKA_HEAP_OPTS="${REDLINE_KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"
REDLINE_KAFKA_START_TIMEOUT_S="${REDLINE_KAFKA_START_TIMEOUT_S:-120}"
REDLINE_CLICKHOUSE_HTTP_PORT="${REDLINE_CLICKHOUSE_HTTP_PORT:-8123}"
REDLINE_CLICKHOUSE_TCP_PORT="${REDLINE_CLICKHOUSE_TCP_PORT:-9000}"
REDLINE_CLICKHOUSE_START_TIMEOUT_S="${REDLINE_CLICKHOUSE_START_TIMEOUT_S:-60}"
REDLINE_STOP_TIMEOUT_S="${REDLINE_STOP_TIMEOUT_S:-30}"

log() { printf '[stack] %s\n' "$*"; }
warn() { printf '[stack] %s\n' "$*" >&2; }
die() { printf '[stack] error: %s\n' "$*" >&2; exit 1; }

# require_cmd <command> <what to install>
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' not found; install $2"
}

# apt_install [--with-recommends] <name> <what to do without apt> <debian package>...: installs the
# packages with apt (root only; says the sudo line otherwise), without their recommended packages
# unless asked. The caller checks before that they are missing and after that they work.
apt_install() {
  local recommends=--no-install-recommends
  if [[ "$1" == --with-recommends ]]; then recommends=--install-recommends; shift; fi
  local name=$1 manual=$2
  shift 2
  require_cmd apt-get "$manual"
  [[ "$(id -u)" == 0 ]] || die "$name: missing; run as root or: sudo apt-get install -y $recommends $*"
  log "$name: installing Debian's $*"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$recommends" "$@" >/dev/null
}

# stop_packaged_service <service>: a package's postinst may start its system-wide service (where
# policy-rc.d allows it); this stack runs its own processes, so that one is stopped.
stop_packaged_service() {
  if command -v invoke-rc.d >/dev/null 2>&1; then
    invoke-rc.d "$1" stop >/dev/null 2>&1 || true
  fi
}

# True when something accepts TCP connections on 127.0.0.1:<port>. This, not a pid file,
# decides "already running": a pid file survives crashes and reboots, a listener does not.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The command line of <pid> with NULs as spaces, or nothing when there is no such process.
pid_cmdline() {
  if [[ -r "/proc/$1/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true
  fi
}

# pid_matches <pid> <fixed string>: the process is alive and its command line contains the
# string, so a recycled pid is never signalled.
pid_matches() {
  local cmd
  cmd="$(pid_cmdline "$1")"
  [[ -n "$cmd" && "$cmd" == *"$2"* ]]
}

# stop_pid_file <name> <pid file> <command line marker>: stop exactly the process up.sh
# started and recorded, SIGTERM first, SIGKILL after REDLINE_STOP_TIMEOUT_S.
stop_pid_file() {
  local name="$1" pid_file="$2" marker="$3" pid waited=0
  if [[ ! -f "$pid_file" ]]; then
    log "$name: not started by up.sh (no $pid_file), nothing to stop"
    return 0
  fi
  pid="$(tr -dc '0-9' <"$pid_file")"
  # A caller that stops only what it started names that pid (the fault suite): one recorded since by
  # someone else's up.sh on the same folder is theirs, and stays up.
  if [[ -n "${REDLINE_STOP_PID:-}" && "$pid" != "$REDLINE_STOP_PID" ]]; then
    log "$name: recorded pid ${pid:-?} is not pid $REDLINE_STOP_PID, the one asked for; left running"
    return 0
  fi
  if [[ -z "$pid" ]] || ! pid_matches "$pid" "$marker"; then
    log "$name: recorded pid ${pid:-?} is not a running '$marker' process; removing stale pid file"
    rm -f "$pid_file"
    return 0
  fi
  log "$name: stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  while pid_matches "$pid" "$marker" && ((waited < REDLINE_STOP_TIMEOUT_S * 10)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if pid_matches "$pid" "$marker"; then
    warn "$name: pid $pid still alive after ${REDLINE_STOP_TIMEOUT_S}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$pid_file"
  log "$name: stopped"
}

# show_log_tail <file>...: the last lines of each log that exists, for failed starts.
show_log_tail() {
  local f
  for f in "$@"; do
    [[ -s "$f" ]] || continue
    warn "---- last lines of $f ----"
    tail -n 40 "$f" >&2
  done
}

# refuse_if_recorded_alive <name> <pid file> <marker>: a process up.sh started is still alive
# although its port is silent (hung, or started on other ports). Starting another would
# overwrite its pid file and leave it unstoppable by down.sh, so stop here instead.
refuse_if_recorded_alive() {
  local name="$1" pid_file="$2" marker="$3" pid
  [[ -f "$pid_file" ]] || return 0
  pid="$(tr -dc '0-9' <"$pid_file")"
  if [[ -n "$pid" ]] && pid_matches "$pid" "$marker"; then
    die "$name: pid $pid, started earlier by up.sh, is alive but not answering on the configured port; run deploy/local/down.sh $name first (same REDLINE_* settings)"
  fi
}

# run_detached <pid file> <stdout file> <command...>: start a server in its own session so it
# outlives this shell and ignores the terminal's Ctrl-C, and record its pid once that pid runs
# the command itself.
run_detached() {
  local pid_file="$1" out_file="$2" pid waited=0
  shift 2
  # 9>&- : the stack lock fd must not be inherited, or the server would hold the lock forever.
  nohup setsid "$@" >"$out_file" 2>&1 </dev/null 9>&- &
  pid=$!
  # $! is a fork of this shell until it has exec'd nohup, setsid and then the server: for that
  # while its command line is this script's, then nohup's, and empty mid-exec. Checks by command
  # line (pid_matches) would take the starting server for a dead one, and up.sh would give up on
  # it and forget its pid while it went on starting (the faults-stack-stop flake, #17).
  while [[ "$(pid_cmdline "$pid")" != "$* " ]] && kill -0 "$pid" 2>/dev/null && ((waited < 300)); do
    sleep 0.05
    waited=$((waited + 1))
  done
  echo "$pid" >"$pid_file"
}
