#!/usr/bin/env bash
# Times ONNX import and export of a 50-unit LSTM with JMH (src/test/java/org/distinct/bench/OnnxBenchmark.java):
# 1. the first call in fresh JVMs (SingleShotTime, no warm-up, FORKS forks; target under 50 ms), 2. the steady state.
# Usage: bench/run-onnx.sh            (env BUILD_DIR=target by default; FORKS=10; JMH_ARGS for more JMH options)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-target}"
mvn -B -q -o -DbuildDir="$BUILD_DIR" -DskipTests test-compile
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(mvn -B -q -o -DbuildDir="$BUILD_DIR" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
run() { java --add-modules jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main OnnxBenchmark "$@" ${JMH_ARGS:-} 2>&1 | grep -v "^WARNING: Using incubator"; }
echo "== first call after JVM start (SingleShotTime, ${FORKS:-10} forks, no warm-up)"
run -bm ss -wi 0 -i 1 -f "${FORKS:-10}" -rf json -rff "$BUILD_DIR/jmh-onnx-first.json"
echo "== steady state (SampleTime)"
run -bm sample -rf json -rff "$BUILD_DIR/jmh-onnx-steady.json"
