#!/usr/bin/env bash
# Curator's classic models against their peers (implicit's ALS, BPR and ItemKNN, a numpy EASE)
# on the same loo split, metrics and hyper-parameters, in one run; prints one table and writes
# JSON to Benchmarks/results/. See Benchmarks/peers/README.md.
#   Benchmarks/peers/run.sh                 ml-100k (3 seeds) and the synthetic sets
#   Benchmarks/peers/run.sh --quick         ml-100k only
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    *) echo "unknown option: $arg (known: --quick)" >&2; exit 2 ;;
  esac
done

# Peers in a virtual environment of their own (git-ignored).
venv="$root/Benchmarks/.venv"
if ! "$venv/bin/python" -c 'import implicit, numpy, scipy' 2>/dev/null; then
  say "creating $venv with implicit, numpy and scipy from PyPI"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet implicit numpy scipy
fi
python="$venv/bin/python"

say "building curator (release)"
(cd "$root" && swift build -c release --product curator >&2)
curator="$root/.build/release/curator"

mkdir -p "$root/Benchmarks/results" "$cache"
stamp="$(date +%Y%m%d-%H%M%S)"
results="$root/Benchmarks/results/peers-$stamp.jsonl"
: > "$results"

# One model on one dataset, each side in its own process (so peak memory is the model's own).
# implicit asks for OpenBLAS's own thread pool to be off; numpy's EASE and Curator use it.
compare() { # dataset data-path split-folder model curator-params peer-params
  local name="$1" data="$2" split="$3" model="$4" ours="$5" theirs="$6"
  say "$name: $model ($ours)"
  if [ "$model" = popularity ]; then # Curator's own baseline: loading, split and evaluation
    "$curator" bench model --data "$data" --model popularity 2>/dev/null \
      | "$python" "$here/peers.py" tag curator "$name" >> "$results"
    return
  fi
  "$curator" bench model --data "$data" --model "$model" --params "$ours" 2>/dev/null \
    | "$python" "$here/peers.py" tag curator "$name" >> "$results"
  local blas=1; [ "$model" = ease ] && blas=2
  OPENBLAS_NUM_THREADS=$blas "$python" -W ignore "$here/peers.py" run --split "$split" --model "$model" \
    --params "$theirs" --dataset "$name" >> "$results"
}

split() { # data-path folder
  [ -f "$2/shape.tsv" ] || "$curator" bench model --data "$1" --model popularity --export-split "$2" >&2
}

synth() { # folder users items interactions
  [ -f "$1/interactions.csv" ] || [ -f "$1/interactions.tsv" ] || [ -n "$(ls -A "$1" 2>/dev/null)" ] \
    || "$curator" data synth --users "$2" --items "$3" --interactions "$4" --out "$1" >&2
}

# ml-100k: quality at the peers' reference settings, over seeds.
if [ -d "$ml100k" ]; then
  s="$cache/splits/ml-100k"; split "$ml100k" "$s"
  compare ml-100k "$ml100k" "$s" popularity "" ""
  compare ml-100k "$ml100k" "$s" ease "reg=300" "reg=300"
  compare ml-100k "$ml100k" "$s" itemknn "neighbors=20" "neighbors=20"
  for seed in $seeds; do
    # Curator alpha=0 is implicit alpha=1 (confidence 1 for a seen item); see peers.py.
    compare ml-100k "$ml100k" "$s" als "factors=32,reg=0.01,alpha=0,iterations=15,seed=$seed" \
      "factors=32,reg=0.01,alpha=0,iterations=15,seed=$seed"
    # implicit draws negatives by popularity: compare like with like.
    compare ml-100k "$ml100k" "$s" bpr "factors=128,lr=0.01,reg=0.01,epochs=100,sampling=popularity,seed=$seed" \
      "factors=128,lr=0.01,reg=0.01,epochs=100,seed=$seed"
  done
else
  say "no ml-100k at $ml100k (set ML100K): skipped"
fi

if [ "$quick" -eq 0 ]; then
  # Speed: 100k users × 20k items × 5M interactions; EASE on a 5k-item set.
  big="$cache/synth-100k-20k-5m"; synth "$big" 100000 20000 5000000
  s="$cache/splits/synth-100k-20k-5m"; split "$big" "$s"
  compare synth-5m "$big" "$s" popularity "" ""
  compare synth-5m "$big" "$s" als "factors=64,reg=0.01,alpha=0,iterations=15" "factors=64,reg=0.01,alpha=0,iterations=15"
  compare synth-5m "$big" "$s" bpr "factors=64,lr=0.01,reg=0.01,epochs=10,sampling=popularity" "factors=64,lr=0.01,reg=0.01,epochs=10"
  compare synth-5m "$big" "$s" itemknn "neighbors=20" "neighbors=20"
  small="$cache/synth-50k-5k-2m"; synth "$small" 50000 5000 2000000
  s="$cache/splits/synth-50k-5k-2m"; split "$small" "$s"
  compare synth-ease "$small" "$s" popularity "" ""
  compare synth-ease "$small" "$s" ease "reg=300" "reg=300"
fi

"$python" "$here/peers.py" table "$results" --json "${results%.jsonl}.json"
say "rows: $results; summary: ${results%.jsonl}.json"
