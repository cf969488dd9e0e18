#!/usr/bin/env bash
# Fresh-JVM kernel warm-ups (issue 10): REPS JVMs, each running one warm-up race (bench/warmup-cold/WarmupOnce) of the
# RNN or the dense kernels with the launcher's JIT options and a time limit, alone (no reading, no training beside it).
# Prints how many races the vector kernels won and the median time to win. A race is lost when the vector kernels
# never become faster than the plain ones without allocating within the limit: C2 then compiled a kernel into code
# that boxes its vectors, and a real run would stay on the plain kernels or switch to slow vector code at the limit.
# Usage: bench/run-warmup-cold.sh [RNN|DENSE]   env: REPS (default 16), LIMIT_MS (default 6000), JAR (default the build's)
set -euo pipefail
cd "$(dirname "$0")/.."
KIND="${1:-RNN}"
REPS="${REPS:-16}"
LIMIT_MS="${LIMIT_MS:-6000}"
JAR="${JAR:-core/target/distinct-0.1.0.jar}"
[[ -f "$JAR" ]] || mvn -B -q -o -Dmaven.test.skip=true -f core/pom.xml package
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
javac --add-modules jdk.incubator.vector -d "$WORK/classes" -cp "$JAR" bench/warmup-cold/WarmupOnce.java 2>&1 \
  | grep -v 'incubator\|^1 warning' || true
# the launcher's JIT options for the sequence models (see ./distinct)
JOPTS=(--add-modules jdk.incubator.vector -XX:+UseParallelGC -XX:CICompilerCount=3 -XX:-UseOnStackReplacement
  -XX:CompileCommand=quiet "-XX:CompileCommand=CompileThresholdScaling,org.distinct.tensor.Vector*::*,0.1")
for i in $(seq "$REPS"); do
  java "${JOPTS[@]}" ${EXTRA_JAVA_OPTS:-} -cp "$WORK/classes:$JAR" org.distinct.tensor.WarmupOnce "$KIND" "$LIMIT_MS" 2>&1 \
    | grep -v '^WARNING: Using incubator' | tee -a "$WORK/res"
done
won="$(awk '$2 == "won"' "$WORK/res" | wc -l)"
median="$(awk '$2 == "won" {print $3}' "$WORK/res" | sort -n | awk '{a[NR]=$1} END {print NR ? ((NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) : "-"}')"
echo "won $won of $REPS races; median time to win $median ms"
