"""Table of Benchmarks/peers/sasrec-loss.sh's runs: python3 sasrec_loss_table.py LINES.jsonl OUT.json"""
import json
import statistics
import sys

runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
rows = {}
for run in runs:
    r = run["result"]
    row = rows.setdefault(run["loss"], {"loss": run["loss"], "ndcg10": {}, "fit_seconds": {}, "peak_mb": {}})
    if run["set"] == "synth-5m":
        row["chosen"] = r["parameters"]["loss"]
        row["negatives"] = r["parameters"]["shared-negatives"] if r["parameters"]["loss"] in ("gbce", "sampled-ce") else r["parameters"]["negatives"]
        row["synth_epoch_seconds"] = r["epoch_seconds"][0]
        row["synth_peak_mb"] = r["peak_rss_mb"]
        row["synth_fit_cpu_seconds"] = r["fit_cpu_seconds"]
        row["synth_load"] = run["load_before"] + " → " + run["load_after"]
        row["blas_core"] = run.get("blas_core", "detected")
    else:
        row["ndcg10"][run["seed"]] = r["ndcg@10"]
        row["fit_seconds"][run["seed"]] = r["fit_seconds"]
        row["peak_mb"][run["seed"]] = r["peak_rss_mb"]
for row in rows.values():
    if row["ndcg10"]:
        row["ndcg10_mean"] = statistics.mean(row["ndcg10"].values())
        row["fit_seconds_mean"] = statistics.mean(row["fit_seconds"].values())
        row["ml100k_peak_mb"] = max(row["peak_mb"].values())
softmax = rows.get("ce", {}).get("ndcg10_mean")

def cell(value, spec):
    return format(value, spec) if isinstance(value, (int, float)) else "—"

print("| loss | 5M epoch s | 5M fit CPU s | 5M peak MB | 5M load (1/5/15 min) | ml-100k NDCG@10 per seed | mean | vs ce | fit s (mean) | ml-100k peak MB |")
print("|---|---:|---:|---:|---|---|---:|---:|---:|---:|")
for row in rows.values():
    name = row["loss"] + (f" ({row['chosen']}, {row['negatives']} neg., BLAS {row['blas_core']})" if "chosen" in row else "")
    seeds = " / ".join(f"{seed}: {value:.4f}" for seed, value in row["ndcg10"].items()) or "—"
    mean = row.get("ndcg10_mean")
    relative = f"{100 * (mean / softmax - 1):+.1f}%" if mean and softmax else "—"
    print(f"| {name} | {cell(row.get('synth_epoch_seconds'), '.1f')} | {cell(row.get('synth_fit_cpu_seconds'), '.1f')} | {cell(row.get('synth_peak_mb'), '.0f')} | {row.get('synth_load', '—')} "
          f"| {seeds} | {cell(mean, '.4f')} | {relative} | {cell(row.get('fit_seconds_mean'), '.1f')} | {cell(row.get('ml100k_peak_mb'), '.0f')} |")
document = {"rows": list(rows.values()), "runs": runs}
with open(sys.argv[2], "w") as out:
    json.dump(document, out, indent=1, sort_keys=True)
print(json.dumps({"rows": list(rows.values())}, sort_keys=True))
print(f"wrote {sys.argv[2]}", file=sys.stderr)
