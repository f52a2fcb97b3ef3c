#!/usr/bin/env bash
# Ingest with one step per request, the case bench/ingest.sh's batches hide: wrk (apt if missing) POSTs single JSON
# lines to /api/v1/steps of the sidecar started by the launcher (bench/sidecar.sh setup, ingest on), C connections
# for D seconds. Prints requests (= steps) per second, p50/p99 latency, non-202 answers, and the steps the agent
# counted (steps + steps_replayed from /api/v1/run): at least the requests wrk completed and at most C more (the
# requests in flight when wrk stops still reach the agent), and the busiest sidecar threads. Target: >= 20k steps/s.
# The launcher's C1-only JIT bounds this path; JOULEBIT_JAVA_OPTS=-XX:TieredStopAtLevel=4 measures it with C2.
# Usage: bench/ingest-wrk.sh [C=16] [D=15]   Env: PORT, WRK_THREADS (2), STORE (1: the run store on, as deployed).
# Bounded: ~D + 15 s.
set -euo pipefail
source "$(dirname "$0")/sidecar-lib.sh"
C=${1:-16}; D=${2:-15}; THREADS=${WRK_THREADS:-2}
export INGEST_TOKEN=bench-ingest-token-0123456789
need wrk /usr/bin/wrk wrk
trap bench_cleanup EXIT; trap 'exit 130' INT TERM
bench_build
SIDECAR_CONFIG=$BENCH_DIR/ingest.yaml
awk -v t="$INGEST_TOKEN" '{ print } /^progress:/ { print "  ingest:\n    token: " t }' \
  "$ROOT/config/bench/sidecar.yaml" >"$SIDECAR_CONFIG"
if [[ ${STORE:-1} == 1 ]]; then with_store "$SIDECAR_CONFIG" "$BENCH_DIR/ingest-store.yaml"; SIDECAR_CONFIG=$BENCH_DIR/ingest-store.yaml; fi
: >"$BENCH_DIR/train.log"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start_sidecar
api="http://127.0.0.1:$PORT/api/v1"
counted() { curl -sf "$api/run" | python3 -c 'import json,sys; r = json.load(sys.stdin); print(r["steps"] + r["steps_replayed"])'; }
before=$(counted)
k0=$(cpu_ticks "$SIDECAR_PID"); thread_ns "$SIDECAR_PID" >"$BENCH_DIR/threads0"; t0=$(now_ns)
line=$(WRK_REPORT_LUA="$ROOT/bench/wrk-report.lua" wrk -t"$THREADS" -c"$C" -d"${D}s" --timeout 2s --latency \
  -s "$ROOT/bench/ingest-one-step.lua" "http://127.0.0.1:$PORT" | grep '^WRK ')
k1=$(cpu_ticks "$SIDECAR_PID"); thread_ns "$SIDECAR_PID" >"$BENCH_DIR/threads1"; t1=$(now_ns)
eval "$(sed 's/^WRK //' <<<"$line")"
errors=$((connect + read + write + status + timeout))
sleep 2   # the accountant applies what is queued
after=$(counted)
echo "--- $(nproc) cpu(s), wrk -t$THREADS, store $([[ ${STORE:-1} == 1 ]] && echo on || echo off), load avg before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %5s %9s %8s %8s %8s %8s %7s %10s %7s\n' conns time requests steps/s p50_ms p99_ms max_ms errors counted us/step
printf '%-6s %4ss %9s %8s %8s %8s %8s %7s %10s %7.0f\n' "$C" "$D" "$requests" "$rps" "$p50_ms" "$p99_ms" "$max_ms" \
  "$errors" "$((after - before))" "$(awk -v t=$((k1 - k0)) -v hz="$HZ" -v n="$requests" 'BEGIN { print n ? 1e6 * t / hz / n : 0 }')"
echo "--- busiest sidecar threads while wrk ran (% of one core, from schedstat)"
busiest_threads "$BENCH_DIR/threads0" "$BENCH_DIR/threads1" $((t1 - t0))
stop_sidecar
got=$((after - before))
(( got >= requests && got <= requests + C && errors == 0 )) || {
  echo "lost or refused steps: counted $got for $requests completed requests (+ up to $C in flight), errors $errors" >&2
  exit 1; }
