#!/usr/bin/env bash
# Checks the ./distinct launcher end to end (needs the jar built; the launcher builds it if missing):
# - the JVM's incubator notice is gone, a user error is exactly one line on stderr with "did you mean", exit code 2;
# - stdout and the exit code are the program's own (--version: 0; a bad JVM option: the JVM's 1 and its message);
# - the class-data archive: with it, without it (missing), stale (older than the jar), truncated and garbage,
#   every command still runs and gives the same output (the launcher ignores archives it cannot vouch for).
# The archive files in core/target/ are saved first and put back at the end. Usage: core/src/test/sh/check-launcher.sh
set -uo pipefail
cd "$(dirname "$0")/../../../.."
jar=core/target/distinct-0.1.0.jar
jsa=core/target/distinct-0.1.0.jsa
./distinct --version >/dev/null 2>&1 || { echo "FAIL: ./distinct --version does not run"; exit 1; }
failures=0
check() { # name, condition
  if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}
run() { # args... -> $out, $err, $rc
  ./distinct "$@" >/tmp/check-launcher.out 2>/tmp/check-launcher.err
  rc=$?
  out="$(cat /tmp/check-launcher.out)"
  err="$(cat /tmp/check-launcher.err)"
}
errors_and_output() { # label
  run trian
  check "$1: mistyped command: one stderr line with a suggestion, exit 2" \
    '[[ $rc == 2 && "$(wc -l </tmp/check-launcher.err)" == 1 && "$err" == *"did you mean '"'"'train'"'"'"* && -z "$out" ]]'
  run train --epoch 5
  check "$1: mistyped option: one stderr line with a suggestion, exit 2" \
    '[[ $rc == 2 && "$(wc -l </tmp/check-launcher.err)" == 1 && "$err" == *"did you mean '"'"'--epochs'"'"'"* ]]'
  run --version
  check "$1: --version on stdout, nothing on stderr, exit 0" '[[ $rc == 0 && "$out" == "distinct "* && -z "$err" ]]'
  run evaluate --model /nonexistent/m.json
  check "$1: missing model file: one stderr line naming it, exit 2" \
    '[[ $rc == 2 && "$(wc -l </tmp/check-launcher.err)" == 1 && "$err" == *"/nonexistent/m.json"* ]]'
}

saved=$(mktemp -d)
cp -p "$jsa" "$jsa.id" "$jsa.learnt" "$jsa.classlist" "$saved/" 2>/dev/null
restore() { rm -f "$jsa" "$jsa.id" "$jsa.learnt"; cp -p "$saved"/* core/target/ 2>/dev/null; rm -rf "$saved"; }
trap restore EXIT

errors_and_output "as found"
check "no incubator notice" '! grep -q "incubator" /tmp/check-launcher.err'
DISTINCT_JAVA_OPTS=-XX:+NoSuchOption ./distinct --version >/tmp/check-launcher.out 2>/tmp/check-launcher.err
rc=$?
sleep 0.2 # the JVM's own lines pass the filter process
check "bad JVM option: the JVM's exit code 1 and its message get through" \
  '[[ $rc == 1 ]] && grep -q "NoSuchOption" /tmp/check-launcher.err'

rm -f "$jsa" "$jsa.id"
errors_and_output "archive missing"
if [[ -f "$saved/distinct-0.1.0.jsa" ]]; then
  cp "$saved/distinct-0.1.0.jsa" "$jsa"; cp "$saved/distinct-0.1.0.jsa.id" "$jsa.id"
  touch -d '2000-01-01' "$jsa"
  errors_and_output "archive stale (older than the jar)"
  head -c 1000000 "$saved/distinct-0.1.0.jsa" > "$jsa"
  errors_and_output "archive truncated"
  check "truncated archive: no JVM crash report" '! ls hs_err_pid*.log >/dev/null 2>&1'
fi
head -c 200000 /dev/urandom > "$jsa"
echo "$PWD/$jar $(readlink -f "$(command -v java)") 200000" > "$jsa.id"
errors_and_output "archive garbage (with a matching identity line)"
# learning: each kind of command once (ten runs of one command do not use up the learning)
wait_for_archive() { for _ in $(seq 1 120); do [[ -d "$jsa.lock" ]] || return 0; sleep 0.5; done; }
rm -f "$jsa" "$jsa.id" "$jsa.learnt"
for _ in 1 2 3 4 5 6 7 8 9 10; do ./distinct --version >/dev/null 2>&1; sleep 0.3; wait_for_archive; done
./distinct generate --help >/dev/null 2>&1; sleep 0.3; wait_for_archive
check "archive learning: --version learnt once, then generate" \
  '[[ -f "$jsa" && "$(grep -c "^- $" "$jsa.learnt")" == 1 ]] && grep -qx "generate " "$jsa.learnt"'
check "archive learning: the learnt archive is used (valid identity line)" \
  '[[ "$(cat "$jsa.id")" == "$PWD/$jar $(readlink -f "$(command -v java)") $(wc -c < "$jsa" | tr -d " ")" ]]'
before="$(stat -c %Y "$jsa")"
(cd core && ../distinct --version >/dev/null 2>&1 && ./../distinct --version >/dev/null 2>&1); sleep 0.3; wait_for_archive
check "the launcher run from another folder finds its jar and the same archive (no relearning)" \
  '[[ "$(stat -c %Y "$jsa")" == "$before" && "$(grep -c "^- $" "$jsa.learnt")" == 1 ]]'
rm -f "$jsa" "$jsa.id"
DISTINCT_CDS=off ./distinct --version >/dev/null 2>&1
check "DISTINCT_CDS=off runs" '[[ $? == 0 ]]'
# on-stack replacement: off for the recurrent models only where the processor has wide vectors (AVX2)
printf 'processor\t: 0\nflags\t\t: fpu sse2 avx avx2 fma\n' > /tmp/check-launcher.cpu-wide
printf 'processor\t: 0\nflags\t\t: fpu sse2 avx\n' > /tmp/check-launcher.cpu-narrow
osr() { DISTINCT_CDS=off DISTINCT_CPUINFO="$1" DISTINCT_JAVA_OPTS=-XX:+PrintFlagsFinal ./distinct "${@:2}" --help 2>/dev/null \
  | awk '$2 == "UseOnStackReplacement" {print $4}'; }
check "rnn with AVX2: no on-stack replacement" '[[ "$(osr /tmp/check-launcher.cpu-wide train --model rnn)" == false ]]'
check "rnn without AVX2: on-stack replacement" '[[ "$(osr /tmp/check-launcher.cpu-narrow train --model rnn)" == true ]]'
check "mlp with AVX2: on-stack replacement" '[[ "$(osr /tmp/check-launcher.cpu-wide train)" == true ]]'
echo "$failures failure(s)"
[[ $failures == 0 ]]
