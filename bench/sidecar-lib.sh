# Shared by bench/sidecar.sh, metrics-load.sh and node-exporter-compare.sh (source it; bash only).
# Starts `agent/joulebit run` (the launcher's own JVM flags) with config/bench/sidecar.yaml: 8 simulated GPUs + cpu at
# 1 Hz, following a jsonl log that a writer appends at LINES_PER_S. Callers set a trap that calls bench_cleanup.
# Env: PORT (19877), LINES_PER_S (100), BENCH_DIR (a fresh mktemp -d), SIDECAR_CONFIG (config/bench/sidecar.yaml).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT=${PORT:-19877}
LINES_PER_S=${LINES_PER_S:-100}
BENCH_DIR=${BENCH_DIR:-$(mktemp -d /tmp/joulebit-bench.XXXXXX)}
URL="http://127.0.0.1:$PORT/metrics"
HZ=$(getconf CLK_TCK)
SIDECAR_PID=""
WRITER_PID=""
BG_PIDS=()

now_ns() { date +%s%N; }
# need CMD PATH PACKAGE: installs the apt PACKAGE unless CMD is on PATH or PATH is executable.
need() { command -v "$1" >/dev/null || [[ -x "$2" ]] || { apt-get install -y "$3" >/dev/null \
  || { apt-get update >/dev/null && apt-get install -y "$3" >/dev/null; }; }; }

# The launcher rebuilds with a networked `mvn package` when stale; build offline here first so it never does.
bench_build() {
  local jar="$ROOT/target/joulebit.jar"
  if [[ ! -f "$jar" || ! -d "$ROOT/target/lib" || -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" -newer "$jar" -print -quit)" ]]; then
    (cd "$ROOT" && mvn -o -B -q -DskipTests package) >&2
  fi
}

# 100 lines/s as 10 lines every 0.1 s (one `sleep` fork per batch keeps the writer itself light).
start_log_writer() {
  local log=$BENCH_DIR/train.log per=$((LINES_PER_S / 10))
  : >"$log"
  (
    step=0
    while :; do
      for ((i = 0; i < per; i++)); do
        step=$((step + 1))
        printf '{"step": %d, "loss": %d.%04d, "tokens": %d, "lr": 0.0003}\n' \
          "$step" $((2 + 8000 / (1000 + step) )) $((step * 37 % 10000)) $((step * 524288))
      done >>"$log"
      sleep 0.1
    done
  ) &
  WRITER_PID=$!
}

# Starts the sidecar; sets SIDECAR_PID and READY_S (launch -> first 200 from /metrics). Fails after 30 s.
start_sidecar() {
  local t0; t0=$(now_ns); port_free "$URL"
  "$ROOT/agent/joulebit" run --config "${SIDECAR_CONFIG:-$ROOT/config/bench/sidecar.yaml}" --log "$BENCH_DIR/train.log" \
    --params 124000000 --listen "127.0.0.1:$PORT" >"$BENCH_DIR/sidecar.out" 2>&1 &
  SIDECAR_PID=$!
  await_answer "$URL" "$SIDECAR_PID" "$BENCH_DIR/sidecar.out" "$t0"
}

# Fails when something already answers URL (a process left over from an earlier run would be timed instead).
port_free() { ! curl -s -o /dev/null "$1" || { echo "something already answers $1" >&2; return 1; }; }

# await_answer URL PID OUT T0_NS: waits for a 200 from URL while PID lives (30 s at most); sets READY_S since T0_NS.
await_answer() {
  local deadline=$(($4 + 30000000000))
  # Every 10 ms: a curl loop with no pause forks curl after curl and takes a core from the JVM it is timing.
  until curl -sf -o /dev/null "$1"; do
    if ! kill -0 "$2" 2>/dev/null || (( $(now_ns) > deadline )); then
      echo "pid $2 did not serve $1; its output:" >&2; cat "$3" >&2; return 1
    fi
    sleep 0.01
  done
  READY_S=$(awk -v d=$(($(now_ns) - $4)) 'BEGIN { printf "%.3f", d / 1e9 }')
}

