#!/usr/bin/env bash
# Times `replay-log` on a generated 2,000,000-line Megatron log (~670 MB) side by side with awk (pulling out the
# lm loss field) and `grep -c`, each with peak RSS. Target: replay-log whole-process <= 1.0 s, heap capped at 128 MB,
# and faster than awk pulling out one field, also on the same log opening with a 2,000-line Slurm prelude (argument
# dump, NCCL set-up, `0: ` rank prefixes) that auto-detection must read past. The ratios printed at the end are of
# the medians of RUNS interleaved rounds of this one run: on a shared machine compare ratios, not seconds across runs.
# JVM start-up (java -version) is timed apart, as the budget is whole-process.
# Usage: bench/replay-log.sh [LINES]        (env: LOG=/tmp/joulebit-megatron-bench.log, JAVA=java, RUNS=5 rounds)
#        bench/replay-log.sh fuzz [LINES]   >= 1M random and mutated lines through every parser (default 1000000):
#                                           none may throw, Megatron's byte path must agree with the former parser
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
if [[ "${1:-}" == fuzz ]]; then
  [[ -f target/test-classes/io/joulebit/progress/format/FuzzBench.class ]] || mvn -o -B -DskipTests package
  echo "--- $(nproc) cpu(s), load:$(uptime | sed 's/.*load average//')"
  exec "$JAVA" -Xmx512m -XX:+UseSerialGC -cp "target/test-classes:target/classes:target/lib/*" \
    io.joulebit.progress.format.FuzzBench "${2:-1000000}"
fi
LINES=${1:-2000000}
RUNS=${RUNS:-5}
LOG=${LOG:-/tmp/joulebit-megatron-bench.log}

if [[ ! -s "$LOG" ]] || [[ $(wc -l <"$LOG") -ne $LINES ]]; then
  echo "generating $LINES Megatron lines in $LOG"
  awk -v n="$LINES" 'BEGIN {
    for (i = 1; i <= n; i++)
      printf " iteration %8d/ 5000000 | consumed samples: %12d | elapsed time per iteration (ms): %.1f | throughput per GPU (TFLOP/s/GPU): 123.4 | learning rate: %.6E | global batch size:   512 | lm loss: %.6E | loss scale: 65536.0 | grad norm: %.3f | number of skipped iterations:   0 | number of nan iterations:   0 |\n", i, i*512, 1200 + (i % 97), 1.5e-4 * (1 - i / (2 * n)), 2.0 + 8.0 / (1 + i / 1000.0), 0.5 + (i % 13) / 10.0
  }' >"$LOG"
fi
ls -l "$LOG"

[[ -f target/joulebit.jar && -d target/lib ]] || mvn -o -B -DskipTests package
CP="target/joulebit.jar:target/lib/*"

# peak RSS: GNU time if present, else poll /proc/<pid>/status for VmHWM
measure() {  # label, command...
  local label=$1; shift
  local t0 t1 rss
  if [[ -x /usr/bin/time ]]; then
    t0=$(date +%s.%N)
    /usr/bin/time -f '%M' -o /tmp/joulebit-bench.rss "$@"
    t1=$(date +%s.%N)
    rss=$(tail -1 /tmp/joulebit-bench.rss)
  else
    t0=$(date +%s.%N)
    "$@" & local pid=$! ; rss=0
    while kill -0 "$pid" 2>/dev/null; do
      local h; h=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
      (( ${h:-0} > rss )) && rss=$h; sleep 0.01
    done
    wait "$pid"; t1=$(date +%s.%N)
  fi
  LAST=$(echo "$t1 - $t0" | bc)
  printf '%-44s %7.3f s   peak RSS %7.1f MB\n' "$label" "$LAST" "$(echo "$rss / 1024" | bc -l)"
}

LOG_P=${LOG%.log}-prelude.log
if [[ ! -s "$LOG_P" ]] || [[ $(wc -l <"$LOG_P") -ne $((LINES + 2000)) ]]; then
  echo "generating $LOG_P: a 2,000-line prelude, then $LOG"
  awk 'BEGIN {
    print "0: using world size: 16, data-parallel size: 4, tensor-model-parallel size: 2, pipeline-model-parallel size: 2"
    print "0: ------------------------ arguments ------------------------"
    for (i = 3; i <= 1000; i++) printf "0:   argument_%04d ........................................ %d\n", i, i
    print "0: -------------------- end of arguments ---------------------"
    for (i = 1002; i <= 2000; i++)
      printf "%d: gpu-node-%02d:%d:%d [%d] NCCL INFO Channel %02d/0 : %d -> %d [send] via NET/IB/%d/GDRDMA\n", i % 16, i % 2, 12345 + i % 16, 12400 + i % 16, i % 8, i % 32, i % 16, (i + 1) % 16, i % 4
  }' >"$LOG_P"
  cat "$LOG" >>"$LOG_P"
