#!/usr/bin/env bash
# The sidecar as deployed: agent/joulebit run with 8 simulated GPUs + cpu at 1 Hz, a jsonl log growing at 100 lines/s,
# the run store on (STORE=0: off) and one scrape per second on a kept-alive connection, as Prometheus scrapes. Beside
# it, on the same machine and the same 1 Hz scrapes, prometheus-node-exporter (apt if missing) as the reference a user
# compares with, and the JVM's floor (sidecar-lib.sh: the JDK's HTTP server alone, same launcher and flags). Measures
# launch -> first good /metrics (target <= 1.5 s, median of STARTS), then after WARM s of warm-up (JIT, heap sizing) CPU
# as % of one core over WINDOW s (target <= 0.5 %) with the busiest threads (/proc/PID/task/*/schedstat, ns), RSS (<=
# 128 MB), CPU per scrape, no DJL class or libtorch loaded, exit 0 on SIGTERM.
# Usage: bench/sidecar.sh [WINDOW=120] [STARTS=3] [WARM=60]   Env: PORT, LINES_PER_S (sidecar-lib.sh), STORE (1),
# NE_PORT (19100), FLOOR_PORT (19878), NMT (1: -XX:NativeMemoryTracking=summary, the summary printed at the end).
# Bounded: ~WARM + WINDOW + 30 s. Ends with issue 28's four figures against its goals (first scrape, RSS, CPU over the
# first minute, CPU steady), each beside the floor's and node_exporter's over the same seconds (the floor's starts
# interleaved with the sidecar's): on a shared machine compare within one run, not across runs.
set -euo pipefail
source "$(dirname "$0")/sidecar-lib.sh"
WINDOW=${1:-120}; STARTS=${2:-3}; WARM=${3:-60}
[[ ${NMT:-0} == 1 ]] && export JOULEBIT_JAVA_OPTS="${JOULEBIT_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary"
NE_PORT=${NE_PORT:-19100}; NE_URL="http://127.0.0.1:$NE_PORT/metrics"
need prometheus-node-exporter /usr/bin/prometheus-node-exporter prometheus-node-exporter
trap bench_cleanup EXIT; trap 'exit 130' INT TERM
bench_build
CONFIG=$ROOT/config/bench/sidecar.yaml
if [[ ${STORE:-1} == 1 ]]; then   # the bench config with the store as deployed: on, in this run's temp dir
  with_store "$CONFIG" "$BENCH_DIR/sidecar.yaml"
  CONFIG=$BENCH_DIR/sidecar.yaml
fi
export SIDECAR_CONFIG=$CONFIG
# A warm class-data archive of this config, as a deployed sidecar has from its first run (the launcher writes it at
# exit): in ~/.cache it would hold whatever run came first, e.g. one without the store, whose classes then load from jars.
export CACHE_DIRECTORY=$BENCH_DIR/cache

