#!/usr/bin/env bash
# Ingest throughput: HTTP clients POST JSON-lines batches of steps to an in-process agent over loopback for a fixed
# time; prints steps applied per second (target >= 20k). Usage: bench/ingest.sh [seconds=20] [clients=4] [batch=500]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -B -q -DskipTests test-compile >&2
mvn -o -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >&2
echo "load: $(uptime)"
java -Xmx512m -XX:+UseSerialGC -cp "target/test-classes:target/classes:$(cat target/bench-cp.txt)" \
  io.joulebit.bench.IngestLoad "${1:-20}" "${2:-4}" "${3:-500}" 2>/dev/null
