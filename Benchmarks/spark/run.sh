#!/usr/bin/env bash
# Spark MLlib's implicit ALS (pyspark, local[2]) beside Curator's own ALS, one run each:
#   fidelity  export → fit → import --check: Curator's top-10 from the imported factors against
#             Spark's recommendForAllUsers(10), and fold-in of every user against Spark's factors;
#   quality   loo test NDCG@10 of the imported model, Curator's ALS (both formulations) and
#             implicit's ALS on the same split (--split loo-test);
#   speed     wall time and peak memory of each step, and of the round trip: /usr/bin/time -v's
#             largest process, and for the Spark job its JVM's own peak (VmHWM of the java
#             process under the job, sampled from /proc every second: pyspark's Python does not
#             wait for the JVM, so time -v alone sees only the Python driver).
# Prints a table and writes JSON lines to Benchmarks/results/spark-*.jsonl.
#   Benchmarks/spark/run.sh                  ml-100k
#   Benchmarks/spark/run.sh --synth          and the 5M synthetic set (curator data synth): the round
#                                            trip, its check and Curator's own fits (no loo quality)
#   Benchmarks/spark/run.sh --synth-only     the 5M set only
#   Benchmarks/spark/run.sh --spark-only     the Spark side only; --curator-only: Curator's and implicit's only
#   RANK=32 ITER=10 REG=0.1 ALPHA=1 BLOCKS=2 THREADS=2 Benchmarks/spark/run.sh
#   CURATOR=path/to/curator                  use this binary instead of building the release one
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source "$root/scripts/lib.sh"
ml100k="${ML100K:-$root/../shared/data/ml-100k}"
rank="${RANK:-32}" iter="${ITER:-10}" reg="${REG:-0.1}" alpha="${ALPHA:-1}" blocks="${BLOCKS:-2}" threads="${THREADS:-2}"
synth=0 small=1 spark=1 own=1
for arg in "$@"; do
  case "$arg" in
    --synth) synth=1 ;;
    --synth-only) synth=1 small=0 ;;
    --spark-only) own=0 ;;
    --curator-only) spark=0 ;;
    *) fail "unknown option: $arg (known: --synth, --synth-only, --spark-only, --curator-only)" ;;
  esac
done

"$root/scripts/install-spark.sh"
set -a; source "$CURATOR_CACHE_DIR/spark.env"; set +a
curator="${CURATOR:-}"
if [ -z "$curator" ]; then
  say "building curator (release)"
  (cd "$root" && swift build -c release --product curator >&2)
  curator="$root/.build/release/curator"
fi
peer_venv="$root/Benchmarks/.venv"
if ! "$peer_venv/bin/python" -c 'import implicit, numpy, scipy' 2>/dev/null; then
  say "creating $peer_venv with implicit, numpy and scipy from PyPI"
  python3 -m venv "$peer_venv" && "$peer_venv/bin/pip" install --quiet implicit numpy scipy
fi

stamp="$(date +%Y%m%d-%H%M%S)"
work="$CURATOR_CACHE_DIR/bench/spark-$stamp"
mkdir -p "$work" "$root/Benchmarks/results"
results="$root/Benchmarks/results/spark-$stamp.jsonl"
: > "$results"
export SPARK_LOCAL_IP=127.0.0.1

# Each step at niceness 10 (the shared machine's rule), also when this script already runs niced.
renice=$(( $(nice) >= 10 ? 0 : 10 - $(nice) ))

# java_peak_mb ROOT-PID: the largest VmHWM (MB) of the java processes under ROOT-PID now, or 0.
java_peak_mb() {
  ps -e -o pid=,ppid=,comm= | awk -v root="$1" '
    { parent[$1] = $2; name[$1] = $3 }
    END {
      for (p in parent) {
        if (name[p] != "java") continue
        for (q = p; q != "" && q != 0 && q != root; q = parent[q]) {}
        if (q == root) print p
      }
    }' | while read -r pid; do awk '/^VmHWM:/ {print int($2 / 1024)}' "/proc/$pid/status" 2>/dev/null; done | sort -n | tail -n 1
}

# timed LABEL DATASET CMD...: runs CMD under nice and /usr/bin/time -v, keeps its output in
# $work/DATASET-LABEL.out, and records wall seconds, peak resident memory (largest process of
# the tree /usr/bin/time waits for), the load average before and after, and the peak of any
# java process under it (sampled every second).
timed() {
  local label="$1" dataset="$2"; shift 2
  local load; load="$(cut -d' ' -f1 /proc/loadavg)"
  local file="$work/$dataset-$label"
  /usr/bin/time -v -o "$file.time" nice -n "$renice" "$@" >"$file.out" 2>"$file.err" &
  local job=$! jvm=0 now
  while kill -0 "$job" 2>/dev/null; do
    now="$(java_peak_mb "$job")"
    [ "${now:-0}" -gt "$jvm" ] && jvm="$now"
    sleep 1
  done
  wait "$job" || { tail -n 20 "$file.err" >&2; fail "$label failed (see $file.err)"; }
  local wall rss after
  after="$(cut -d' ' -f1 /proc/loadavg)"
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$file.time")"
  rss="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$file.time")"
  printf '{"dataset":"%s","step":"%s","wall_seconds":%s,"peak_rss_mb":%s,"jvm_peak_rss_mb":%s,"load_before":%s,"load_after":%s}\n' \
    "$dataset" "$label" "$wall" "$rss" "$jvm" "$load" "$after" >> "$results"
  say "$dataset $label: ${wall} s, peak ${rss} MB$([ "$jvm" -gt 0 ] && echo ", JVM peak $jvm MB") (load before: $load, after: $after)"
}

