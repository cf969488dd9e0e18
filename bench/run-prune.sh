#!/usr/bin/env bash
# Times the pruning kernels with JMH (core/src/test/java/org/distinct/bench/PruneStepBenchmark.java):
# all angles for 30 units over 518 patterns, one pruning step of 2 units including re-evaluation on 58 test rows.
# Usage: bench/run-prune.sh            (env BUILD_DIR=core/target by default; JMH_ARGS to override JMH options)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-$PWD/core/target}"
mvn -f core/pom.xml -B -q -o -DbuildDir="$BUILD_DIR" -DskipTests test-compile
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(mvn -f core/pom.xml -B -q -o -DbuildDir="$BUILD_DIR" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
java --add-modules jdk.incubator.vector -cp "$CP" org.openjdk.jmh.Main PruneStepBenchmark \
  -rf json -rff "$BUILD_DIR/jmh-prune.json" ${JMH_ARGS:-} 2>&1 | grep -v "^WARNING: Using incubator"
