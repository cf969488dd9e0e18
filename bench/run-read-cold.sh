#!/usr/bin/env bash
# Fresh-JVM cost of reading and preprocessing (issue 10): REPS rounds, each running, for the old jar and then the new
# one, (1) bench/read-cold/ReadOnce on the twelve song workbooks (reading, then the default preprocessing three times),
# (2) ReadOnce on the features workbook, (3) the whole `train --model rnn --series ... --epochs 1 --folds 2 --no-timing`
# and (4) the whole `train --data features.xlsx --epochs 1 --folds 10 --no-timing`, with the JVM options of the
# launcher. The runs of the two jars alternate, so that the load of a shared machine hits both alike; prints the
# medians (ms; wall clock and user + system CPU time) and checks that both jars print the same results.
# Usage: OLD_JAR=/tmp/read-before.jar bench/run-read-cold.sh [DATA]   (DATA: a folder from `distinct generate`,
#        default /tmp/rd, made if missing)      env: REPS (default 7), JAR (default the build's), ONLY (e.g. "rnn mlp")
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-/tmp/rd}"
REPS="${REPS:-7}"
JAR="${JAR:-core/target/distinct-0.1.0.jar}"
OLD_JAR="${OLD_JAR:?set OLD_JAR to the jar to compare with}"
ONLY="${ONLY:-series features rnn mlp}"
JOPTS=(--add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmn24m)
[[ -f "$JAR" ]] || mvn -B -q -o -Dmaven.test.skip=true -f core/pom.xml package
[[ -d "$DATA/series" ]] || java "${JOPTS[@]}" -jar "$JAR" generate -o "$DATA" >/dev/null 2>&1
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
javac -d "$WORK/classes" -cp "$JAR" bench/read-cold/ReadOnce.java

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

run() { # run NAME JAR KIND: one fresh JVM; appends "NAME KIND wall_ms [read_ms prep_ms]" to $WORK/res
  local name="$1" jar="$2" kind="$3" out
  case "$kind" in
    series) out="$( { /usr/bin/time -f 'WALL %e %U %S' java "${JOPTS[@]}" -cp "$jar:$WORK/classes" ReadOnce series "$DATA/series"; } 2>&1 | grep -v '^WARNING: Using incubator')" ;;
    features) out="$( { /usr/bin/time -f 'WALL %e %U %S' java "${JOPTS[@]}" -cp "$jar:$WORK/classes" ReadOnce features "$DATA/music-eeg-features.xlsx"; } 2>&1 | grep -v '^WARNING: Using incubator')" ;;
    rnn) out="$( { /usr/bin/time -f 'WALL %e %U %S' java "${JOPTS[@]}" -jar "$jar" train --model rnn --series "$DATA/series" --epochs 1 --folds 2 --no-timing; } 2>&1 | grep -v '^WARNING: Using incubator')" ;;
    mlp) out="$( { /usr/bin/time -f 'WALL %e %U %S' java "${JOPTS[@]}" -jar "$jar" train --data "$DATA/music-eeg-features.xlsx" --epochs 1 --folds 10 --no-timing; } 2>&1 | grep -v '^WARNING: Using incubator')" ;;
  esac
  echo "$out" | grep -v '^WALL' > "$WORK/out-$name-$kind.txt"
  local wall cpu read prep
  wall="$(echo "$out" | awk '/^WALL/ {print $2 * 1000}')"
  cpu="$(echo "$out" | awk '/^WALL/ {print ($3 + $4) * 1000}')"
  read="$(echo "$out" | awk '/^read/ {print $2}')"
  prep="$(echo "$out" | awk '/^read/ && $3 == "prep" {print $4}')"
  echo "$name $kind $wall ${read:--} ${prep:--} $cpu" >> "$WORK/res"
}

for _ in $(seq 1 "$REPS"); do
  for kind in $ONLY; do
    run old "$OLD_JAR" "$kind"
    run new "$JAR" "$kind"
  done
done
for kind in $ONLY; do
  if ! cmp -s <(sed 's/^read [0-9.]* \(prep [0-9.]* \)\?\(total [0-9.]* \)\?//' "$WORK/out-old-$kind.txt") \
              <(sed 's/^read [0-9.]* \(prep [0-9.]* \)\?\(total [0-9.]* \)\?//' "$WORK/out-new-$kind.txt"); then
    echo "$kind: the two jars print different results:"; diff "$WORK/out-old-$kind.txt" "$WORK/out-new-$kind.txt" | head -20
  fi
  for n in old new; do
    printf '%-8s %-3s whole JVM %6.0f ms (CPU %6.0f ms)' "$kind" "$n" "$(awk -v n="$n" -v k="$kind" '$1 == n && $2 == k {print $3}' "$WORK/res" | median)" \
      "$(awk -v n="$n" -v k="$kind" '$1 == n && $2 == k {print $6}' "$WORK/res" | median)"
    if [[ "$kind" == series || "$kind" == features ]]; then
      printf '   read %6.1f ms' "$(awk -v n="$n" -v k="$kind" '$1 == n && $2 == k {print $4}' "$WORK/res" | median)"
      [[ "$kind" == series ]] && printf '   preprocessing x3 %6.1f ms' "$(awk -v n="$n" -v k="$kind" '$1 == n && $2 == k {print $5}' "$WORK/res" | median)"
    fi
    printf '   (median of %d)\n' "$REPS"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