# The Spark job; --export and --out follow.
job=("$CURATOR_SPARK_PYTHON" "$root/scale/spark/als_fit.py" --master "local[$threads]"
     --rank "$rank" --max-iter "$iter" --reg-param "$reg" --alpha "$alpha" --seed 42 --blocks "$blocks")

bench_dataset() { # name data-path quality(1: the loo quality steps too)
  local name="$1" data="$2" quality="$3" state="$work/$1-state"
  local als="factors=$rank,iterations=$iter,reg=$reg,alpha=$alpha"
  if [ "$spark" -eq 1 ]; then
    # Round trip on all interactions, then the fidelity check.
    timed export "$name" "$curator" data export --format spark --data "$data" --out "$work/$name-export"
    timed spark-fit "$name" "${job[@]}" --export "$work/$name-export" --out "$work/$name-als"
    timed import "$name" "$curator" import spark-als "$work/$name-als" --data "$data" --state "$state"
    timed import-check "$name" "$curator" import spark-als "$work/$name-als" --data "$data" --state "$state" --check --json
    "$CURATOR_SPARK_PYTHON" - "$work/$name-import-check.out" "$work/$name-als/model.json" "$name" >> "$results" <<'PY'
import json, sys
check, model = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print(json.dumps({"dataset": sys.argv[3], "step": "fidelity", **check["fidelity"], "spark_fit_seconds": model["fitSeconds"],
                  "spark_version": model["sparkVersion"], "jvm_peak_rss_mb": model.get("driverJvmPeakRssMB")}))
PY
  fi
  if [ "$spark" -eq 1 ] && [ "$quality" -eq 1 ]; then
    # Quality on the loo split: the test phase's training part through Spark.
    timed export-loo "$name" "$curator" data export --format spark --split loo-test --data "$data" --out "$work/$name-loo-export"
    timed spark-fit-loo "$name" "${job[@]}" --export "$work/$name-loo-export" --out "$work/$name-loo-als"
    timed eval-imported "$name" "$curator" eval --data "$data" --protocol loo --model als --imported "$work/$name-loo-als" --json
  fi
  if [ "$own" -eq 1 ]; then
    # Curator's own fit on the same interactions, rank and iterations; then the same loo targets.
    timed curator-fit-spark-formulation "$name" "$curator" train --data "$data" --state "$state-own" --model als --params "$als,formulation=spark"
    timed curator-fit "$name" "$curator" train --data "$data" --state "$state-own" --model als --params "$als"
  fi
  if [ "$own" -eq 1 ] && [ "$quality" -eq 1 ]; then
    timed eval-curator-spark-formulation "$name" "$curator" eval --data "$data" --protocol loo --model als --params "$als,formulation=spark" --test-only --json
    timed eval-curator "$name" "$curator" eval --data "$data" --protocol loo --model als --params "$als" --test-only --json
    "$curator" bench model --data "$data" --model popularity --export-split "$work/$name-split" >/dev/null 2>&1
    timed implicit "$name" env OPENBLAS_NUM_THREADS=1 "$peer_venv/bin/python" -W ignore "$root/Benchmarks/peers/peers.py" run \
      --split "$work/$name-split" --model als --params "$als,seed=42" --dataset "$name"
  fi
  local step
  for step in eval-imported eval-curator-spark-formulation eval-curator implicit; do
    [ -f "$work/$name-$step.out" ] || continue
    "$CURATOR_SPARK_PYTHON" - "$work/$name-$step.out" "$name" "$step" >> "$results" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
m = r.get("test", r)
m = m.get("metrics", m)
print(json.dumps({"dataset": sys.argv[2], "step": "quality-" + sys.argv[3], "ndcg@10": m.get("ndcg@10"), "hr@10": m.get("hr@10")}))
PY
  done
}

say "rank $rank, $iter iterations, regParam $reg, alpha $alpha, local[$threads], $blocks×$blocks blocks; work in $work"
[ "$small" -eq 0 ] || bench_dataset ml-100k "$ml100k" 1
if [ "$synth" -eq 1 ]; then
  big="$CURATOR_CACHE_DIR/bench/synth-5m"
  [ -f "$big/interactions.csv" ] || "$curator" data synth --users 100000 --items 20000 --interactions 5000000 --out "$big"
  bench_dataset synth-5m "$big" 0
fi
"$CURATOR_SPARK_PYTHON" "$here/table.py" "$results"
say "results: $results"
