#!/usr/bin/env bash
# Foundation benchmark: load speed (ml-100k and a 25M-row synthetic set) and the loo quality
# of the baseline models on ml-100k. Prints tables; writes JSON to Benchmarks/results/.
#   Benchmarks/foundation/run.sh [path-to-ml-100k]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/scripts/lib.sh"
ml100k="${1:-$root/../shared/data/ml-100k}"
[ -f "$ml100k/u.data" ] || fail "no MovieLens 100K at $ml100k (pass its folder, or run: curator data fetch ml-100k)"
results="$root/Benchmarks/results"
mkdir -p "$results"

cd "$root"
say "building curator (release)"
swift build -c release --product curator 2>&1 | tail -n 1
curator="$(swift build -c release --show-bin-path)/curator"

synth="$CURATOR_CACHE_DIR/bench/synth-25m"
if [ ! -f "$synth/interactions.csv" ]; then
  say "generating 25M synthetic interactions (once; cached in $synth)"
  "$curator" data synth --users 250000 --items 40000 --interactions 25000000 --seed 1 --out "$synth"
fi

say "load speed"
"$curator" bench load --data "$ml100k" --data "$synth" --repeat 3
"$curator" bench load --data "$ml100k" --data "$synth" --repeat 3 --json > "$results/foundation-load.json"

say "loo quality on ml-100k (test phase; validation beside it in the JSON)"
for model in popularity itemknn; do
  "$curator" eval --data "$ml100k" --protocol loo --model "$model" --json 2>/dev/null > "$results/foundation-eval-$model.json"
done
python3 - "$results" <<'PY'
import json, sys, os
results = sys.argv[1]
rows = []
for model in ["popularity", "itemknn"]:
    r = json.load(open(os.path.join(results, f"foundation-eval-{model}.json")))
    params = ",".join(f"{k}={v}" for k, v in sorted(r["parameters"].items())) or "-"
    rows.append((model, params, r["hr@10"], r["ndcg@10"], r["mrr@100"], r["coverage@10"], r["fit_seconds"], r["eval_seconds"]))
print(f"{'model':<12}{'params':<24}{'HR@10':>8}{'NDCG@10':>9}{'MRR@100':>9}{'cov@10':>8}{'fit s':>8}{'eval s':>8}")
for m, p, hr, nd, mrr, cov, fit, ev in rows:
    print(f"{m:<12}{p:<24}{hr:>8.4f}{nd:>9.4f}{mrr:>9.4f}{cov:>8.4f}{fit:>8.2f}{ev:>8.2f}")
PY
say "JSON in $results"
