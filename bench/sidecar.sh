#!/usr/bin/env bash
# The sidecar as deployed: agent/joulebit run with 8 simulated GPUs + cpu at 1 Hz, a jsonl log growing at 100 lines/s
# and one scrape per second. Measures launch -> first good /metrics (target <= 1.5 s), RSS after the window (<= 150 MB),
# CPU as % of one core over the window, that no DJL class or libtorch is loaded, and exit 0 on SIGTERM.
# Startup is timed over STARTS launches (the last one is the measured run) since it is the figure most hurt by load.
# Usage: bench/sidecar.sh [SECONDS=60] [STARTS=3]   Env: PORT, LINES_PER_S (sidecar-lib.sh). Bounded: ~SECONDS + 25 s.
set -euo pipefail
source "$(dirname "$0")/sidecar-lib.sh"
WINDOW=${1:-60}
STARTS=${2:-3}
trap bench_cleanup EXIT; trap 'exit 130' INT TERM
bench_build

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
start_log_writer
readies=(); startup_cpus=()
for ((i = 1; i < STARTS; i++)); do
  start_sidecar; readies+=("$READY_S"); startup_cpus+=("$(cpu_ticks "$SIDECAR_PID")"); stop_sidecar
done
start_sidecar; readies+=("$READY_S")
ticks_ready=$(cpu_ticks "$SIDECAR_PID"); startup_cpus+=("$ticks_ready"); jit_ready=$(jit_ticks "$SIDECAR_PID")
t0=$(now_ns)
fails=0
for ((s = 1; s <= WINDOW; s++)); do
  curl -sf -o /dev/null "$URL" || fails=$((fails + 1))
  sleep $(awk -v t0="$t0" -v s="$s" -v now="$(now_ns)" 'BEGIN { d = (t0 + s * 1e9 - now) / 1e9; print (d > 0 ? d : 0) }')
done
ticks_end=$(cpu_ticks "$SIDECAR_PID"); jit_end=$(jit_ticks "$SIDECAR_PID")
t1=$(now_ns)
rss=$(rss_kb "$SIDECAR_PID"); hwm=$(hwm_kb "$SIDECAR_PID")
body=$(curl -sf "$URL")
steps=$(metric_value joulebit_run_steps_total <<<"$body")
devices=$(grep -c '^joulebit_device_power_watts{' <<<"$body" || true)
# After the measurements: attaching jcmd starts threads in the target and would inflate RSS.
jcmd "$SIDECAR_PID" VM.class_hierarchy >"$BENCH_DIR/classes.txt" 2>&1 || true
classes=$(grep -c 'java\.lang\.Object' "$BENCH_DIR/classes.txt" || true)   # >= 1 proves the attach worked
djl_classes=$(grep -c 'ai\.djl' "$BENCH_DIR/classes.txt" || true)
torch_maps=$(grep -c -i 'torch' "/proc/$SIDECAR_PID/maps" || true)
threads=$(awk '/^Threads:/ { print $2 }' "/proc/$SIDECAR_PID/status")
kill "$WRITER_PID"; WRITER_PID=""
stop_sidecar

cpu_pct=$(awk -v t="$((ticks_end - ticks_ready))" -v hz="$HZ" -v ns="$((t1 - t0))" 'BEGIN { printf "%.2f", 100 * t / hz / (ns / 1e9) }')
jit_pct=$(awk -v t="$((jit_end - jit_ready))" -v hz="$HZ" -v ns="$((t1 - t0))" 'BEGIN { printf "%.2f", 100 * t / hz / (ns / 1e9) }')
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
ready_med=$(median "${readies[@]}"); ready_min=$(printf '%s\n' "${readies[@]}" | sort -g | head -1)
startup_cpu=$(awk -v t="$(median "${startup_cpus[@]}")" -v hz="$HZ" 'BEGIN { printf "%.2f", t / hz }')
echo "--- $(nproc) cpu(s), load avg before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-42s %12s  %s\n' "figure" "measured" "target"
printf '%-42s %10s s  %s\n' "launch -> first /metrics 200, median of $STARTS" "$ready_med" "<= 1.5 s (min $ready_min s)"
printf '%-42s %10s s\n' "CPU time used by then (user+sys), median" "$startup_cpu"
printf '%-42s %9.1f MB  %s\n' "RSS after ${WINDOW} s" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "<= 150 MB"
printf '%-42s %9.1f MB\n' "peak RSS (VmHWM)" "$(awk -v k="$hwm" 'BEGIN { print k / 1024 }')"
printf '%-42s %10s %%  %s\n' "CPU over ${WINDOW} s (% of one core)" "$cpu_pct" "(100 lines/s, 1 Hz x 9 devices)"
printf '%-42s %10s %%  %s\n' "  of which JIT compiler threads" "$jit_pct" "(warm-up; falls to ~0 later)"
printf '%-42s %12s\n' "JVM threads" "$threads"
printf '%-42s %12s\n' "steps counted (~${LINES_PER_S}/s)" "${steps:-absent}"
printf '%-42s %12s\n' "devices exported" "$devices"
printf '%-42s %12s  %s\n' "failed 1 Hz scrapes" "$fails" "0"
printf '%-42s %12s  %s\n' "ai.djl classes / torch mappings" "$djl_classes / $torch_maps" "0 / 0 (jcmd saw $(grep -c . "$BENCH_DIR/classes.txt") classes)"
printf '%-42s %12s  %s\n' "exit status on SIGTERM (took ${STOP_S} s)" "$STOP_RC" "0 (143 = JVM default after SIGTERM)"
[[ "$STOP_RC" == 0 && "$djl_classes" == 0 && "$torch_maps" == 0 && "$fails" == 0 && "$classes" -ge 1 ]]