# The JVM's floor (bench/floor/FloorServer: the JDK's HTTP server answering FLOOR_LINES lines, 100 being the bench
# sidecar's ~7.4 KB, and nothing else), started by the same launcher with every flag of `run` and a class-data archive
# of its own: the launcher runs a JAVA that swaps `-jar joulebit.jar run ...` for the floor. Sets FLOOR_PID, READY_S.
FLOOR_PORT=${FLOOR_PORT:-19878}
FLOOR_URL="http://127.0.0.1:$FLOOR_PORT/metrics"
FLOOR_PID=""
start_floor() {
  local t0 f=$BENCH_DIR/floor
  if [[ ! -x $f/java ]]; then
    mkdir -p "$f"
    # A jar: the class-data archive refuses a directory on the class path. Its warning (sun.misc.Signal) is expected.
    javac -d "$f/classes" "$ROOT/bench/floor/FloorServer.java" 2>"$f/javac.err" || { cat "$f/javac.err" >&2; return 1; }
    jar cf "$f/floor.jar" -C "$f/classes" .
    cat >"$f/java" <<EOF
#!/usr/bin/env bash
a=(); while ((\$#)); do [[ \$1 == -jar ]] && break; a+=("\$1"); shift; done
exec "$(command -v "${JAVA:-java}")" "\${a[@]}" -cp "$f/floor.jar" FloorServer "$FLOOR_PORT" "${FLOOR_LINES:-100}"
EOF
    chmod +x "$f/java"
  fi
  t0=$(now_ns); port_free "$FLOOR_URL"
  JAVA=$f/java CACHE_DIRECTORY=$f/cache "$ROOT/agent/joulebit" run >"$f/out" 2>&1 &
  FLOOR_PID=$!
  await_answer "$FLOOR_URL" "$FLOOR_PID" "$f/out" "$t0"
}
stop_floor() { kill -TERM "$FLOOR_PID" 2>/dev/null || true; wait "$FLOOR_PID" || true; FLOOR_PID=""; }

# Copies config $1 to $2 with the run store on, in this run's temp dir (as deployed; the bench config has it off).
with_store() {
  awk -v p="$BENCH_DIR/store/joulebit.db" '/^store:/ { s = 1; print; next }
    s && /^  enabled:/ { print "  enabled: true"; print "  path: " p; s = 0; next } { print }' "$1" >"$2"
  grep -q "path: $BENCH_DIR/store" "$2" || { echo "could not turn the store on in $2" >&2; return 1; }
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }      # utime + stime, in clock ticks
jit_ticks() {  # CPU ticks of the JIT compiler threads (C1/C2), summed
  local t sum=0
  for t in /proc/"$1"/task/*; do
    [[ $(cat "$t/comm" 2>/dev/null) == C[12]\ Compiler* ]] && sum=$((sum + $(awk '{ print $14 + $15 }' "$t/stat")))
  done
  echo "$sum"
}
# Per-thread CPU (ns, schedstat) by thread name; busiest_threads A B NS prints the top 8 as % of one core.
thread_ns() { local t; for t in /proc/"$1"/task/*; do printf '%s\t%s\n' "$(cat "$t/comm")" "$(cut -d' ' -f1 "$t/schedstat")"; done; }
busiest_threads() {
  join -t $'\t' <(awk -F'\t' '{ a[$1] += $2 } END { for (k in a) print k "\t" a[k] }' "$1" | sort) \
    <(awk -F'\t' '{ a[$1] += $2 } END { for (k in a) print k "\t" a[k] }' "$2" | sort) \
    | awk -F'\t' -v ns="$3" '{ printf "%8.3f %%  %s\n", 100 * ($3 - $2) / ns, $1 }' | sort -rn | head -8
}
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
# First value of metric $1 (any labels) in the exposition text on stdin.
metric_value() { awk -v m="$1" 'index($1, m) == 1 && (substr($1, length(m) + 1, 1) ~ /^(\{|)$/) { print $NF; exit }'; }

# SIGTERM and wait; sets STOP_RC (the exit status) and STOP_S (seconds to exit, the final flush included).
stop_sidecar() {
  local t0
  t0=$(now_ns); STOP_RC=0
  kill -TERM "$SIDECAR_PID" 2>/dev/null || true
  wait "$SIDECAR_PID" || STOP_RC=$?
  STOP_S=$(awk -v d=$(($(now_ns) - t0)) 'BEGIN { printf "%.3f", d / 1e9 }')
  SIDECAR_PID=""
}

bench_cleanup() {
  local p
  for p in "$WRITER_PID" "$SIDECAR_PID" "$FLOOR_PID" "${BG_PIDS[@]}"; do
    [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  rm -rf "$BENCH_DIR"
}
