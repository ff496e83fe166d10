"""Cold-items quality table: `curator eval --protocol cold-items` for every cold scorer.

Usage: quality.py --curator BIN --data ml-100k [--results DIR] [--seed 42] [--enhance local|URL [--enhance-limit N]]

--enhance first runs `curator items enhance` (an LLM describes the items without text) into the
benchmark's state folder; each text scorer is then reported with and without those descriptions,
from one `curator eval` run.
"""
import argparse
import json
import os
import subprocess
import tempfile

MODELS = ["random", "genre-popularity", "user-genres", "text-neighbours", "text-profile", "text-factors"]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--curator", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--results", default="Benchmarks/results")
    p.add_argument("--seed", default="42")
    p.add_argument("--enhance", help="the LLM that describes the items without text first: local or an OpenAI-compatible URL")
    p.add_argument("--enhance-limit", help="describe at most this many items (in catalog order)")
    args = p.parse_args()
    state = tempfile.mkdtemp(prefix="curator-cold-bench-")
    rows = {}
    if args.enhance:
        command = [args.curator, "items", "enhance", "--data", args.data, "--state", state, "--llm", args.enhance]
        if args.enhance_limit:
            command += ["--limit", args.enhance_limit]
        out = subprocess.run(command, capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit("curator items enhance failed: " + (out.stderr.strip().splitlines() or ["?"])[-1])
        print(out.stdout.strip())
    for model in MODELS:
        out = subprocess.run([args.curator, "eval", "--data", args.data, "--protocol", "cold-items", "--model", model,
                              "--seed", args.seed, "--json", "--state", state], capture_output=True, text=True)
        if out.returncode != 0:
            rows[model] = {"error": out.stderr.strip().splitlines()[-1] if out.stderr else "failed"}
            continue
        report = json.loads(out.stdout)
        if "with_enhanced_text" in report:
            rows[model] = report["without_enhanced_text"]
            rows[model + "-llm"] = report["with_enhanced_text"]
        else:
            rows[model] = report
    if not args.enhance:
        rows["text-*-llm"] = {"error": "not run: pass --enhance local (or an OpenAI-compatible URL)"}
    os.makedirs(args.results, exist_ok=True)
    with open(os.path.join(args.results, "cold-items.json"), "w") as f:
        json.dump({"data": os.path.basename(os.path.normpath(args.data)), "seed": args.seed, "models": rows}, f, indent=2)
    print(f"cold-items on {os.path.basename(os.path.normpath(args.data))} (seed {args.seed}, 10% of items held out)")
    print(f"  {'model':18s} {'users':>6s} {'NDCG@10':>8s} {'Recall@50':>9s} {'HR@10':>6s} {'MRR@100':>8s}")
    for model, r in rows.items():
        if "error" in r:
            print(f"  {model:18s} {r['error']}")
        else:
            print(f"  {model:18s} {r.get('users', 0):6d} {r['ndcg@10']:8.4f} {r['recall@50']:9.4f} {r['hr@10']:6.4f} {r['mrr@100']:8.4f}")
    print(f"wrote {os.path.join(args.results, 'cold-items.json')}")


if __name__ == "__main__":
    main()
