#!/usr/bin/env bash
# Times ONNX import and export of a 50-unit LSTM (1-50-3, 10,753 parameters, with metadata):
# 1. the first call in fresh JVMs with JMH (core/src/test/java/org/distinct/bench/OnnxBenchmark.java: SingleShotTime, no
#    warm-up, FORKS forks; target under 50 ms); its import follows the setup's export in the same JVM;
# 2. the first call in fresh JVMs without JMH (org.distinct.onnx.OnnxColdStart, COLD runs each): the export, and the
#    import of a file in a JVM that has run nothing of ONNX before; medians printed; then the parts of a first import
#    (PHASES JVMs, 7 by default: parseFrom, building the metadata ObjectMapper, the first readValue, the importer's own work);
# 3. the steady state (JMH SampleTime) after WARMUP one-second warm-up iterations (15 by default: on the loaded shared
#    machine the JIT threads get little CPU: after the annotation's 3 iterations the export's median was still 2.3 ms,
#    after 15 it was 0.055 ms).
# Usage: bench/run-onnx.sh            (env BUILD_DIR=core/target by default; FORKS=10; COLD=15; PHASES=7; WARMUP=15; JMH_ARGS for more
#                                      JMH options; STEADY=0 skips step 3)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/core/target}"
mvn -f core/pom.xml -B -q -o -DbuildDir="$BUILD_DIR" -DskipTests test-compile
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(mvn -f core/pom.xml -B -q -o -DbuildDir="$BUILD_DIR" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
run() { java --add-modules jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main OnnxBenchmark "$@" ${JMH_ARGS:-} 2>&1 | grep -v "^WARNING: Using incubator"; }
echo "== first call after JVM start (JMH SingleShotTime, ${FORKS:-10} forks, no warm-up)"
run -bm ss -wi 0 -i 1 -f "${FORKS:-10}" -rf json -rff "$BUILD_DIR/jmh-onnx-first.json"
echo "== first call after JVM start (OnnxColdStart, ${COLD:-15} JVMs each; load average $(cut -d' ' -f1-3 /proc/loadavg))"
file="$(mktemp --suffix=.onnx)"
trap 'rm -f "$file"' EXIT
cold() { java --add-modules jdk.incubator.vector -cp "$CP" org.distinct.onnx.OnnxColdStart "$@" 2>/dev/null; }
median() { sort -g | awk '{v[NR] = $1} END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median %.1f ms (min %.1f, max %.1f, %d runs)", m, v[1], v[NR], NR}'; }
cold_runs() { local out; out="$(for _ in $(seq "${COLD:-15}"); do cold "$1" "$file"; done)"
  printf "%-18s wall: %s; thread CPU: %s\n" "$1:" "$(cut -d' ' -f2 <<<"$out" | median)" "$(cut -d' ' -f3 <<<"$out" | median)"; }
cold_runs export
cold_runs import
phase_runs() { local out; out="$(for _ in $(seq "${PHASES:-7}"); do cold phases "$file"; done)"
  for col in 2 4 6 8; do printf "  %-20s thread CPU %s\n" "$(head -1 <<<"$out" | cut -d' ' -f$((col - 1)))" "$(cut -d' ' -f$col <<<"$out" | median)"; done; }
echo "== parts of a first import (OnnxColdStart phases, ${PHASES:-7} JVMs)"
phase_runs
if [[ "${STEADY:-1}" != 0 ]]; then
  echo "== steady state (SampleTime, ${WARMUP:-15} warm-up iterations)"
  run -bm sample -wi "${WARMUP:-15}" -rf json -rff "$BUILD_DIR/jmh-onnx-steady.json"
fi
