#!/usr/bin/env bash
# Times one training epoch of the paper's RNN (1 input, 50 tanh, 3 classes; 144 sequences of length 2,500,
# batch 32, Adam, full BPTT) and the inference of 48 such sequences, in distinct (JMH, RnnEpochBenchmark)
# and in PyTorch (bench/rnn_epoch_torch.py, 2 threads), and prints both with the ratios.
# Usage: bench/run-rnn.sh      (env BUILD_DIR=core/target by default; JMH_ARGS to add JMH options, e.g. "-prof gc")
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/core/target}"
mvn -f core/pom.xml -B -q -o -DbuildDir="$BUILD_DIR" -DskipTests test-compile
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(mvn -f core/pom.xml -B -q -o -DbuildDir="$BUILD_DIR" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
JSON="$BUILD_DIR/jmh-rnn.json"
java --add-modules jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main RnnEpochBenchmark \
  -rf json -rff "$JSON" ${JMH_ARGS:-} 2>&1 | grep -v "^WARNING: Using incubator"
read -r EPOCH_MS INFER_MS < <(python3 -c "
import json
r = {b['benchmark'].rsplit('.', 1)[1]: b['primaryMetric']['scorePercentiles']['50.0'] for b in json.load(open('$JSON'))}
print(r['epoch'], r['inference48'])")
echo
echo "== PyTorch (2 threads, float32) =="
TORCH_OUT=$(/usr/bin/python3 bench/rnn_epoch_torch.py)
echo "$TORCH_OUT"
TORCH_EPOCH=$(echo "$TORCH_OUT" | awk '/^epoch median/ {print $3}')
TORCH_INFER=$(echo "$TORCH_OUT" | awk '/^inference48 median/ {print $3}')
echo
echo "== RNN 1-50-3 tanh: epoch of 144 x 2,500 steps (batch 32, Adam, full BPTT); inference of 48 =="
python3 - "$EPOCH_MS" "$INFER_MS" "$TORCH_EPOCH" "$TORCH_INFER" <<'PY'
import sys
je, ji, te, ti = map(float, sys.argv[1:5])
print(f"distinct epoch (float, 2 threads, JMH median): {je:8.1f} ms   PyTorch {te:8.1f} ms   ratio {te / je:5.1f}x")
print(f"distinct inference48 (double, JMH median):     {ji:8.1f} ms   PyTorch {ti:8.1f} ms   ratio {ti / ji:5.1f}x")
print("targets: epoch <= 130 ms:", "met" if je <= 130 else "NOT met", "| inference48 <= 40 ms:", "met" if ji <= 40 else "NOT met")
PY
