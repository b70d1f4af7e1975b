#!/usr/bin/env bash
# Java kernels vs the NumPy (OpenBLAS) peer on the matrix-vector pair y = A x, z = Aᵀ y, same machine, same run.
#
#   examples/bench/matvec-compare.sh            # all three shapes, one round (about 2 minutes)
#   ROUNDS=2 examples/bench/matvec-compare.sh   # repeat the whole sandwich
#   SHAPES="2000x500" examples/bench/matvec-compare.sh
#   SIMD=1 examples/bench/matvec-compare.sh     # the opt-in Vector API path of MatrixKernels (see its javadoc)
#
# For every shape it runs the NumPy peer, then the JMH benchmark (MatVecBenchmark, one fork), then the NumPy
# peer again, so both sides see the same machine load; it prints the load before and after each shape and a
# ratio table (best of all runs, and median) at the end. Ratio = NumPy time / Java time (>= 1: Java faster).
# Environment: PY (python with numpy, default /usr/bin/python3), PEER (peer script), ROUNDS, SHAPES,
# NUMPY_RUNS (peer runs before and after each JMH run, default 5), JMH_ARGS (JMH options, default
# "-wi 5 -w 400ms -i 25 -r 200ms"),
# NICE (e.g. "nice -n -10" to run both sides at a higher priority on a shared machine; default none),
# SIMD (1: the JMH fork gets --add-modules=jdk.incubator.vector, so MatrixKernels takes its SIMD path;
# default 0, the scalar path). The script prints which path MatrixKernels took in a JVM with the same flags.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR="$ROOT/examples/target/tandem.jar"
PY=${PY:-/usr/bin/python3}
PEER=${PEER:-/work/shared/peers/numpy_matvec.py}
ROUNDS=${ROUNDS:-1}
SHAPES=${SHAPES:-"442x10 2000x500 20000x1000"}
NUMPY_RUNS=${NUMPY_RUNS:-5}
# many short iterations: on a shared machine the best of many short windows is the least disturbed estimate
JMH_ARGS=${JMH_ARGS:-"-wi 5 -w 400ms -i 25 -r 200ms"}
NICE=${NICE:-}
SIMD=${SIMD:-0}
if [ "$SIMD" = 1 ]; then
  VECTOR_FLAGS="--add-modules=jdk.incubator.vector"
  # a command-line -jvmArgsAppend replaces the one on @Fork, so repeat the benchmark's heap flags
  JMH_FORK_ARGS=(-jvmArgsAppend "-Xms1g -Xmx1g $VECTOR_FLAGS")
else
  VECTOR_FLAGS=""
  JMH_FORK_ARGS=()
fi
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1

# build the jar if it is missing or older than any source of solver-core or examples
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/solver-core/src/main" "$ROOT/examples/src/main" -newer "$JAR" -type f | head -1)" ]; then
  echo "building $JAR ..."
  (cd "$ROOT" && mvn -B -q package -pl examples -am -DskipTests)
fi

OUT=$(mktemp -d /tmp/matvec-compare.XXXXXX)
echo "results in $OUT"
{
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p') ($(getconf _NPROCESSORS_ONLN) cpus)"
  echo "jvm: $(java -version 2>&1 | sed -n 2p)"
  echo "numpy: $($PY -c 'import numpy; print(numpy.__version__)'), blas: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo '?')"
} | tee "$OUT/machine.txt"
# which code path MatrixKernels takes in a JVM started with the fork's flags (single-file source launch)
cat > "$OUT/WhichPath.java" <<'JEOF'
public class WhichPath {
    public static void main(String[] args) {
        System.out.println(org.tandemopt.core.linalg.MatrixKernels.implementation());
    }
}
JEOF
# shellcheck disable=SC2086
echo "MatrixKernels path: $(java $VECTOR_FLAGS -cp "$JAR" "$OUT/WhichPath.java" 2>/dev/null) (SIMD=$SIMD)" \
  | tee -a "$OUT/machine.txt"

reps_for() {  # repetitions so that one peer run times about 0.2 s (like one JMH iteration)
  case "$1" in
    442x10) echo 40000 ;;
    2000x500) echo 800 ;;
    20000x1000) echo 10 ;;
    *) local n=${1%x*} p=${1#*x}; echo $(( 800000000 / (4 * n * p) + 5 )) ;;
  esac
}

