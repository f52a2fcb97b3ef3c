#!/usr/bin/env bash
# /metrics under load: wrk on loopback against the sidecar of bench/sidecar.sh (8 simulated GPUs + cpu, 100 log
# lines/s), 50 connections for 30 s then 200 for 60 s. Targets: p99 <= 5 ms, no errors (socket or non-2xx).
# wrk and the sidecar share this machine's cores, so the client's own CPU is in the figures.
# Usage: bench/metrics-load.sh [C1=50 D1=30 C2=200 D2=60]   Env: PORT, WRK_THREADS (2). Bounded: ~D1 + D2 + 20 s.
set -euo pipefail
source "$(dirname "$0")/sidecar-lib.sh"
C1=${1:-50}; D1=${2:-30}; C2=${3:-200}; D2=${4:-60}
THREADS=${WRK_THREADS:-2}
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }; }
trap bench_cleanup EXIT; trap 'exit 130' INT TERM
bench_build

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start_log_writer
start_sidecar
scrape_bytes=$(curl -sf "$URL" | wc -c)
rows=()
run_wrk() {  # connections, seconds
  local c=$1 d=$2 t0 t1 k0 k1 line
  k0=$(cpu_ticks "$SIDECAR_PID"); t0=$(now_ns)
  line=$(wrk -t"$THREADS" -c"$c" -d"${d}s" --timeout 2s --latency -s "$(dirname "$0")/wrk-report.lua" "$URL" \
    | tee "$BENCH_DIR/wrk-$c.txt" | grep '^WRK ')
  k1=$(cpu_ticks "$SIDECAR_PID"); t1=$(now_ns)
  eval "$(sed 's/^WRK //' <<<"$line")"   # requests= rps= p50_ms= ... as shell variables
  local errs=$((connect + read + write + status + timeout))
  local cpu; cpu=$(awk -v t=$((k1 - k0)) -v hz="$HZ" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", 100 * t / hz / (ns / 1e9) }')
  local us; us=$(awk -v t=$((k1 - k0)) -v hz="$HZ" -v n="$requests" 'BEGIN { printf "%.0f", n ? 1e6 * t / hz / n : 0 }')
  rows+=("$(printf '%5s %4ss %9s %8s %8s %8s %8s %6s %8s%% %7s %8.1f' "$c" "$d" "$requests" "$rps" "$p50_ms" \
    "$p99_ms" "$max_ms" "$errs" "$cpu" "$us" "$(awk -v k="$(rss_kb "$SIDECAR_PID")" 'BEGIN { print k / 1024 }')")")
  [[ $errs == 0 ]] || echo "errors at $c connections: connect=$connect read=$read write=$write status=$status timeout=$timeout" >&2
}
run_wrk "$C1" "$D1"
run_wrk "$C2" "$D2"
stop_sidecar

echo "--- $(nproc) cpu(s), wrk -t$THREADS, load avg before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- $URL: $scrape_bytes bytes per scrape (Prometheus text); targets: p99 <= 5 ms, 0 errors"
printf '%5s %5s %9s %8s %8s %8s %8s %6s %9s %7s %8s\n' conns time requests req/s p50_ms p99_ms max_ms errors \
  "jvm cpu" "us/req" "RSS MB"
printf '%s\n' "${rows[@]}"
echo "--- sidecar exit status on SIGTERM: $STOP_RC (took $STOP_S s)"
