#!/usr/bin/env bash
# Times pruning of a 1-50-3 LSTM and GRU with JMH (core/src/test/java/org/distinct/bench/GatedPruneBenchmark.java):
# the weight surgery, one structural / mask step (2 units, angles recomputed over 144 sequences, evaluation on 48),
# and the Taylor criterion's state gradients over the 144 sequences (double textbook BPTT).
# Usage: bench/run-gated-prune.sh      (env BUILD_DIR=core/target by default; JMH_ARGS to override JMH options,
#                                       e.g. JMH_ARGS="-p length=2500" or "-wi 0 -i 1" for a smoke run)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/core/target}"
mvn -f core/pom.xml -B -q -o -DbuildDir="$BUILD_DIR" -DskipTests test-compile
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(mvn -f core/pom.xml -B -q -o -DbuildDir="$BUILD_DIR" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
java --add-modules jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main GatedPruneBenchmark \
  -rf json -rff "$BUILD_DIR/jmh-gated-prune.json" ${JMH_ARGS:-} 2>&1 | grep -v "^WARNING: Using incubator"
