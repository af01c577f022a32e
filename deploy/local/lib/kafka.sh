# shellcheck shell=bash
# Kafka part of the local stack: jars from Maven Central, KRaft storage, broker lifecycle.
# Sourced after common.sh.

KAFKA_HOME="$CACHE_DIR/kafka/$REDLINE_KAFKA_VERSION"
KAFKA_LIBS="$KAFKA_HOME/libs"
KAFKA_STATE_DIR="$LOCAL_DIR/kafka"
KAFKA_DATA_DIR="$KAFKA_STATE_DIR/data"
KAFKA_PROPERTIES="$KAFKA_STATE_DIR/server.properties"
KAFKA_PID_FILE="$KAFKA_STATE_DIR/kafka.pid"
KAFKA_BOOTSTRAP="127.0.0.1:$REDLINE_KAFKA_PORT"
KAFKA_TOOLS_JAVA_OPTS=(-Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$DEPLOY_DIR/kafka/log4j2-tools.xml")

kafka_resolve_jars() {
  # The marker is written last, so an interrupted copy is redone rather than trusted.
  [[ -f "$KAFKA_LIBS/.complete" ]] && return 0
  require_cmd mvn "Apache Maven 3.6+ (Debian: apt-get install -y maven)"
  log "kafka: resolving org.apache.kafka:kafka_2.13:$REDLINE_KAFKA_VERSION from Maven Central into ${KAFKA_LIBS#"$REDLINE_ROOT"/}"
  rm -rf "$KAFKA_LIBS"
  mkdir -p "$KAFKA_LIBS"
  mkdir -p "$LOG_DIR"
  if ! mvn -B -Dstyle.color=never -f "$DEPLOY_DIR/kafka/pom.xml" dependency:copy-dependencies \
    -Dkafka.version="$REDLINE_KAFKA_VERSION" -DoutputDirectory="$KAFKA_LIBS" >"$LOG_DIR/maven.log" 2>&1; then
    show_log_tail "$LOG_DIR/maven.log"
    die "kafka: Maven could not resolve the Kafka jars (full output in ${LOG_DIR#"$REDLINE_ROOT"/}/maven.log)"
  fi
  [[ -f "$KAFKA_LIBS/kafka_2.13-$REDLINE_KAFKA_VERSION.jar" ]] || die "kafka: kafka_2.13-$REDLINE_KAFKA_VERSION.jar missing after resolution"
  touch "$KAFKA_LIBS/.complete"
}

kafka_write_properties() {
  mkdir -p "$KAFKA_DATA_DIR" "$LOG_DIR"
  sed -e "s#@BROKER_PORT@#$REDLINE_KAFKA_PORT#g" \
      -e "s#@CONTROLLER_PORT@#$REDLINE_KAFKA_CONTROLLER_PORT#g" \
      -e "s#@ADVERTISED_PORT@#$REDLINE_KAFKA_ADVERTISED_PORT#g" \
      -e "s#@DATA_DIR@#$KAFKA_DATA_DIR#g" \
      "$DEPLOY_DIR/kafka/server.properties" >"$KAFKA_PROPERTIES"
}

kafka_format_storage() {
  # Formatted once; meta.properties holds the cluster id, and reformatting would lose data.
  if [[ -f "$KAFKA_DATA_DIR/meta.properties" ]]; then
    return 0
  fi
  local cluster_id
  cluster_id="$(java "${KAFKA_TOOLS_JAVA_OPTS[@]}" -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool random-uuid)"
  log "kafka: formatting KRaft storage in ${KAFKA_DATA_DIR#"$REDLINE_ROOT"/} (cluster id $cluster_id)"
  java "${KAFKA_TOOLS_JAVA_OPTS[@]}" -cp "$KAFKA_LIBS/*" kafka.tools.StorageTool format \
    --cluster-id "$cluster_id" --config "$KAFKA_PROPERTIES" --ignore-formatted >/dev/null \
    || die "kafka: StorageTool format failed"
}

# WaitReady compiled once per Kafka version (about a second faster per check than running
# the .java file as a single-file program); falls back to the source file without javac.
kafka_checker() {
  local classes="$KAFKA_HOME/classes" source="$DEPLOY_DIR/kafka/WaitReady.java"
  if command -v javac >/dev/null 2>&1; then
    if [[ ! -f "$classes/WaitReady.class" || "$source" -nt "$classes/WaitReady.class" ]]; then
      mkdir -p "$classes"
      javac -nowarn -d "$classes" -cp "$KAFKA_LIBS/*" "$source" >&2 || die "kafka: could not compile $source"
    fi
    echo WaitReady
  else
    echo "$source"
  fi
}

# kafka_wait_ready <pid or empty> <timeout s>: a real metadata round trip (WaitReady.java),
# giving up early when the broker process dies. Returns 0 ready, 1 timed out, 2 process died.
kafka_wait_ready() {
  local pid="$1" timeout_s="$2" checker rc=0
  local main
  main="$(kafka_checker)"
  java "${KAFKA_TOOLS_JAVA_OPTS[@]}" -cp "$KAFKA_LIBS/*:$KAFKA_HOME/classes" "$main" \
    "$KAFKA_BOOTSTRAP" "$((timeout_s * 1000))" &
  checker=$!
  while kill -0 "$checker" 2>/dev/null; do
    if [[ -n "$pid" ]] && ! pid_matches "$pid" "kafka.Kafka $KAFKA_PROPERTIES"; then
      kill "$checker" 2>/dev/null || true
      wait "$checker" 2>/dev/null || true
      return 2
    fi
    sleep 0.2
  done
  wait "$checker" || rc=$?
  return "$rc"
}

kafka_up() {
  require_cmd java "a Java 17+ runtime (Debian: apt-get install -y openjdk-17-jdk-headless)"
  if port_open "$REDLINE_KAFKA_PORT"; then
    kafka_resolve_jars
    if kafka_wait_ready "" 15 >/dev/null; then
      log "kafka: already running at $KAFKA_BOOTSTRAP"
      return 0
    fi
    die "kafka: port $REDLINE_KAFKA_PORT is taken by something that does not answer Kafka metadata requests; free it or set REDLINE_KAFKA_PORT"
  fi
  if port_open "$REDLINE_KAFKA_CONTROLLER_PORT"; then
    die "kafka: controller port $REDLINE_KAFKA_CONTROLLER_PORT is taken; free it or set REDLINE_KAFKA_CONTROLLER_PORT"
  fi
  refuse_if_recorded_alive kafka "$KAFKA_PID_FILE" "kafka.Kafka $KAFKA_PROPERTIES"
  kafka_resolve_jars
  kafka_write_properties
  kafka_format_storage

  log "kafka: starting $REDLINE_KAFKA_VERSION on $KAFKA_BOOTSTRAP (controller 127.0.0.1:$REDLINE_KAFKA_CONTROLLER_PORT), logs in ${LOG_DIR#"$REDLINE_ROOT"/}/kafka.log"
  # shellcheck disable=SC2086 # heap options are a list of JVM flags
  run_detached "$KAFKA_PID_FILE" "$LOG_DIR/kafka.out" \
    java $REDLINE_KAFKA_HEAP_OPTS -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent \
    -Djava.awt.headless=true \
    -Dkafka.logs.dir="$LOG_DIR" \
    -Dlog4j2.configurationFile="$DEPLOY_DIR/kafka/log4j2.xml" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPERTIES"

  local pid rc=0
  pid="$(cat "$KAFKA_PID_FILE")"
  kafka_wait_ready "$pid" "$REDLINE_KAFKA_START_TIMEOUT_S" || rc=$?
  if ((rc == 2)); then
    show_log_tail "$LOG_DIR/kafka.out" "$LOG_DIR/kafka.log"
    rm -f "$KAFKA_PID_FILE"
    die "kafka: broker process $pid exited during start-up (logs above, full ones in ${LOG_DIR#"$REDLINE_ROOT"/})"
  elif ((rc != 0)); then
    show_log_tail "$LOG_DIR/kafka.out" "$LOG_DIR/kafka.log"
    die "kafka: not ready within ${REDLINE_KAFKA_START_TIMEOUT_S}s (REDLINE_KAFKA_START_TIMEOUT_S); pid $pid left running for inspection, stop it with deploy/local/down.sh kafka"
  fi
  log "kafka: up (pid $pid)"
}

kafka_down() {
  stop_pid_file kafka "$KAFKA_PID_FILE" "kafka.Kafka $KAFKA_PROPERTIES"
}

kafka_status() {
  if port_open "$REDLINE_KAFKA_PORT"; then
    printf '%-11s up    %s\n' kafka "$KAFKA_BOOTSTRAP"
    return 0
  fi
  printf '%-11s down  %s\n' kafka "$KAFKA_BOOTSTRAP"
  return 1
}
