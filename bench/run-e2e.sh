#!/usr/bin/env bash
# Whole-process wall clock of distinct commands, and end to end against PyTorch running the same protocol
# (bench/e2e_torch.py): every number is a complete process, from its start (JVM or Python start-up, reading the
# files) to its exit, timed with /usr/bin/time. Prints per command the median and min wall time and the median CPU
# time (user + sys) over REPS runs, and the PyTorch/distinct ratios of the medians.
#   start-up targets: MLP train --epochs 1 --folds 10 (<= 1.0 s), RNN train --epochs 1 --folds 2 (<= 2.0 s),
#                     evaluate of a saved MLP (<= 0.8 s)
#   end to end:       MLP 10-fold + final at 300 epochs (>= 15x PyTorch), RNN 2-fold + final at 10 epochs (>= 12x)
# Data: the demo in the real layouts (`distinct generate`: a 518-row features workbook, twelve series workbooks);
# distinct reads the workbooks, PyTorch the CSV copies written next to them (Debian's Python has no xlsx reader, so
# PyTorch is spared the workbook parsing: the ratios are on the conservative side).
# Before timing, each distinct command runs once untimed, and the launcher's class-data archive is given time to
# be written (it is learnt from the first commands after a build); so the numbers are those of every later call.
# Usage: bench/run-e2e.sh      env: REPS (default 5), TORCH_REPS (default REPS), DATA (default target/e2e-data),
#                                   TORCH_RNN_REPS (default TORCH_REPS; 0 skips), ONLY=startup|e2e (default both)
set -euo pipefail
cd "$(dirname "$0")/.."
REPS="${REPS:-5}"
TORCH_REPS="${TORCH_REPS:-$REPS}"
DATA="${DATA:-target/e2e-data}"
ONLY="${ONLY:-}"
./distinct --version >/dev/null
[[ -f "$DATA/music-eeg-features.xlsx" && -f "$DATA/series-csv/S12.csv" ]] || ./distinct generate -o "$DATA" >/dev/null
MODEL="$DATA/mlp-e2e.json"
[[ -f "$MODEL" ]] || ./distinct train --data "$DATA/music-eeg-features.xlsx" --epochs 300 --folds 0 --save "$MODEL" >/dev/null
TIMES="$(mktemp)"
trap 'rm -f "$TIMES" "$TIMES.one"' EXIT

wait_for_archive() { # the launcher writes the archive in the background after a command (a lock folder meanwhile)
  for _ in $(seq 1 120); do [[ -d core/target/distinct-0.1.0.jsa.lock ]] || return 0; sleep 1; done
}

# measure NAME REPS COMMAND...: runs the command REPS times, appends "NAME median_wall min_wall median_cpu" to $TIMES
measure() {
  local name="$1" reps="$2"; shift 2
  (( reps > 0 )) || { echo "  $name: skipped"; return 0; }
  local runs=()
  for _ in $(seq 1 "$reps"); do
    /usr/bin/time -o "$TIMES.one" -f '%e %U %S' "$@" >/dev/null 2>&1
    runs+=("$(tail -1 "$TIMES.one")")
  done
  printf '%s\n' "${runs[@]}" | /usr/bin/python3 -c "
import statistics, sys
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
wall = [r[0] for r in rows]; cpu = [r[1] + r[2] for r in rows]
print('$name', statistics.median(wall), min(wall), statistics.median(cpu), len(rows))" >> "$TIMES"
  tail -1 "$TIMES" | awk '{printf "  %-26s median %7.2f s  min %7.2f s  cpu %7.2f s  (%d runs)\n", $1, $2, $3, $4, $5}'
}

MLP_ARGS=(train --data "$DATA/music-eeg-features.xlsx")
RNN_ARGS=(train --model rnn --series "$DATA/series")
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
if [[ "$ONLY" != e2e ]]; then
  [[ "${PREP:-1}" == 0 ]] ||
  for args in "${MLP_ARGS[*]} --epochs 1 --folds 10" "${RNN_ARGS[*]} --epochs 1 --folds 2" "evaluate --model $MODEL --data $DATA/music-eeg-features.xlsx"; do
    ./distinct $args >/dev/null 2>&1 || true
    wait_for_archive
  done
  echo "== start-up: whole distinct processes =="
  measure mlp-1-epoch-10-folds "$REPS" ./distinct "${MLP_ARGS[@]}" --epochs 1 --folds 10
  measure rnn-1-epoch-2-folds "$REPS" ./distinct "${RNN_ARGS[@]}" --epochs 1 --folds 2
  measure evaluate-mlp "$REPS" ./distinct evaluate --model "$MODEL" --data "$DATA/music-eeg-features.xlsx"
fi
if [[ "$ONLY" != startup ]]; then
  echo "== end to end: distinct and PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)'), whole processes =="
  measure mlp-300-epochs-distinct "$REPS" ./distinct "${MLP_ARGS[@]}" --epochs 300 --folds 10
  measure mlp-300-epochs-pytorch "$TORCH_REPS" /usr/bin/python3 bench/e2e_torch.py mlp "$DATA" 300 10
  measure rnn-10-epochs-distinct "$REPS" ./distinct "${RNN_ARGS[@]}" --epochs 10 --folds 2
  measure rnn-10-epochs-pytorch "${TORCH_RNN_REPS:-$TORCH_REPS}" /usr/bin/python3 bench/e2e_torch.py rnn "$DATA" 10 2
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
/usr/bin/python3 - "$TIMES" <<'PY'
import sys
t = {l.split()[0]: list(map(float, l.split()[1:4])) for l in open(sys.argv[1])}
targets = {"mlp-1-epoch-10-folds": 1.0, "rnn-1-epoch-2-folds": 2.0, "evaluate-mlp": 0.8}
for k, limit in targets.items():
    if k in t:
        print(f"{k:26s} median {t[k][0]:6.2f} s (min {t[k][1]:6.2f}, cpu {t[k][2]:6.2f})  target <= {limit} s: "
              + ("met" if t[k][0] <= limit else "NOT met"))
for m, goal in (("mlp-300-epochs", 15), ("rnn-10-epochs", 12)):
    d, p = t.get(m + "-distinct"), t.get(m + "-pytorch")
    if d and p:
        print(f"{m:26s} distinct {d[0]:6.2f} s, PyTorch {p[0]:6.2f} s: {p[0] / d[0]:5.1f}x (min {p[1] / d[1]:5.1f}x, "
              f"cpu {p[2] / d[2]:5.1f}x)  target >= {goal}x: " + ("met" if p[0] / d[0] >= goal else "NOT met"))
PY
