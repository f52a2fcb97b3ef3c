#!/usr/bin/env bash
# /metrics under load: wrk on loopback against the sidecar of bench/sidecar.sh (8 simulated GPUs + cpu, 100 log
# lines/s). Three runs, one table:
#   saturated   C1 then C2 connections, each sending its next request as soon as the answer arrives (closed loop:
#               latency = connections / throughput, so this measures the box's ceiling, not the server's latency);
#   paced       C2 connections, each waiting a random 0..2*PACE ms between answer and next request (~C2*1000/PACE
#               req/s offered), once per PACE in PACES: the latency a fleet of scrapers sees. Target: p99 <= 5 ms,
#               0 errors;
#   reference   nginx (apt nginx-light if missing) serving the same bytes from a file, saturated at C2 connections,
#               same wrk, same cores: what any server reaches on this machine.
# wrk and the servers share this machine's cores, so the client's own CPU is in the figures.
# Usage: bench/metrics-load.sh [C1=50 D1=30 C2=200 D2=60 PACES="40 20"]   Env: PORT, WRK_THREADS (2).
# Bounded: ~D1 + (2 + number of PACES) * D2 + 20 s.
set -euo pipefail
source "$(dirname "$0")/sidecar-lib.sh"
C1=${1:-50}; D1=${2:-30}; C2=${3:-200}; D2=${4:-60}; PACES=${5:-40 20}
THREADS=${WRK_THREADS:-2}
NGINX_PORT=$((PORT + 1))
need wrk /usr/bin/wrk wrk
need nginx /usr/sbin/nginx nginx-light
trap bench_cleanup EXIT; trap 'exit 130' INT TERM
bench_build

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start_log_writer
start_sidecar
sleep 2
scrape_bytes=$(curl -sf "$URL" | wc -c)
rows=()
pids_ticks() { local p s=0; for p in "$@"; do s=$((s + $(cpu_ticks "$p"))); done; echo "$s"; }
pids_rss_mb() { local p s=0; for p in "$@"; do s=$((s + $(rss_kb "$p"))); done; awk -v k="$s" 'BEGIN { print k / 1024 }'; }
run_wrk() {  # label, url, connections, seconds, pace ms (0 = none), server pids...
  local label=$1 url=$2 c=$3 d=$4 pace=$5 t0 t1 k0 k1 line; shift 5
  k0=$(pids_ticks "$@"); t0=$(now_ns)
  line=$(WRK_DELAY_MS=$pace wrk -t"$THREADS" -c"$c" -d"${d}s" --timeout 2s --latency \
    -s "$(dirname "$0")/wrk-report.lua" "$url" | tee "$BENCH_DIR/wrk-$label-$c.txt" | grep '^WRK ')
  k1=$(pids_ticks "$@"); t1=$(now_ns)
  eval "$(sed 's/^WRK //' <<<"$line")"   # requests= rps= p50_ms= ... as shell variables
  local errs=$((connect + read + write + status + timeout))
  local cpu; cpu=$(awk -v t=$((k1 - k0)) -v hz="$HZ" -v ns=$((t1 - t0)) 'BEGIN { printf "%.0f", 100 * t / hz / (ns / 1e9) }')
  local us; us=$(awk -v t=$((k1 - k0)) -v hz="$HZ" -v n="$requests" 'BEGIN { printf "%.0f", n ? 1e6 * t / hz / n : 0 }')
  rows+=("$(printf '%-10s %5s %5s %4ss %9s %8s %8s %8s %8s %6s %8s%% %7s %8.1f' "$label" "$c" \
    "$([[ $pace == 0 ]] && echo - || echo "$pace")" "$d" "$requests" "$rps" "$p50_ms" "$p99_ms" "$max_ms" "$errs" \
    "$cpu" "$us" "$(pids_rss_mb "$@")")")
  [[ $errs == 0 ]] || echo "$label: errors at $c connections: connect=$connect read=$read write=$write status=$status timeout=$timeout" >&2
}
run_wrk saturated "$URL" "$C1" "$D1" 0 "$SIDECAR_PID"
run_wrk saturated "$URL" "$C2" "$D2" 0 "$SIDECAR_PID"
verdicts=()
for pace in $PACES; do
  run_wrk paced "$URL" "$C2" "$D2" "$pace" "$SIDECAR_PID"
  verdicts+=("$(awk -v p="$p99_ms" -v e=$((connect + read + write + status + timeout)) -v r="$rps" -v pace="$pace" \
    'BEGIN { printf "paced %s ms (%s req/s): p99 %s ms, %d errors: %s", pace, r, p, e, (p <= 5 && e == 0) ? "target met" : "target NOT met" }')")
done

# The reference: the same exposition as a static file, nginx with one worker per core, no access log.
mkdir -p "$BENCH_DIR/nginx/html"
curl -sf "$URL" >"$BENCH_DIR/nginx/html/metrics"
chmod a+rx "$BENCH_DIR" "$BENCH_DIR/nginx" "$BENCH_DIR/nginx/html"; chmod a+r "$BENCH_DIR/nginx/html/metrics"  # workers drop root
stop_sidecar
cat >"$BENCH_DIR/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $BENCH_DIR/nginx/nginx.pid;
error_log $BENCH_DIR/nginx/error.log;
daemon off;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:$NGINX_PORT; root $BENCH_DIR/nginx/html; default_type text/plain; } }
EOF
nginx -c "$BENCH_DIR/nginx/nginx.conf" -p "$BENCH_DIR/nginx" &
NGINX_PID=$!; BG_PIDS+=("$NGINX_PID")
until curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/metrics"; do
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$BENCH_DIR/nginx/error.log" >&2; exit 1; }; sleep 0.1
done
mapfile -t nginx_pids < <(echo "$NGINX_PID"; pgrep -P "$NGINX_PID")   # master + workers
run_wrk nginx "http://127.0.0.1:$NGINX_PORT/metrics" "$C2" "$D2" 0 "${nginx_pids[@]}"
kill "$NGINX_PID" 2>/dev/null || true

echo "--- $(nproc) cpu(s), wrk -t$THREADS, load avg before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- $URL: $scrape_bytes bytes per scrape (Prometheus text); paced target: p99 <= 5 ms, 0 errors"
printf '%-10s %5s %5s %5s %9s %8s %8s %8s %8s %6s %9s %7s %8s\n' run conns pace time requests req/s p50_ms p99_ms \
  max_ms errors "srv cpu" "us/req" "RSS MB"
printf '%s\n' "${rows[@]}"
echo "--- sidecar exit status on SIGTERM: $STOP_RC (took $STOP_S s)"
printf -- '--- %s\n' "${verdicts[@]}"
