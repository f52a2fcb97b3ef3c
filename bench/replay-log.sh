#!/usr/bin/env bash
# Times `replay-log` on a generated 2,000,000-line Megatron log (~670 MB) side by side with awk (pulling out the
# lm loss field) and `grep -c`, each with peak RSS. Target: replay-log whole-process <= 1.0 s, heap capped at 128 MB.
# JVM start-up (java -version) is timed apart, as the budget is whole-process.
# Usage: bench/replay-log.sh [LINES]        (env: LOG=/tmp/joulebit-megatron-bench.log, JAVA=java)
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
  printf '%-34s %7.3f s   peak RSS %7.1f MB\n' "$label" "$(echo "$t1 - $t0" | bc)" "$(echo "$rss / 1024" | bc -l)"
}

echo "--- $(nproc) cpu(s), $(wc -c <"$LOG") bytes, $LINES lines, load:$(uptime | sed 's/.*load average//')"
measure "JVM start-up (java -version)" sh -c "$JAVA -Xmx128m -XX:+UseSerialGC -version 2>/dev/null"
measure "replay-log (stdout > /dev/null)" sh -c "$JAVA -Xmx128m -XX:+UseSerialGC -cp '$CP' io.joulebit.cli.ReplayLogCommand '$LOG' --format megatron --seq-len 2048 >/dev/null 2>/tmp/joulebit-bench.err"
cat /tmp/joulebit-bench.err
measure "replay-log --format auto" sh -c "$JAVA -Xmx128m -XX:+UseSerialGC -cp '$CP' io.joulebit.cli.ReplayLogCommand '$LOG' >/dev/null 2>/dev/null"
measure "awk (lm loss field)" sh -c "awk -F'lm loss: ' 'NF > 1 { split(\$2, a, \" \"); print a[1] }' '$LOG' >/dev/null"
# grep notices a /dev/null stdout and stops at the first match, so its count goes to a file
measure "grep -c 'lm loss'" sh -c "grep -c 'lm loss' '$LOG' >/tmp/joulebit-bench.grep"