# SECONDS scrapes of URL, one per second on one kept-alive connection; one HTTP status per line to FILE.
scrapes() {  # url seconds file
  local i
  for ((i = 0; i < $2; i++)); do printf 'url = "%s"\noutput = "/dev/null"\n' "$1"; done >"$3.urls"
  curl -s --rate 1/s -w '%{http_code}\n' -K "$3.urls" >"$3" || true
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start_log_writer
readies=(); startup_cpus=(); floor_readies=()
start_sidecar; for ((i = 0; i < 10; i++)); do sleep 1; curl -sf -o /dev/null "$URL"; done; stop_sidecar   # its archive
start_floor; stop_floor   # the floor's archive
for ((i = 1; i < STARTS; i++)); do
  start_sidecar; readies+=("$READY_S"); startup_cpus+=("$(cpu_ticks "$SIDECAR_PID")"); stop_sidecar
  start_floor; floor_readies+=("$READY_S"); stop_floor
done
start_sidecar; readies+=("$READY_S")
ticks_ready=$(cpu_ticks "$SIDECAR_PID"); startup_cpus+=("$ticks_ready"); ts=$(now_ns)
start_floor; floor_readies+=("$READY_S"); f_ready=$(cpu_ticks "$FLOOR_PID"); tf=$(now_ns)
prometheus-node-exporter --web.listen-address="127.0.0.1:$NE_PORT" >"$BENCH_DIR/ne.out" 2>&1 &
NE_PID=$!; BG_PIDS+=("$NE_PID")
until curl -sf -o /dev/null "$NE_URL"; do kill -0 "$NE_PID" || { cat "$BENCH_DIR/ne.out" >&2; exit 1; }; sleep 0.1; done

tw=$(now_ns); nw0=$(cpu_ticks "$NE_PID")
scrapes "$URL" "$WARM" "$BENCH_DIR/warm.codes" & a=$!; scrapes "$FLOOR_URL" "$WARM" "$BENCH_DIR/fl-warm.codes" & b=$!
scrapes "$NE_URL" "$WARM" "$BENCH_DIR/ne-warm.codes"; wait "$a" "$b" || true
sleep 1
k0=$(cpu_ticks "$SIDECAR_PID"); f0=$(cpu_ticks "$FLOOR_PID"); n0=$(cpu_ticks "$NE_PID"); tw1=$(now_ns)
thread_ns "$SIDECAR_PID" >"$BENCH_DIR/threads0"; t0=$(now_ns)
scrapes "$URL" "$WINDOW" "$BENCH_DIR/sc.codes" & a=$!; scrapes "$FLOOR_URL" "$WINDOW" "$BENCH_DIR/fl.codes" & b=$!
scrapes "$NE_URL" "$WINDOW" "$BENCH_DIR/ne.codes"; wait "$a" "$b" || true
k1=$(cpu_ticks "$SIDECAR_PID"); n1=$(cpu_ticks "$NE_PID"); f1=$(cpu_ticks "$FLOOR_PID"); thread_ns "$SIDECAR_PID" >"$BENCH_DIR/threads1"; t1=$(now_ns)
rss=$(rss_kb "$SIDECAR_PID"); hwm=$(hwm_kb "$SIDECAR_PID"); ne_rss=$(rss_kb "$NE_PID"); f_rss=$(rss_kb "$FLOOR_PID")
body=$(curl -sf "$URL")
steps=$(metric_value joulebit_run_steps_total <<<"$body")
devices=$(grep -c '^joulebit_device_power_watts{' <<<"$body" || true)
store_up=$(metric_value joulebit_store_up <<<"$body")
# After the measurements: attaching jcmd starts threads in the target and would inflate RSS.
[[ ${NMT:-0} == 1 ]] && jcmd "$SIDECAR_PID" VM.native_memory summary >"$BENCH_DIR/nmt.txt" 2>&1
jcmd "$SIDECAR_PID" VM.class_hierarchy >"$BENCH_DIR/classes.txt" 2>&1 || true
classes=$(grep -c 'java\.lang\.Object' "$BENCH_DIR/classes.txt" || true)   # >= 1 proves the attach worked
listed=$(grep -c . "$BENCH_DIR/classes.txt" || true)
djl_classes=$(grep -c 'ai\.djl' "$BENCH_DIR/classes.txt" || true)
torch_maps=$(grep -c -i 'torch' "/proc/$SIDECAR_PID/maps" || true)
threads=$(awk '/^Threads:/ { print $2 }' "/proc/$SIDECAR_PID/status")
kill "$WRITER_PID"; WRITER_PID=""
stop_floor; stop_sidecar

pct() { awk -v t="$1" -v hz="$HZ" -v ns="$2" 'BEGIN { printf "%.3f", 100 * t / hz / (ns / 1e9) }'; }
fails=$(grep -vc '^200$' "$BENCH_DIR/sc.codes" || true); ok=$(grep -c '^200$' "$BENCH_DIR/sc.codes" || true)
ne_fails=$(grep -vc '^200$' "$BENCH_DIR/ne.codes" || true); ne_ok=$(grep -c '^200$' "$BENCH_DIR/ne.codes" || true)
cpu_pct=$(pct $((k1 - k0)) $((t1 - t0))); ne_pct=$(pct $((n1 - n0)) $((t1 - t0))); f_pct=$(pct $((f1 - f0)) $((t1 - t0)))
warm_pct=$(pct $((k0 - ticks_ready)) $((tw1 - ts))); f_warm_pct=$(pct $((f0 - f_ready)) $((tw1 - tf)))
f_fails=$(grep -vc '^200$' "$BENCH_DIR/fl.codes" || true); f_ok=$(grep -c '^200$' "$BENCH_DIR/fl.codes" || true)
per_scrape() { awk -v t="$1" -v hz="$HZ" -v n="$2" 'BEGIN { printf "%.0f", n ? 1e6 * t / hz / n : 0 }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
ready_med=$(median "${readies[@]}"); ready_min=$(printf '%s\n' "${readies[@]}" | sort -g | head -1)
f_ready_min=$(printf '%s\n' "${floor_readies[@]}" | sort -g | head -1)
startup_cpu=$(awk -v t="$(median "${startup_cpus[@]}")" -v hz="$HZ" 'BEGIN { printf "%.2f", t / hz }')
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
echo "--- $(nproc) cpu(s), load avg before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- store $([[ ${STORE:-1} == 1 ]] && echo "on (joulebit_store_up ${store_up:-absent})" || echo off); warm-up ${WARM} s, measured ${WINDOW} s"
printf '%-44s %12s  %s\n' "figure" "measured" "target"
printf '%-44s %10s s  %s\n' "launch -> first /metrics 200, median of $STARTS" "$ready_med" "<= 1.5 s (min $ready_min s)"
printf '%-44s %10s s\n' "CPU time used by then (user+sys), median" "$startup_cpu"
printf '%-44s %9s MB  %s\n' "RSS at the end" "$(mb "$rss")" "<= 128 MB"
printf '%-44s %9s MB\n' "peak RSS (VmHWM)" "$(mb "$hwm")"
printf '%-44s %10s %%  %s\n' "CPU over the ${WARM} s warm-up (% of one core)" "$warm_pct" "(JIT compiling the 1 Hz paths)"
printf '%-44s %10s %%  %s\n' "CPU over the next ${WINDOW} s (% of one core)" "$cpu_pct" "<= 0.5 % (100 lines/s, 1 Hz x 9 devices, 1 scrape/s)"
printf '%-44s %12s\n' "JVM threads" "$threads"
printf '%-44s %12s\n' "steps counted (~${LINES_PER_S}/s)" "${steps:-absent}"
printf '%-44s %12s\n' "devices exported" "$devices"
printf '%-44s %12s  %s\n' "failed scrapes (of $((ok + fails)))" "$fails" "0"
printf '%-44s %12s  %s\n' "ai.djl classes / torch mappings" "$djl_classes / $torch_maps" "0 / 0 (jcmd listed $listed classes)"
printf '%-44s %12s  %s\n' "exit status on SIGTERM (took ${STOP_S} s)" "$STOP_RC" "0"
echo "--- busiest sidecar threads over the window (% of one core, from schedstat)"
busiest_threads "$BENCH_DIR/threads0" "$BENCH_DIR/threads1" $((t1 - t0))
echo "--- side by side, same window, same 1 Hz kept-alive scrapes"
printf '%-34s %9s %11s %12s %8s %8s\n' process "RSS MB" "CPU %" "us CPU/scrape" scrapes failed
printf '%-34s %9s %11s %12s %8s %8s\n' "joulebit sidecar (all its work)" "$(mb "$rss")" "$cpu_pct" \
  "$(per_scrape $((k1 - k0)) "$ok")" "$ok" "$fails"
printf '%-34s %9s %11s %12s %8s %8s\n' "node_exporter $(prometheus-node-exporter --version 2>&1 | awk 'NR == 1 { print $3 }') (defaults)" \
  "$(mb "$ne_rss")" "$ne_pct" "$(per_scrape $((n1 - n0)) "$ne_ok")" "$ne_ok" "$ne_fails"
printf '%-34s %9s %11s %12s %8s %8s\n' "the JVM's floor (JDK HTTP server)" "$(mb "$f_rss")" "$f_pct" \
  "$(per_scrape $((f1 - f0)) "$f_ok")" "$f_ok" "$f_fails"
ne_warm_pct=$(pct $((n0 - nw0)) $((tw1 - tw)))
verdict() { awk -v m="$1" -v g="$2" 'BEGIN { print (m <= g ? "ok" : "OVER") }'; }
echo "--- issue 28's goals (the floor and node_exporter over the same seconds, same 1 Hz scrapes)"
row() { printf '%-44s %10s    %-8s %-5s %-12s %s\n' "$@"; }
row figure measured goal "" "JVM floor" node_exporter
row "first /metrics after exec (min of $STARTS)" "$ready_min s" "0.5 s" "$(verdict "$ready_min" 0.5)" "$f_ready_min s" ""
row "RSS after $((WARM + WINDOW)) s" "$(mb "$rss") MB" "56 MB" "$(verdict "$(mb "$rss")" 56)" "$(mb "$f_rss") MB" \
  "$(mb "$ne_rss") MB"
row "CPU first ${WARM} s after ready (% of a core)" "$warm_pct %" "0.6 %" "$(verdict "$warm_pct" 0.6)" "$f_warm_pct %" \
  "$ne_warm_pct %"
row "CPU steady, next ${WINDOW} s" "$cpu_pct %" "0.25 %" "$(verdict "$cpu_pct" 0.25)" "$f_pct %" "$ne_pct %"
if [[ ${NMT:-0} == 1 ]]; then echo "--- NMT summary (committed)"; grep -E '^-|^Total|^ *- ' "$BENCH_DIR/nmt.txt" | grep -v '^ *$' || true; fi
[[ "$STOP_RC" == 0 && "$djl_classes" == 0 && "$torch_maps" == 0 && "$fails" == 0 && "$f_fails" == 0 && "$classes" -ge 1 ]]
