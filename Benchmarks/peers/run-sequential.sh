#!/usr/bin/env bash
# Sequential recall against a PyTorch SASRec peer on the same ml-100k loo test split.
# Usage: Benchmarks/peers/run-sequential.sh [DATA_DIR]   (default ../shared/data/ml-100k)
# Needs Benchmarks/.venv (see run.sh) with torch (CPU) installed from PyPI.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$here/../.."
data="${1:-$root/../shared/data/ml-100k}"
out="${OUT:-/tmp/curator-sequential}"; mkdir -p "$out"
swift build -c release --product curator --package-path "$root" >/dev/null
bin="$root/.build/release/curator"
"$bin" bench model --data "$data" --model markov --export-split "$out/split"
for spec in "markov:" "sknn:" "sasrec:" "fusion:models=markov+sknn+sasrec"; do
  model="${spec%%:*}"; params="${spec#*:}"
  CURATOR_THREADS=2 "$bin" bench model --data "$data" --model "$model" ${params:+--params "$params"} > "$out/$model.json"
  cat "$out/$model.json"
done
"$bin" bench scoring --data "$data" --model sasrec --params epochs=5 > "$out/scoring-sasrec.json"; cat "$out/scoring-sasrec.json"
"$root/Benchmarks/.venv/bin/python" "$here/sasrec_peer.py" "$out/split" --threads 2 > "$out/peer-sasrec.json"
cat "$out/peer-sasrec.json"
