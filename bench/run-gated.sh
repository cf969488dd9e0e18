#!/usr/bin/env bash
# Times one training epoch of the paper's recurrent shape with gated cells (1 input, 50 LSTM or GRU units, 3 classes;
# 144 sequences of the real song lengths, batch 32, Adam, full BPTT, 2 threads) and the inference of 48 such sequences,
# in distinct (JMH, GatedEpochBenchmark) and in PyTorch (bench/gated_epoch_torch.py, 2 threads, float32, batched per
# song), and prints both side by side with the ratios.
# Usage: bench/run-gated.sh      (env BUILD_DIR=core/target by default; JMH_ARGS to add JMH options, e.g. "-prof gc")
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/core/target}"
mvn -f core/pom.xml -B -q -o -DbuildDir="$BUILD_DIR" -DskipTests test-compile
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(mvn -f core/pom.xml -B -q -o -DbuildDir="$BUILD_DIR" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
JSON="$BUILD_DIR/jmh-gated.json"
java --add-modules jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main GatedEpochBenchmark \
  -rf json -rff "$JSON" ${JMH_ARGS:-} 2>&1 | grep -v "^WARNING: Using incubator"
declare -A J T
while read -r key value; do J[$key]=$value; done < <(python3 -c "
import json
for b in json.load(open('$JSON')):
    print(b['params']['cell'] + '.' + b['benchmark'].rsplit('.', 1)[1], b['primaryMetric']['scorePercentiles']['50.0'])")
for cell in lstm gru; do
  echo
  echo "== PyTorch $cell (2 threads, float32) =="
  OUT=$(/usr/bin/python3 bench/gated_epoch_torch.py "$cell")
  echo "$OUT"
  T[$cell.epoch]=$(echo "$OUT" | awk '/^epoch median/ {print $3}')
  T[$cell.inference48]=$(echo "$OUT" | awk '/^inference48 median/ {print $3}')
done
echo
echo "== 1-50-3 gated RNNs: epoch of 144 sequences of 1,608-2,197 steps (batch 32, Adam, full BPTT); inference of 48 =="
python3 - "${J[lstm.epoch]}" "${T[lstm.epoch]}" "${J[lstm.inference48]}" "${T[lstm.inference48]}" \
  "${J[gru.epoch]}" "${T[gru.epoch]}" "${J[gru.inference48]}" "${T[gru.inference48]}" <<'PY'
import sys
v = list(map(float, sys.argv[1:9]))
for i, cell in enumerate(["lstm", "gru"]):
    je, te, ji, ti = v[4 * i:4 * i + 4]
    print(f"{cell} epoch (float, 2 threads, JMH median):  distinct {je:8.1f} ms   PyTorch {te:8.1f} ms   ratio {te / je:5.1f}x"
          f"   target >= 25x: {'met' if te / je >= 25 else 'NOT met'}")
    print(f"{cell} inference48 (double, JMH median):      distinct {ji:8.1f} ms   PyTorch {ti:8.1f} ms   ratio {ti / ji:5.1f}x")
PY
