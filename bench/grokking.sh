#!/usr/bin/env bash
# The grokking measurement of docs/heat-capacity.md: `joulebit demo --task grokking` for seeds 1..SEEDS with weight
# decay 1.0 (the runs that grok) and seed 1 without weight decay (the control that memorises and never generalises),
# and the same pair with minibatches of 512 pairs (4,000 steps: the SGD noise the heat capacity's temperature
# stands for), then one table: memorisation step (train acc >= 99 %), generalisation jump (val acc > 90 %), and for each
# heat-capacity estimator the steps at which a transition candidate was counted and the lead time of the first one
# before the jump. Every run is deterministic in its steps (seeded split and weights); only the seconds vary.
# Each run's series.csv and chart.svg stay in OUT. ~1 min a run on two quiet cores, ~10 min on a loaded one.
# Usage: bench/grokking.sh [SEEDS=5]    (env: OUT=/tmp/joulebit-grokking, THREADS=1: PyTorch intra-op threads;
#        one thread measured faster than two on a busy 2-core box, and it does not change the steps)
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${1:-5}
OUT=${OUT:-/tmp/joulebit-grokking}
mkdir -p "$OUT"
export JOULEBIT_JAVA_OPTS="${JOULEBIT_JAVA_OPTS:-} -Dai.djl.pytorch.num_threads=${THREADS:-1}"
echo "--- $(nproc) cpu(s), load:$(uptime | sed 's/.*load average//'), $(date -u +%FT%TZ)"
run() { # seed weight-decay [demo options...]
  local seed=$1 wd=$2; shift 2
  local dir="$OUT/seed$seed-wd$wd${1:+-mb}" start=$SECONDS
  agent/joulebit demo --task grokking --seed "$seed" --weight-decay "$wd" --listen 127.0.0.1:0 --series "$dir" "$@" \
    >"$dir.out" 2>"$dir.err" || { echo "run seed $seed wd $wd $* failed: see $dir.err" >&2; exit 1; }
  echo "seed $seed wd $wd $*: $((SECONDS - start)) s" >&2
}
for s in $(seq 1 "$SEEDS"); do run "$s" 1.0; done
run 1 0
run 1 1.0 --batch 512 --steps 4000
run 1 0 --batch 512 --steps 4000
echo
# The summary lines each run printed (GrokkingMeasurement.summary) become one table row per run and estimator.
printf '| seed | weight decay | batch | memorised | val acc > 90 %% | estimator | candidates (steps) | first lead (steps) |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for f in "$OUT"/seed*-wd*.out; do
  awk '/^grokking seed=/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } next }
       /candidates=/ && v["seed"] != "" {
         name = $1; c = $0; sub(/.*candidates=\[/, "", c); sub(/\].*/, "", c); lead = $NF; sub(/lead_steps=/, "", lead)
         printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", v["seed"], v["weight_decay"], v["batch"], v["memorised_step"],
           (v["generalised_step"] < 0 ? "never" : v["generalised_step"]), name, (c == "" ? "none" : c), lead }' "$f"
done
