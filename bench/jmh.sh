#!/usr/bin/env bash
# JMH microbenchmarks of the accountant and /metrics rendering (src/test/java/io/joulebit/bench/AccountantBench).
# Targets: stepAndPublish <= 2000 ns, onPower <= 1000 ns. ~3 min with the defaults (5 benchmarks x 2 forks x 14 s + JVM
# starts), -prof gc included (B/op). Usage: bench/jmh.sh [REGEX] [extra JMH args...]  e.g. bench/jmh.sh AccountantBench.onPower -prof stack
# Env: JAVA=java.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA=${JAVA:-java}
REGEX=${1:-io.joulebit.bench.AccountantBench}
shift || true

mvn -o -B -q test-compile
deps=$(mktemp); trap 'rm -f "$deps"' EXIT
mvn -o -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$deps"
cp="target/test-classes:target/classes:$(cat "$deps")"

echo "--- $(nproc) cpu(s); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -cp "$cp" org.openjdk.jmh.Main "$REGEX" -prof gc -rf text -rff target/jmh-result.txt "$@"
echo "--- load after: $(cut -d' ' -f1-3 /proc/loadavg); results also in target/jmh-result.txt"
