#!/usr/bin/env bash
# CPU per committed checkpoint (8 GPUs + cpu with raw counters, 12 figures, tail position; WAL, synchronous=NORMAL),
# process CPU time over N commits after N warm-up commits (src/test/java/io/joulebit/store/CheckpointCostMain).
# The sidecar commits one per checkpoint_interval (default 1 s). Usage: bench/checkpoint-cost.sh [N=3000] [RUNS=4]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-3000}
RUNS=${2:-4}
mvn -o -B -q test-compile
deps=$(mktemp); trap 'rm -f "$deps"' EXIT
mvn -o -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$deps"
cp="target/test-classes:target/classes:$(cat "$deps")"
echo "--- $(nproc) cpu(s); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$RUNS"); do java -cp "$cp" io.joulebit.store.CheckpointCostMain "$N" 2>/dev/null | tail -1; done
echo "--- load after: $(cut -d' ' -f1-3 /proc/loadavg)"
