#!/usr/bin/env bash
# Fresh-JVM cost of ModelFile.load (Issue 10): REPS fresh JVMs each time the first load of MODEL (class loading and
# initialisation of the JSON reader included) and a second load; prints the medians, and the median whole-process
# wall time of the JVM (start to exit, /usr/bin/time). Compares with another build of the jar when OLD_JAR is set
# (e.g. a copy of core/target/distinct-0.1.0.jar built before a change; runs of the two alternate). No class-data archive (-Xshare:auto with the
# JDK's default archive only), as a plain `java -cp` run.
# Usage: bench/run-model-load.sh MODEL.json      env: REPS (default 10), OLD_JAR (optional), JAR (default the build's)
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL="${1:?usage: bench/run-model-load.sh MODEL.json}"
REPS="${REPS:-10}"
JAR="${JAR:-core/target/distinct-0.1.0.jar}"
[[ -f "$JAR" ]] || mvn -B -q -Dmaven.test.skip=true -f core/pom.xml package
CLASSES="$(mktemp -d)"
trap 'rm -rf "$CLASSES"' EXIT
javac -d "$CLASSES" -cp "$JAR" bench/model-load/ModelLoadOnce.java

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

once() { # once JAR: one fresh JVM; prints "first second wall" (ms)
  local out
  out="$( { /usr/bin/time -f 'WALL %e' java -XX:+UseParallelGC -cp "$1:$CLASSES" ModelLoadOnce "$MODEL"; } 2>&1 )"
  echo "$(echo "$out" | awk 'NR==1 {print $1, $2}') $(echo "$out" | awk '/^WALL/ {print $2 * 1000}')"
}

names=(new); jars=("$JAR")
[[ -n "${OLD_JAR:-}" ]] && { names=(old new); jars=("$OLD_JAR" "$JAR"); }
RES="$(mktemp)"
trap 'rm -rf "$CLASSES" "$RES"' EXIT
for _ in $(seq 1 "$REPS"); do # interleaved, so that the load of a shared machine hits both alike
  for i in "${!jars[@]}"; do echo "${names[$i]} $(once "${jars[$i]}")" >> "$RES"; done
done
for n in "${names[@]}"; do
  printf '%-4s first load %7.1f ms   second load %6.1f ms   whole JVM %6.0f ms   (medians of %d)\n' "$n" \
    "$(awk -v n="$n" '$1 == n {print $2}' "$RES" | median)" "$(awk -v n="$n" '$1 == n {print $3}' "$RES" | median)" \
    "$(awk -v n="$n" '$1 == n {print $4}' "$RES" | median)" "$REPS"
done
