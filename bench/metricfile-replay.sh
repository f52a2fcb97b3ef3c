#!/usr/bin/env bash
# replay-log on a TensorBoard event file with N scalars (default 1,000,000 train/loss simple_values, as PyTorch's
# SummaryWriter writes them) against replay-log on a JSON-lines text log with the same steps and values, in one run.
# Target: event-file replay no slower than the text log (ratio events/text <= 1.0). Best of RUNS whole-process
# timings each, interleaved (the box is shared; the best is the least disturbed).
# Usage: bench/metricfile-replay.sh [N] [RUNS]     (env: JAVA=java, DIR=/tmp/joulebit-metricfile-bench)
# BASE=path/to/other/joulebit.jar also times the event file with that build, interleaved (before/after a change).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
N=${1:-1000000}
RUNS=${2:-3}
DIR=${DIR:-/tmp/joulebit-metricfile-bench}
mkdir -p "$DIR"
EV="$DIR/events.out.tfevents.1765000000.bench.1.0"
TX="$DIR/train.jsonl"
[[ -f target/joulebit.jar && -d target/lib && -f target/test-classes/io/joulebit/progress/metricfile/tensorboard/MetricFileBenchData.class ]] \
  || mvn -o -q -B -DskipTests package
if [[ ! -s "$EV" || ! -s "$TX" || $(wc -l <"$TX") -ne $N ]]; then
  "$JAVA" -cp "target/test-classes:target/classes:target/lib/*" \
    io.joulebit.progress.metricfile.tensorboard.MetricFileBenchData "$N" "$EV" "$TX"
fi
ls -l "$EV" "$TX"
CP="target/joulebit.jar:target/lib/*"
once() {  # file, label [, class path] -> "wall user+sys" seconds of one whole-process replay-log
  local TIMEFORMAT='%R %U %S' r
  r=$( { time "$JAVA" -Xmx256m -cp "${3:-$CP}" io.joulebit.cli.Main replay-log "$1" >/dev/null 2>"$DIR/$2.err"; } 2>&1 )
  echo "$r" | awk '{printf "%.3f %.3f\n", $1, $2 + $3}'
}
min() { if [[ -z "$1" ]] || (( $(echo "$2 < $1" | bc -l) )); then echo "$2"; else echo "$1"; fi; }
echo "--- $(nproc) cpu(s), load:$(uptime | sed 's/.*load average//')"
ev=""; tx=""; bs=""; evc=0; txc=0; bsc=0
for i in $(seq "$RUNS"); do      # interleaved, so both see the same load
  read -r e ec < <(once "$EV" events); read -r t tc < <(once "$TX" text)
  printf 'run %d: events %.3f s (cpu %.2f s), text %.3f s (cpu %.2f s)' "$i" "$e" "$ec" "$t" "$tc"
  ev=$(min "$ev" "$e"); tx=$(min "$tx" "$t"); evc=$(echo "$evc + $ec" | bc -l); txc=$(echo "$txc + $tc" | bc -l)
  if [[ -n "${BASE:-}" ]]; then
    read -r b bc < <(once "$EV" base "$BASE:target/lib/*")
    bs=$(min "$bs" "$b"); bsc=$(echo "$bsc + $bc" | bc -l)
    printf ', events with BASE %.3f s (cpu %.2f s)' "$b" "$bc"
  fi
  echo
done
echo "events: $(tail -1 "$DIR/events.err")"
echo "text:   $(tail -1 "$DIR/text.err")"
# The CPU ratio (all threads, JIT included, summed over the runs) moves far less with the box's load than wall time.
printf 'best: events %.3f s, text %.3f s, ratio events/text = %.2f (target <= 1.00); cpu ratio %.2f\n' \
  "$ev" "$tx" "$(echo "$ev / $tx" | bc -l)" "$(echo "$evc / $txc" | bc -l)"
[[ -z "$bs" ]] || printf 'BASE: events %.3f s, ratio BASE events/text = %.2f; cpu ratio %.2f\n' "$bs" \
  "$(echo "$bs / $tx" | bc -l)" "$(echo "$bsc / $txc" | bc -l)"
du -k target/lib/protobuf-java-*.jar | awk '{printf "protobuf-java jar: %d KiB\n", $1}'
