#!/usr/bin/env bash
# SASRec's losses at catalog scale: seconds per epoch on the synthetic 100k users × 20k items ×
# 5M interactions, and ml-100k loo test NDCG@10 per seed, every run in its own process (so peak
# memory is that run's). Prints a table and writes Benchmarks/results/sasrec-loss-*.json.
# Usage: Benchmarks/peers/sasrec-loss.sh [ML100K_DIR]          (default ../shared/data/ml-100k)
#   SEEDS="42 7 1"  LOSSES="ce gbce sampled-ce"  (ml-100k)   SYNTH_LOSSES="auto sampled-ce bce"  (5M)
#   SYNTH_LOSSES="ce ..." adds the full softmax's epoch (about 7 minutes on 2 cores).
#   EXTRA=k=v,... adds parameters to every run (for example shared-negatives=512).
#   QUICK=1 fits with Benchmarks/peers/sasrec-quick (the same fit and loo evaluation, built with
#   swiftc from three modules in a few minutes) instead of a release build of curator.
#   JOBS=2 runs two ml-100k fits at a time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$here/../.."
data="${1:-$root/../shared/data/ml-100k}"
seeds="${SEEDS:-42 7 1}"; losses="${LOSSES-ce gbce sampled-ce}"; synth_losses="${SYNTH_LOSSES-auto sampled-ce bce}"
extra="${EXTRA:+,$EXTRA}"
cache="${CURATOR_CACHE_DIR:-$HOME/.cache/curator}/bench"; big="$cache/synth-100k-20k-5m"
mkdir -p "$root/Benchmarks/results"
results="$root/Benchmarks/results/sasrec-loss-$(date -u +%Y%m%d-%H%M%S)-$$.json"; lines="$(mktemp)"
# Debian's OpenBLAS 0.3.21 does not recognise this machine's Xeon and falls back to its SSE3
# (Prescott) kernels; name the core when the CPU has AVX-512 or AVX2 (OPENBLAS_VERBOSE=2 shows it).
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo 2>/dev/null; then export OPENBLAS_CORETYPE=Haswell; fi
fi
bin="$root/.build/release/curator"; quick=""
if [ -n "${QUICK:-}" ]; then
  "$here/sasrec-quick.sh"; quick="$root/.build/sasrec-quick/sasrec-quick"
elif [ -z "${NO_BUILD:-}" ]; then
  swift build -c release --product curator --package-path "$root" >/dev/null
fi
[ -n "$(ls -A "$big" 2>/dev/null)" ] || "$bin" data synth --users 100000 --items 20000 --interactions 5000000 --out "$big" >&2

run() { # set loss seed data params [--fit-only]
  local set="$1" loss="$2" seed="$3" path="$4" params="$5"; shift 5
  local load; load="$(cut -d' ' -f1-3 /proc/loadavg)"
  local json
  if [ -n "$quick" ]; then json="$("$quick" "$path" "$params" "$@")"
  else json="$("$bin" bench model --data "$path" --model sasrec --params "$params" "$@")"; fi
  printf '{"set":"%s","loss":"%s","seed":%s,"blas_core":"%s","load_before":"%s","load_after":"%s","result":%s}\n' \
    "$set" "$loss" "$seed" "${OPENBLAS_CORETYPE:-detected}" "$load" "$(cut -d' ' -f1-3 /proc/loadavg)" "$json" | tee -a "$lines" >&2
}

for loss in $synth_losses; do
  params="epochs=1,holdout=0$extra"; [ "$loss" = auto ] || params="$params,loss=$loss"
  run synth-5m "$loss" 42 "$big" "$params" --fit-only
done
if [ -d "$data" ]; then
  # Seed by seed, so an interrupted run still compares the losses on the same seeds.
  for seed in $seeds; do
    for loss in $losses; do
      while [ "$(jobs -rp | wc -l)" -ge "${JOBS:-1}" ]; do wait -n; done
      run ml-100k "$loss" "$seed" "$data" "loss=$loss,seed=$seed$extra" &
    done
  done
  wait
fi
python3 "$here/sasrec_loss_table.py" "$lines" "$results"
rm -f "$lines"
