#!/usr/bin/env bash
# Times one training epoch of the Conv1D family's default network (1 input, 16 + 16 ReLU channels, kernel 5,
# stride 2, padding 2, average pooling, 3 classes; 144 sequences of the paper's song lengths 1,608-2,197, batch 32,
# Adam) and the inference of 48 such sequences, in distinct (JMH, Conv1dEpochBenchmark, 2 threads) and in PyTorch
# (bench/conv1d_epoch_torch.py, 2 threads, the faster of two exact batchings), and prints both with the ratios.
# Usage: bench/run-conv1d.sh
#   env: BUILD_DIR (default core/target), JMH_ARGS (extra JMH options, e.g. "-wi 2 -i 3" for a smoke run),
#        TORCH_ARGS ("WARMUP EPOCHS" for the PyTorch script, default "1 5")
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/core/target}"
MVN="mvn -f core/pom.xml -B -q -o -Dstyle.color=never -DbuildDir=$BUILD_DIR"
$MVN -DskipTests test-compile
$MVN dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$BUILD_DIR/bench-classpath.txt" >/dev/null
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench-classpath.txt")"
JSON="$BUILD_DIR/jmh-conv1d.json"
java --add-modules jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main Conv1dEpochBenchmark \
  -rf json -rff "$JSON" ${JMH_ARGS:-} 2>&1 | grep -v "^WARNING: Using incubator"
read -r EPOCH_MS INFER_MS < <(/usr/bin/python3 -c "
import json
r = {b['benchmark'].rsplit('.', 1)[1]: b['primaryMetric']['scorePercentiles']['50.0'] for b in json.load(open('$JSON'))}
print(r['epoch'], r['inference48'])")
echo
echo "== PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') (2 threads, float32) =="
TORCH_OUT=$(/usr/bin/python3 bench/conv1d_epoch_torch.py ${TORCH_ARGS:-})
echo "$TORCH_OUT"
TORCH_EPOCH=$(echo "$TORCH_OUT" | awk '/^epoch median/ {print $3}')
TORCH_INFER=$(echo "$TORCH_OUT" | awk '/^inference48 median/ {print $3}')
echo
echo "== Conv1D 1-16-16-3 ReLU (kernel 5, stride 2, padding 2, avg pool): epoch of 144 sequences of 1,608-2,197 steps (batch 32, Adam); inference of 48 =="
/usr/bin/python3 - "$EPOCH_MS" "$INFER_MS" "$TORCH_EPOCH" "$TORCH_INFER" <<'PY'
import sys
je, ji, te, ti = map(float, sys.argv[1:5])
print(f"distinct epoch (float, 2 threads, JMH median): {je:8.2f} ms   PyTorch {te:8.1f} ms   ratio {te / je:6.1f}x")
print(f"distinct inference48 (double, JMH median):     {ji:8.2f} ms   PyTorch {ti:8.1f} ms   ratio {ti / ji:6.1f}x")
print("target: epoch >= 10x faster than PyTorch:", "met" if te / je >= 10 else "NOT met")
PY
