#!/usr/bin/env bash
# Times one training epoch of the paper's MLP (25-30-3 sigmoid, 518 rows, batch 32, Adam, shuffled)
# in distinct (JMH) and in PyTorch (bench/mlp_epoch_torch.py) on this machine, and prints both.
# Usage: bench/run-mlp.sh
#   env: BUILD_DIR (default core/target), MVN_ARGS (e.g. -o for offline), JMH_ARGS (extra JMH options,
#        e.g. "-wi 3 -i 5"), TORCH_ARGS ("WARMUP EPOCHS" for the PyTorch script, default "200 1000")
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/core/target}"
MVN="mvn -f core/pom.xml -B -q -Dstyle.color=never ${MVN_ARGS:-} -DbuildDir=$BUILD_DIR"
$MVN -DskipTests test-compile
$MVN dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$BUILD_DIR/bench-classpath.txt" >/dev/null
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench-classpath.txt")"
JSON="$BUILD_DIR/jmh-mlp.json"
java --add-modules jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main MlpEpochBenchmark \
  -rf json -rff "$JSON" ${JMH_ARGS:-} 2>&1 | grep -v "^WARNING: Using incubator"
median() { /usr/bin/python3 -c "
import json
for r in json.load(open('$JSON')):
    if r['params']['kernels'] == '$1': print(r['primaryMetric']['scorePercentiles']['50.0'])"; }
JAVA_MEDIAN_US=$(median vector)
PLAIN_MEDIAN_US=$(median plain)
echo
echo "== PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') (2 threads) =="
TORCH_OUT=$(/usr/bin/python3 bench/mlp_epoch_torch.py ${TORCH_ARGS:-})
echo "$TORCH_OUT"
TORCH_F32_MS=$(echo "$TORCH_OUT" | awk '/^float32 median/ {print $3}')
TORCH_F64_MS=$(echo "$TORCH_OUT" | awk '/^float64 median/ {print $3}')
echo
echo "== MLP epoch, 25-30-3 sigmoid, 518 rows, batch 32, Adam, shuffled =="
/usr/bin/python3 - "$JAVA_MEDIAN_US" "$TORCH_F32_MS" "$TORCH_F64_MS" "$PLAIN_MEDIAN_US" <<'PY'
import sys
j = float(sys.argv[1]) / 1000.0
t32, t64 = float(sys.argv[2]), float(sys.argv[3])
p = float(sys.argv[4]) / 1000.0
print(f"distinct (double, Vector API kernels, JMH median): {j:.4f} ms/epoch")
print(f"distinct (double, plain-Java kernels, JMH median): {p:.4f} ms/epoch")
print(f"PyTorch float32 (median):                         {t32:.4f} ms/epoch   PyTorch/distinct = {t32 / j:.1f}x")
print(f"PyTorch float64 (median):                         {t64:.4f} ms/epoch   PyTorch/distinct = {t64 / j:.1f}x")
print("target: distinct <= 0.3 ms/epoch:", "met" if j <= 0.3 else "NOT met")
PY
