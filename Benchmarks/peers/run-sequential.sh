#!/usr/bin/env bash
# Sequential recall against a PyTorch SASRec peer on the same ml-100k loo test split.
# Usage: Benchmarks/peers/run-sequential.sh [DATA_DIR]   (default ../shared/data/ml-100k)
# Needs Benchmarks/.venv (see run.sh) with a CPU build of torch (the default Linux wheel on
# PyPI pulls the CUDA stack): pip install torch --index-url https://download.pytorch.org/whl/cpu
# or a local torch-*+cpu wheel.
# EPOCHS=40 PATIENCE=100 runs both SASRecs for a fixed epoch budget on one thread each
# (per-epoch speed and quality at equal budgets); unset, both use early stopping as usual.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$here/../.."
data="${1:-$root/../shared/data/ml-100k}"
out="${OUT:-/tmp/curator-sequential}"; mkdir -p "$out"
epochs="${EPOCHS:-190}"; patience="${PATIENCE:-4}"
py="$root/Benchmarks/.venv/bin/python"
"$py" -c 'import torch' 2>/dev/null || { echo "no torch in $root/Benchmarks/.venv (see the comment above)" >&2; exit 1; }
swift build -c release --product curator --package-path "$root" >/dev/null
bin="$root/.build/release/curator"
"$bin" bench model --data "$data" --model markov --export-split "$out/split"
for spec in "markov:" "sknn:" "sasrec:epochs=$epochs,patience=$patience" "sasrec:loss=ce,epochs=$epochs,patience=$patience"; do
  model="${spec%%:*}"; params="${spec#*:}"
  CURATOR_THREADS=1 "$bin" bench model --data "$data" --model "$model" ${params:+--params "$params"} > "$out/$model-${params//[=,]/_}.json"
  cat "$out/$model-${params//[=,]/_}.json"
done
# Scoring cost does not depend on how well the weights are trained: one epoch is enough.
"$bin" bench scoring --data "$data" --model markov > "$out/scoring-markov.json"; cat "$out/scoring-markov.json"
"$bin" bench scoring --data "$data" --model sasrec --params epochs=1 > "$out/scoring-sasrec.json"; cat "$out/scoring-sasrec.json"
for loss in bce ce; do
  "$py" "$here/sasrec_peer.py" "$out/split" --threads 1 --epochs "$epochs" --patience "$patience" --loss $loss > "$out/peer-sasrec-$loss.json"
  cat "$out/peer-sasrec-$loss.json"
done