numpy_runs() {
  local shape=$1 n=${1%x*} p=${1#*x} reps
  reps=$(reps_for "$shape")
  for _ in $(seq "$NUMPY_RUNS"); do
    $NICE "$PY" "$PEER" "$n" "$p" "$reps" | tee -a "$OUT/numpy_$shape.txt"
  done
}

wait_for_jmh_lock() {  # returns when no other JMH run holds /tmp/jmh.lock (tested with F_GETLK, never taken)
  "$PY" - <<'LOCKEOF'
import fcntl, os, struct, sys, time
if not os.path.exists('/tmp/jmh.lock'):
    sys.exit(0)
for i in range(120):
    with open('/tmp/jmh.lock', 'rb+') as f:
        probe = struct.pack('@hhqqixxxx', fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0)
        l_type = struct.unpack('@hhqqixxxx', fcntl.fcntl(f, fcntl.F_GETLK, probe))[0]
    if l_type == fcntl.F_UNLCK:
        sys.exit(0)
    if i == 0:
        print("another JMH run holds /tmp/jmh.lock; waiting ...", flush=True)
    time.sleep(5)
LOCKEOF
}

for round in $(seq "$ROUNDS"); do
  for shape in $SHAPES; do
    wait_for_jmh_lock
    echo "== round $round, $shape, load before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
    numpy_runs "$shape"
    # JMH refuses to start while another JMH run holds /tmp/jmh.lock (two benchmarks would disturb each
    # other): wait for it, up to 10 minutes
    for attempt in $(seq 120); do
      # shellcheck disable=SC2086
      if $NICE java -cp "$JAR" org.openjdk.jmh.Main MatVecBenchmark -p shape="$shape" -f 1 \
          -rf json -rff "$OUT/jmh_${shape}_$round.json" $JMH_ARGS ${JMH_FORK_ARGS[@]+"${JMH_FORK_ARGS[@]}"} > "$OUT/jmh_${shape}_$round.log" 2>&1; then
        break
      fi
      if ! grep -q 'Unable to acquire the JMH lock' "$OUT/jmh_${shape}_$round.log"; then
        cat "$OUT/jmh_${shape}_$round.log"; exit 1
      fi
      [ "$attempt" = 1 ] && echo "another JMH run holds /tmp/jmh.lock; waiting ..."
      sleep 5
    done
    grep -E '^# VM options' "$OUT/jmh_${shape}_$round.log" | head -1 || true
    grep -E '^MatVecBenchmark' "$OUT/jmh_${shape}_$round.log" || true
    numpy_runs "$shape"
    echo "== round $round, $shape, load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/load.txt"
  done
done

"$PY" - "$OUT" $SHAPES <<'PYEOF'
import glob, json, re, statistics, sys
out, shapes = sys.argv[1], sys.argv[2:]
rows = []
for shape in shapes:
    n, p = (int(v) for v in shape.split('x'))
    flops = 4.0 * n * p
    numpy_ms = [float(m.group(1)) for line in open(f"{out}/numpy_{shape}.txt")
                for m in [re.search(r'([0-9.]+) ms per pair', line)] if m]
    java = {}
    for f in glob.glob(f"{out}/jmh_{shape}_*.json"):
        for e in json.load(open(f)):
            name = e['benchmark'].rsplit('.', 1)[1]
            unit = e['primaryMetric']['scoreUnit']
            scale = {'us/op': 1e-3, 'ms/op': 1.0, 'ns/op': 1e-6}[unit]
            for fork in e['primaryMetric']['rawData']:
                java.setdefault(name, []).extend(v * scale for v in fork)
    rows.append((shape, flops, numpy_ms, java))

def table(title, pick):
    print(f"\n{title}")
    print("| n × p | NumPy ms | Java pair ms | Java fused ms | plain loops ms | GFLOP/s NumPy / pair / fused "
          "| pair ÷ NumPy | fused ÷ NumPy | plain ÷ NumPy |")
    print("|---|---|---|---|---|---|---|---|---|")
    for shape, flops, numpy_ms, java in rows:
        t_np = pick(numpy_ms)
        t = {k: pick(v) for k, v in java.items()}
        gf = lambda ms: flops / (ms * 1e-3) / 1e9
        fmt = lambda ms: f"{ms:.4g}"
        print(f"| {shape.replace('x', ' × ')} | {fmt(t_np)} | {fmt(t['pair'])} | {fmt(t['fused'])} "
              f"| {fmt(t['plainLoops'])} | {gf(t_np):.2f} / {gf(t['pair']):.2f} / {gf(t['fused']):.2f} "
              f"| {t_np / t['pair']:.2f} | {t_np / t['fused']:.2f} | {t_np / t['plainLoops']:.2f} |")

table("Best of all runs (NumPy: each run's mean over its repetitions; Java: each JMH iteration)", min)
table("Median of all runs", statistics.median)
print(f"\nruns: NumPy {len(rows[0][2])} per shape, Java {len(rows[0][3].get('pair', []))} iterations per "
      "benchmark and shape; ratio = NumPy time / Java time (Java throughput relative to NumPy)")
PYEOF
echo
cat "$OUT/load.txt"
sed -n '/^MatrixKernels path/p' "$OUT/machine.txt"
