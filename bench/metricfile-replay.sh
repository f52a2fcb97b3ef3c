#!/usr/bin/env bash
# replay-log on a TensorBoard event file with N scalars (default 1,000,000 train/loss simple_values, as PyTorch's
# SummaryWriter writes them) against replay-log on a JSON-lines text log with the same steps and values, in one run.
# Target: event-file replay no slower than the text log (ratio events/text <= 1.0). Best of RUNS whole-process
# timings each, interleaved (the box is shared; the best is the least disturbed).
# Usage: bench/metricfile-replay.sh [N] [RUNS]     (env: JAVA=java, DIR=/tmp/joulebit-metricfile-bench)
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
once() {  # file, label -> wall seconds of one whole-process replay-log
  local t0 t1
  t0=$(date +%s.%N)
  "$JAVA" -Xmx256m -cp "$CP" io.joulebit.cli.Main replay-log "$1" >/dev/null 2>"$DIR/$2.err"
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc -l
}
min() { if [[ -z "$1" ]] || (( $(echo "$2 < $1" | bc -l) )); then echo "$2"; else echo "$1"; fi; }
echo "--- $(nproc) cpu(s), load:$(uptime | sed 's/.*load average//')"
ev=""; tx=""
for i in $(seq "$RUNS"); do      # interleaved, so both see the same load
  e=$(once "$EV" events); t=$(once "$TX" text)
  printf 'run %d: events %.3f s, text %.3f s\n' "$i" "$e" "$t"
  ev=$(min "$ev" "$e"); tx=$(min "$tx" "$t")
done
echo "events: $(tail -1 "$DIR/events.err")"
echo "text:   $(tail -1 "$DIR/text.err")"
printf 'best: events %.3f s, text %.3f s, ratio events/text = %.2f (target <= 1.00)\n' "$ev" "$tx" "$(echo "$ev / $tx" | bc -l)"
du -k target/lib/protobuf-java-*.jar | awk '{printf "protobuf-java jar: %d KiB\n", $1}'
