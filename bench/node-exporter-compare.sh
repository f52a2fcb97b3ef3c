#!/usr/bin/env bash
# The sidecar (bench/sidecar.sh setup) beside prometheus-node-exporter on 127.0.0.1:19100 with a few collectors, in one
# run: RSS, idle CPU, bytes and series per scrape, and CPU time per scrape (N kept-alive curl scrapes, process CPU
# delta / N, raw and net of each process's own idle rate). Scrapes alternate between the two in ROUNDS rounds so load
# from other work on the machine falls on both alike.
# Usage: bench/node-exporter-compare.sh [N=1000] [ROUNDS=2] [IDLE_S=10]   Env: PORT, NE_PORT (19100), NODE_EXPORTER.
set -euo pipefail
source "$(dirname "$0")/sidecar-lib.sh"
N=${1:-1000}; ROUNDS=${2:-2}; IDLE_S=${3:-10}
NE_PORT=${NE_PORT:-19100}
NE=${NODE_EXPORTER:-prometheus-node-exporter}
NE_URL="http://127.0.0.1:$NE_PORT/metrics"
need "$NE" /usr/bin/prometheus-node-exporter prometheus-node-exporter
trap bench_cleanup EXIT; trap 'exit 130' INT TERM
bench_build

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$NE" --web.listen-address="127.0.0.1:$NE_PORT" --collector.disable-defaults --collector.cpu --collector.meminfo \
  --collector.loadavg --collector.netdev --collector.diskstats --collector.filesystem --collector.hwmon \
  --collector.stat --collector.uname >"$BENCH_DIR/ne.out" 2>&1 &
NE_PID=$!; BG_PIDS+=("$NE_PID")
start_log_writer
start_sidecar
deadline=$(($(now_ns) + 10000000000))
until curl -sf -o /dev/null "$NE_URL"; do
  (( $(now_ns) < deadline )) && kill -0 "$NE_PID" || { cat "$BENCH_DIR/ne.out" >&2; exit 1; }
done

# One curl process, N URLs on one kept-alive connection (as Prometheus scrapes), bodies to /dev/null.
for url in "$URL" "$NE_URL"; do
  f=$BENCH_DIR/$(sed 's/[^0-9]//g' <<<"$url").curl
  for ((i = 0; i < N; i++)); do printf 'url = "%s"\noutput = "/dev/null"\n' "$url"; done >"$f"
done
scrapes() { curl -sf -K "$BENCH_DIR/$(sed 's/[^0-9]//g' <<<"$1").curl"; }   # url
for url in "$URL" "$NE_URL"; do scrapes "$url"; done   # warm-up (JIT, Go allocator)

# Idle CPU rate of both over the same window (the sidecar still samples and tails its log).
i_sc=$(cpu_ticks "$SIDECAR_PID"); i_ne=$(cpu_ticks "$NE_PID"); t0=$(now_ns)
sleep "$IDLE_S"
idle_sc=$(($(cpu_ticks "$SIDECAR_PID") - i_sc)); idle_ne=$(($(cpu_ticks "$NE_PID") - i_ne)); idle_ns=$(($(now_ns) - t0))

declare -A ticks=([sc]=0 [ne]=0) wall=([sc]=0 [ne]=0)
for ((r = 0; r < ROUNDS; r++)); do
  for who in sc ne; do
    if [[ $who == sc ]]; then pid=$SIDECAR_PID; url=$URL; else pid=$NE_PID; url=$NE_URL; fi
    k0=$(cpu_ticks "$pid"); t0=$(now_ns)
    scrapes "$url"
    ticks[$who]=$((ticks[$who] + $(cpu_ticks "$pid") - k0)); wall[$who]=$((wall[$who] + $(now_ns) - t0))
  done
done
rss_sc=$(rss_kb "$SIDECAR_PID"); rss_ne=$(rss_kb "$NE_PID")
body_sc=$(curl -sf "$URL"); body_ne=$(curl -sf "$NE_URL")
stop_sidecar

row() {  # name, rss kB, idle ticks, scrape ticks, scrape wall ns, body
  awk -v name="$1" -v rss="$2" -v it="$3" -v st="$4" -v sw="$5" -v in_ns="$idle_ns" -v hz="$HZ" -v n=$((N * ROUNDS)) \
      -v bytes="$(wc -c <<<"$6")" -v series="$(grep -vc '^#' <<<"$6")" 'BEGIN {
    idle_rate = it / hz / (in_ns / 1e9)                      # CPU s per s when nobody scrapes
    raw = st / hz / n; net = (st / hz - idle_rate * sw / 1e9) / n
    printf "%-24s %8.1f %8.2f%% %9.0f %9.0f %9.3f %8d %7d\n", name, rss / 1024, 100 * idle_rate, 1e6 * raw, 1e6 * net,
      sw / 1e6 / n, bytes, series }'
}
echo "--- $(nproc) cpu(s), load avg before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "--- $N x $ROUNDS scrapes each over one kept-alive connection; idle window ${IDLE_S} s; $("$NE" --version 2>&1 | head -1)"
printf '%-24s %8s %9s %9s %9s %9s %8s %7s\n' process "RSS MB" "idle cpu" "us/scrape" "net us" "ms/scrape" bytes series
row "joulebit sidecar (JVM)" "$rss_sc" "$idle_sc" "${ticks[sc]}" "${wall[sc]}" "$body_sc"
row "node_exporter" "$rss_ne" "$idle_ne" "${ticks[ne]}" "${wall[ne]}" "$body_ne"
echo "--- sidecar exit status on SIGTERM: $STOP_RC (took $STOP_S s)"
