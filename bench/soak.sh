#!/usr/bin/env bash
# Soak: the sidecar with 8 GPUs sampled at 10 Hz (simulated source), a log growing at 1,000 lines/s and a scrape every
# second, for DURATION seconds (default 600), started by the launcher as deployed. Every 30 s it records RSS, threads
# and open file descriptors; after a minute and at the end the heap still live after a full GC (jcmd); at the end it
# prints first/last and the growth, and checks the agent stops cleanly on SIGTERM.
# Usage: bench/soak.sh [duration_seconds=600]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-600}
[ -f target/joulebit.jar ] || mvn -o -B -q -DskipTests package >&2
work=$(mktemp -d); port=19878
cleanup() { kill "$writer" 2>/dev/null || true; kill "$agent" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
cat > "$work/agent.yaml" <<YAML
sampling: {interval: 100ms}
sources:
  mode: explicit
  simulated:
    enabled: true
    devices: [{name: gpu0, kind: gpu, watts: 700}, {name: gpu1, kind: gpu, watts: 700}, {name: gpu2, kind: gpu, watts: 700},
              {name: gpu3, kind: gpu, watts: 700}, {name: gpu4, kind: gpu, watts: 700}, {name: gpu5, kind: gpu, watts: 700},
              {name: gpu6, kind: gpu, watts: 700}, {name: gpu7, kind: gpu, watts: 700}]
  estimate: {enabled: false}
  rapl: {enabled: false}
  nvml: {enabled: false}
  nvidia_smi: {enabled: false}
  oshi: {enabled: false}
progress: {log: {path: $work/train.jsonl}}
export: {listen: "127.0.0.1:$port"}
store: {path: $work/store.db}
YAML
: > "$work/train.jsonl"
# 1,000 lines/s in bursts of 100 every 0.1 s
( i=0; while :; do for _ in $(seq 100); do i=$((i+1)); echo "{\"step\": $i, \"loss\": 3.5, \"tokens\": $((i*4096))}"; done >> "$work/train.jsonl"; sleep 0.1; done ) &
writer=$!
agent/joulebit run --config "$work/agent.yaml" --run-id soak > "$work/agent.log" 2>&1 &   # the deployed JVM flags
agent=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.1; done
echo "load at start: $(uptime)"
LIVE_AT=$(( DURATION < 120 ? DURATION / 2 : 60 ))
# Heap still reachable: jcmd forces a full GC, then reads the used heap (what a leak would grow).
live_heap() { jcmd "$agent" GC.run >/dev/null 2>&1; jcmd "$agent" GC.heap_info 2>/dev/null \
  | awk '/total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); u += v } } END { printf "%.1f", u / 1024 }'; }
printf "%6s %9s %8s %5s %10s\n" "t(s)" "RSS(MB)" "threads" "fds" "steps"
start=$(date +%s); next=0; rows=()
while :; do
  now=$(( $(date +%s) - start ))
  curl -sf "http://127.0.0.1:$port/metrics" > "$work/scrape" || echo "scrape failed at $now s"
  if [ "$now" -ge "$next" ]; then
    rss=$(awk '/VmRSS/ {printf "%.1f", $2/1024}' /proc/$agent/status)
    thr=$(awk '/Threads/ {print $2}' /proc/$agent/status)
    fds=$(ls /proc/$agent/fd | wc -l)
    steps=$(awk '/^joulebit_run_steps_total/ {print $2}' "$work/scrape")
    printf "%6d %9s %8s %5s %10s\n" "$now" "$rss" "$thr" "$fds" "$steps"
    rows+=("$rss $thr $fds"); next=$((next + 30))
  fi
  if [ -z "${live_first:-}" ] && [ "$now" -ge "$LIVE_AT" ]; then live_first=$(live_heap); fi
  [ "$now" -ge "$DURATION" ] && break
  sleep 1
done
first=(${rows[1]:-${rows[0]}}); last=(${rows[-1]})
echo "RSS ${first[0]} -> ${last[0]} MB; threads ${first[1]} -> ${last[1]}; fds ${first[2]} -> ${last[2]} (first sample after 30 s warm-up)"
echo "live heap after a full GC: $live_first MB at ${LIVE_AT}s -> $(live_heap) MB at the end (RSS includes heap the GC has not returned; this does not)"
kill -TERM "$agent"; wait "$agent"; echo "agent exit on SIGTERM: $?"
