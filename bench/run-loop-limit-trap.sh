#!/usr/bin/env bash
# Why the RNN and gated kernels' time loops have exclusive bounds (issue 10): compiles bench/jit-loop-limit/
# LoopLimitTrap and runs each loop form (inclusive le/ge, exclusive lt/gt) with one iteration (from = to = 1, 2, 3) and
# with three, in a fresh JVM each with -XX:+LogCompilation, and prints the loop-limit-check traps the loop took. On
# JDK 17 the inclusive forms trap when the loop runs once; the exclusive ones never. Usage: bench/run-loop-limit-trap.sh
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
javac --add-modules jdk.incubator.vector -d "$WORK" bench/jit-loop-limit/LoopLimitTrap.java 2>&1 | grep -v 'incubator\|^1 warning' || true
for form in le lt ge gt; do
  for range in "1 1" "2 2" "3 3" "1 3"; do
    java --add-modules jdk.incubator.vector -XX:-UseOnStackReplacement -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation \
      "-XX:LogFile=$WORK/log" -cp "$WORK" LoopLimitTrap $form $range 2>&1 | grep -v '^WARNING: Using incubator' || true
    n="$(grep -c "^<uncommon_trap thread=.*reason='loop_limit_check'" "$WORK/log" || true)"
    printf '%s  t from %s to %s: %s loop-limit-check trap(s)\n' "$form" ${range} "$n"
  done
done
