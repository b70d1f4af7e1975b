#!/usr/bin/env bash
# Tandem against the PyTorch peer on per-feature log-regularized ridge hypergradients (docs/PERFORMANCE-bilevel.md).
# Builds examples/target/tandem.jar if it is missing, then ROUNDS times (default 2), back to back: the JMH benchmark
# RidgeHypergradientBenchmark, and torch_ridge_hypergrad.py at 442x10 and 2000x500 (K = 100) twice — as the script
# runs it (torch.set_num_threads(1)) and with OPENBLAS_NUM_THREADS=1 (Debian's torch calls OpenBLAS, which
# torch.set_num_threads does not limit). Prints the load, every measurement and, through bilevel-summary.py, a
# table of ratios peer / Tandem (larger is better for Tandem) taken within each round, median over rounds.
# Usage: examples/bench/bilevel-compare.sh [ROUNDS]        (about 3 minutes per round)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/examples/target/tandem.jar"
PEER="${PEER:-/work/shared/peers/torch_ridge_hypergrad.py}"
PY="${PY:-/usr/bin/python3}"
ROUNDS="${1:-2}"
OUT="$(mktemp -d)"
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -B -q package -pl examples -am -DskipTests)
fi
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores"
echo "java: $(java -version 2>&1 | head -1)"
echo "torch: $("$PY" -c 'import torch; print(torch.__version__)')"
for r in $(seq 1 "$ROUNDS"); do
  echo "== round $r, load: $(cut -d' ' -f1-3 /proc/loadavg)"
  # JMH holds /tmp/jmh.lock while it runs: wait up to 3 minutes for another helper's run to end, then go ahead
  # anyway (-Djmh.ignoreLock=true) and say so — the load printed above and below tells how quiet it was.
  lock=""
  for attempt in $(seq 1 9); do
    if java $lock -cp "$JAR" org.openjdk.jmh.Main 'bench.bilevel.RidgeHypergradientBenchmark' -f 1 -wi 3 -w 1 -i 5 \
        -r 1 -rf json -rff "$OUT/jmh-$r.json" > "$OUT/jmh-$r.log" 2>&1; then
      break
    fi
    grep -q 'JMH lock' "$OUT/jmh-$r.log" || { cat "$OUT/jmh-$r.log"; exit 1; }
    if [ "$attempt" -ge 8 ]; then
      echo "   another JMH run holds the lock: running concurrently with it"; lock="-Djmh.ignoreLock=true"
    else
      sleep 20
    fi
  done
  grep -A30 '^Benchmark' "$OUT/jmh-$r.log"
  for size in "442 10 100 200" "2000 500 100 10"; do
    # shellcheck disable=SC2086
    "$PY" "$PEER" $size | tee -a "$OUT/torch-default-$r.txt"
    # shellcheck disable=SC2086
    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$PY" "$PEER" $size | tee -a "$OUT/torch-1thread-$r.txt"
  done
  echo "   load after round $r: $(cut -d' ' -f1-3 /proc/loadavg)"
done
"$PY" "$ROOT/examples/bench/bilevel-summary.py" "$OUT" "$ROUNDS"
echo "raw results in $OUT"
