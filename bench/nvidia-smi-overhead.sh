#!/bin/sh
# CPU overhead of the nvidia-smi source: a fake nvidia-smi streams 8 GPUs at 10 Hz for 60 s (override: $1 seconds,
# $2 interval ms) into NvidiaSmiSource inside a small Java main, sampled at 1 Hz. Prints the JVM's CPU as % of one
# core (the fake script's own CPU is excluded: it is another process), and the 1 Hz sampling jitter p99.
set -eu
cd "$(dirname "$0")/.."
mvn -o -q -B test-compile
cp=target/classes:target/test-classes:$(mvn -o -q -B dependency:build-classpath -Dmdep.outputFile=/dev/stdout \
  -Dmdep.includeScope=test)
exec java -Xmx256m -cp "$cp" io.joulebit.power.nvidiasmi.bench.NvidiaSmiOverheadBench \
  src/test/resources/fake-nvidia-smi/fake-nvidia-smi.sh \
  src/test/resources/captures/nvidia-smi/linux-x86_64__nvidia-h100-80gb-hbm3-x8__590.48.01.csv \
  "${1:-60}" "${2:-100}"
