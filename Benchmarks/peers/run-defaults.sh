#!/usr/bin/env bash
# Defaults against defaults: every Curator model as `curator bench model` fits it with no
# --params (a fresh state, no tune), and each peer as its library builds it when given nothing
# (implicit's ALS, BPR and CosineRecommender; the numpy EASE with the published lambda 500; the
# plain first-order chain; the PyTorch SASRec with its script's defaults), on the same loo test
# split, in one run. Seeds are the only parameter passed (to both sides). One table per
# dataset; JSON lines in Benchmarks/results/defaults-*.jsonl.
#   Benchmarks/peers/run-defaults.sh              ml-100k and the synthetic set
#   SASREC=0 Benchmarks/peers/run-defaults.sh     without the two SASRecs (the slow part)
#   SEEDS="1 2 3" (ALS and BPR), ML100K=path, CURATOR=path to a release binary (else it builds one)
# The synthetic set is `curator data synth --users 3000 --items 1000 --interactions 100000`:
# the generator of the 5M set (taste clusters, Zipf popularity, series habits) at a size SASRec
# fits in minutes on 2 shared cores. The SASRecs run last (the slow part).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
sasrec="${SASREC:-1}"
python="$root/Benchmarks/.venv/bin/python"
"$python" -c 'import implicit, numpy, scipy' 2>/dev/null || { echo "run Benchmarks/peers/run.sh once (it makes $root/Benchmarks/.venv)" >&2; exit 1; }

if [ -n "${CURATOR:-}" ]; then curator="$CURATOR"; else # CURATOR=path: a release binary already built
  say "building curator (release)"
  (cd "$root" && swift build -c release -j 1 --product curator >&2)
  curator="$root/.build/release/curator"
fi
mkdir -p "$root/Benchmarks/results" "$cache/splits"
results="$root/Benchmarks/results/defaults-$(date +%Y%m%d-%H%M%S).jsonl"
: > "$results"
state="$(mktemp -d)"; trap 'rm -rf "$state"' EXIT # a fresh state: no stored tuning

ours() { # dataset data-path model [params]
  say "$1: curator $3 ${4:-(defaults)}"
  "$curator" bench model --data "$2" --state "$state" --model "$3" ${4:+--params "$4"} 2>/dev/null \
    | "$python" "$here/peers.py" tag curator "$1" >> "$results"
}
theirs() { # dataset split-folder model [params]
  say "$1: peer $3 (its defaults) ${4:-}"
  OPENBLAS_NUM_THREADS=$([ "$3" = ease ] && echo 2 || echo 1) "$python" -W ignore "$here/peers.py" run --defaults \
    --split "$2" --model "$3" --params "${4:-}" --dataset "$1" >> "$results"
}
sasrec_pair() { # dataset data-path split-folder
  [ "$sasrec" = 1 ] || return 0
  ours "$1" "$2" sasrec
  if "$python" -c 'import torch' 2>/dev/null; then
    say "$1: peer sasrec (torch, its defaults)"
    "$python" "$here/sasrec_peer.py" "$3" --threads 2 \
      | "$python" -c 'import json, sys; r = json.loads(sys.stdin.read()); r.pop("log"); r.update(side="peer", dataset=sys.argv[1], model="sasrec", parameters={"loss": r["loss"]}); print(json.dumps(r))' "$1" >> "$results"
  else
    say "no torch in Benchmarks/.venv: the SASRec peer is skipped (see run-sequential.sh)"
  fi
}

dataset() { # name data-path
  local name="$1" data="$2" split="$cache/splits/$1"
  [ -f "$split/shape.tsv" ] || "$curator" bench model --data "$data" --model popularity --export-split "$split" >&2
  ours "$name" "$data" popularity
  for model in ease itemknn markov; do ours "$name" "$data" $model; theirs "$name" "$split" $model; done
  ours "$name" "$data" markov "decay=0"
  ours "$name" "$data" sknn
  for seed in $seeds; do
    for model in als bpr; do ours "$name" "$data" $model "seed=$seed"; theirs "$name" "$split" $model "seed=$seed"; done
  done
}

synth="$cache/synth-3k-1k-100k"
[ -n "$(ls -A "$synth" 2>/dev/null)" ] || "$curator" data synth --users 3000 --items 1000 --interactions 100000 --out "$synth" >&2
if [ -d "$ml100k" ]; then dataset ml-100k "$ml100k"; else say "no ml-100k at $ml100k (set ML100K): skipped"; fi
dataset synth-100k "$synth"
if [ -d "$ml100k" ]; then sasrec_pair ml-100k "$ml100k" "$cache/splits/ml-100k"; fi
sasrec_pair synth-100k "$synth" "$cache/splits/synth-100k"

"$python" "$here/peers.py" table "$results" --json "${results%.jsonl}.json"
say "rows: $results; summary: ${results%.jsonl}.json"