fi

echo "--- $(nproc) cpu(s), $(wc -c <"$LOG") bytes, $LINES lines, load:$(uptime | sed 's/.*load average//'), $RUNS rounds"
measure "JVM start-up (java -version)" sh -c "$JAVA -Xmx128m -XX:+UseSerialGC -version 2>/dev/null"
# Interleaved rounds, the median of each: a shared machine's noise moves between runs, so a ratio taken from one
# round can be off by a third either way; the medians of the same rounds are the figure to compare.
# The launcher, as users run it (its own JVM flags and class-data archive, in a cache of this run's own); one run
# first writes the archive.
BENCH_CACHE=$(mktemp -d /tmp/joulebit-bench-cache.XXXXXX); trap 'rm -rf "$BENCH_CACHE"' EXIT
CACHE_DIRECTORY=$BENCH_CACHE agent/joulebit replay-log "$LOG_P" >/dev/null 2>&1
declare -a REPLAYS AUTOS PRELUDES LAUNCHED AWKS AWK_PS
for ((r = 1; r <= RUNS; r++)); do
  echo "--- round $r"
  measure "replay-log (stdout > /dev/null)" sh -c "$JAVA -Xmx128m -XX:+UseSerialGC -cp '$CP' io.joulebit.cli.Main replay-log '$LOG' --format megatron --seq-len 2048 >/dev/null 2>/tmp/joulebit-bench.err"
  [[ $r == 1 ]] && cat /tmp/joulebit-bench.err
  REPLAYS+=("$LAST")
  measure "replay-log --format auto" sh -c "$JAVA -Xmx128m -XX:+UseSerialGC -cp '$CP' io.joulebit.cli.Main replay-log '$LOG' >/dev/null 2>/dev/null"
  AUTOS+=("$LAST")
  measure "replay-log --format auto, 2,000-line prelude" sh -c "$JAVA -Xmx128m -XX:+UseSerialGC -cp '$CP' io.joulebit.cli.Main replay-log '$LOG_P' >/dev/null 2>/tmp/joulebit-bench.err"
  [[ $r == 1 ]] && cat /tmp/joulebit-bench.err
  PRELUDES+=("$LAST")
  measure "agent/joulebit replay-log, prelude (launcher)" sh -c "CACHE_DIRECTORY='$BENCH_CACHE' agent/joulebit replay-log '$LOG_P' >/dev/null 2>/dev/null"
  LAUNCHED+=("$LAST")
  measure "awk (lm loss field)" sh -c "awk -F'lm loss: ' 'NF > 1 { split(\$2, a, \" \"); print a[1] }' '$LOG' >/dev/null"
  AWKS+=("$LAST")
  measure "awk (lm loss field), 2,000-line prelude" sh -c "awk -F'lm loss: ' 'NF > 1 { split(\$2, a, \" \"); print a[1] }' '$LOG_P' >/dev/null"
  AWK_PS+=("$LAST")
done
# grep notices a /dev/null stdout and stops at the first match, so its count goes to a file
measure "grep -c 'lm loss'" sh -c "grep -c 'lm loss' '$LOG' >/tmp/joulebit-bench.grep"
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
REPLAY=$(median "${REPLAYS[@]}"); AUTO=$(median "${AUTOS[@]}"); PRELUDE=$(median "${PRELUDES[@]}")
AWK=$(median "${AWKS[@]}"); AWK_P=$(median "${AWK_PS[@]}"); LAUNCH=$(median "${LAUNCHED[@]}")
printf 'medians of %d rounds: replay %.3f s  auto %.3f s  prelude auto %.3f s  launcher prelude %.3f s  awk %.3f s  awk (prelude) %.3f s\n' \
  "$RUNS" "$REPLAY" "$AUTO" "$PRELUDE" "$LAUNCH" "$AWK" "$AWK_P"
printf 'ratios (medians of this run): replay/awk %.2f  auto/awk %.2f  prelude auto/awk (prelude) %.2f  launcher prelude/awk (prelude) %.2f\n' \
  "$(echo "$REPLAY / $AWK" | bc -l)" "$(echo "$AUTO / $AWK" | bc -l)" "$(echo "$PRELUDE / $AWK_P" | bc -l)" \
  "$(echo "$LAUNCH / $AWK_P" | bc -l)"
