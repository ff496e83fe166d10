"""Peer side of Curator's benchmark: implicit (ALS, BPR, ItemKNN), a numpy EASE and a numpy
first-order chain.

    peers.py run --split DIR --model als --params factors=32,reg=0.01,alpha=0,iterations=15,seed=1
    peers.py run --split DIR --model bpr --defaults --params seed=1
    peers.py table RESULTS.jsonl --json OUT.json

`run` reads the loo split that `curator bench model --export-split` wrote (dense indices, so both
sides see exactly the same data), fits one model, times top-100 for every user with the
library's batch `recommend`, scores the held-out items, and prints one JSON line with the
peak resident memory of this process. Parameters use Curator's names and meanings and are
translated here (implicit's ALS confidence is `alpha * r`, Curator's is `1 + alpha * r`).
With `--defaults` every parameter not given (typically all but the seed) is the peer's own
default: implicit's classes are made with nothing but `random_state`, the numpy EASE takes the
published code's lambda 500, and the chain has no parameter.
`table` prints the comparison table from the JSON lines of both sides.
"""
import argparse
import json
import math
import resource
import statistics
import sys
import time

import numpy as np
import scipy.sparse as sp


def read_split(folder):
    users, items = map(int, open(f"{folder}/shape.tsv").read().split())
    train = np.loadtxt(f"{folder}/train.tsv", dtype=np.int64, ndmin=2)
    targets = np.loadtxt(f"{folder}/targets.tsv", dtype=np.int64, ndmin=2)
    matrix = sp.csr_matrix(
        (np.ones(len(train), dtype=np.float32), (train[:, 0], train[:, 1])), shape=(users, items))
    matrix.sum_duplicates()
    matrix.data[:] = 1
    return matrix, targets


def parse_params(text):
    return dict(pair.split("=", 1) for pair in text.split(",") if pair)


# What each peer does when given nothing, in Curator's names and meanings (for the table).
LIBRARY_DEFAULTS = {
    "als": {"factors": "100", "reg": "0.01", "alpha": "0", "iterations": "15"},  # implicit alpha 1 = Curator alpha 0
    "bpr": {"factors": "100", "lr": "0.01", "reg": "0.01", "epochs": "100"},
    "itemknn": {"neighbors": "20"},
    "ease": {"reg": "500"},  # Steck's published notebook
    "markov": {"decay": "0"},
}


def fit_library_defaults(kind, p, matrix, sequences):
    """The peer exactly as its library builds it when given only a seed."""
    seed = int(p.get("seed", 42))
    if kind == "als":
        from implicit.cpu.als import AlternatingLeastSquares
        model = AlternatingLeastSquares(random_state=seed)
    elif kind == "bpr":
        from implicit.cpu.bpr import BayesianPersonalizedRanking
        model = BayesianPersonalizedRanking(random_state=seed)
    elif kind == "itemknn":
        from implicit.nearest_neighbours import CosineRecommender
        model = CosineRecommender()
    else:
        return fit_model(kind, {**LIBRARY_DEFAULTS[kind], **p}, matrix, sequences)
    model.fit(matrix, show_progress=False)
    return model


def fit_model(kind, p, matrix, sequences=None):
    seed = int(p.get("seed", 42))
    if kind == "markov":
        return FirstOrderChain().fit(matrix, sequences)
    if kind == "als":
        from implicit.cpu.als import AlternatingLeastSquares
        model = AlternatingLeastSquares(
            factors=int(p.get("factors", 64)), regularization=float(p.get("reg", 0.01)),
            alpha=1 + float(p.get("alpha", 1)), iterations=int(p.get("iterations", 15)), random_state=seed)
        model.fit(matrix, show_progress=False)
        return model
    if kind == "bpr":
        from implicit.cpu.bpr import BayesianPersonalizedRanking
        model = BayesianPersonalizedRanking(
            factors=int(p.get("factors", 64)), learning_rate=float(p.get("lr", 0.01)),
            regularization=float(p.get("reg", 0.01)), iterations=int(p.get("epochs", 100)), random_state=seed)
        model.fit(matrix, show_progress=False)
        return model
    if kind == "itemknn":
        from implicit.nearest_neighbours import CosineRecommender
        model = CosineRecommender(K=int(p.get("neighbors", 10)))
        model.fit(matrix, show_progress=False)
        return model
    if kind == "ease":
        return NumpyEASE(float(p.get("reg", 300))).fit(matrix)
    raise SystemExit(f"unknown model {kind}")


class NumpyEASE:
    """The reference EASE: dense Gram matrix, numpy's inverse, B = -P / diag(P), zero diagonal."""

    def __init__(self, reg):
        self.reg = reg

    def fit(self, matrix):
        gram = (matrix.T @ matrix).toarray().astype(np.float32)
        gram[np.diag_indices_from(gram)] += self.reg
        p = np.linalg.inv(gram)
        b = p / (-np.diag(p))
        b[np.diag_indices_from(b)] = 0
        self.weights = b
        return self

    def recommend(self, userids, user_items, N):
        out = np.empty((len(userids), N), dtype=np.int64)
        for start in range(0, len(userids), 2048):
            rows = user_items[start:start + 2048]
            scores = np.asarray(rows @ self.weights)
            scores[rows.nonzero()] = -np.inf
            top = np.argpartition(-scores, N, axis=1)[:, :N]
            order = np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1, kind="stable")
            out[start:start + rows.shape[0]] = np.take_along_axis(top, order, axis=1)
        return out, None


class FirstOrderChain:
    """The plain first-order chain: items scored by how often they followed the user's last
    item in training; ties by popularity, then by item index."""

    def fit(self, matrix, sequences):
        rows, cols = [], []
        for sequence in sequences:
            rows.extend(sequence[:-1])
            cols.extend(sequence[1:])
        n = matrix.shape[1]
        self.transitions = sp.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(n, n))
        self.transitions.sum_duplicates()
        popularity = np.asarray(matrix.sum(axis=0)).ravel()
        # A popularity share below one transition only breaks ties.
        self.tie = 0.5 * popularity / max(1.0, popularity.sum())
        self.last = [sequence[-1] if sequence else -1 for sequence in sequences]
        return self

    def recommend(self, userids, user_items, N):
        out = np.empty((len(userids), N), dtype=np.int64)
        for row, user in enumerate(userids):
            scores = self.tie.copy()
            if self.last[user] >= 0:
                start, end = self.transitions.indptr[self.last[user]], self.transitions.indptr[self.last[user] + 1]
                scores[self.transitions.indices[start:end]] += self.transitions.data[start:end]
            scores[user_items[user].indices] = -np.inf
            out[row] = np.lexsort((np.arange(len(scores)), -scores))[:N]
        return out, None


def read_sequences(folder, users):
    sequences = [[] for _ in range(users)]
    for line in open(f"{folder}/train.tsv"):
        user, item = map(int, line.split())
        sequences[user].append(item)
    return sequences


def metrics(lists, targets, items):
    hr = ndcg = mrr = 0.0
    seen = set()
    for user, target in targets:
        ranked = list(lists[user])
        seen.update(ranked[:10])
        if target in ranked:
            rank = ranked.index(target)
            mrr += 1 / (rank + 1)
            if rank < 10:
                hr += 1
                ndcg += 1 / math.log2(rank + 2)
    n = len(targets)
    return {"hr@10": hr / n, "ndcg@10": ndcg / n, "mrr@100": mrr / n, "coverage@10": len(seen) / items}


def run(args):
    matrix, targets = read_split(args.split)
    p = parse_params(args.params)
    sequences = read_sequences(args.split, matrix.shape[0]) if args.model == "markov" else None
    start, cpu = time.perf_counter(), time.process_time()
    model = fit_library_defaults(args.model, p, matrix, sequences) if args.defaults else fit_model(args.model, p, matrix, sequences)
    if args.defaults:
        p = {**LIBRARY_DEFAULTS[args.model], **p}
    fit_seconds, fit_cpu = time.perf_counter() - start, time.process_time() - cpu
    userids = np.arange(matrix.shape[0])
    start, cpu = time.perf_counter(), time.process_time()
    lists, _ = model.recommend(userids, matrix, N=args.top, filter_already_liked_items=True) \
        if args.model not in ("ease", "markov") else model.recommend(userids, matrix, N=args.top)
    top_seconds, top_cpu = time.perf_counter() - start, time.process_time() - cpu
    result = {"side": "peer", "dataset": args.dataset, "model": args.model, "parameters": p, "fit_seconds": fit_seconds,
              "top_seconds": top_seconds,
              "fit_cpu_seconds": fit_cpu, "top_cpu_seconds": top_cpu, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
              "users": matrix.shape[0], "items": matrix.shape[1], "interactions": int(matrix.nnz)}
    result.update(metrics(lists, targets, matrix.shape[1]))
    print(json.dumps(result))


def summarise(rows):
    def spread(key):
        values = [r[key] for r in rows]
        mean = statistics.fmean(values)
        return mean, (statistics.stdev(values) if len(values) > 1 else 0.0)
    return {k: spread(k) for k in ("hr@10", "ndcg@10", "mrr@100", "coverage@10", "fit_seconds", "top_seconds",
                                      "fit_cpu_seconds", "top_cpu_seconds", "peak_rss_mb")}


def table(args):
    rows = [json.loads(line) for line in open(args.results) if line.strip()]
    groups = {}
    for r in rows:
        params = {k: v for k, v in r["parameters"].items() if k not in ("seed", "cg_steps", "fold_in_epochs")}
        key = (r["dataset"], r["model"], json.dumps(params, sort_keys=True), r["side"])
        groups.setdefault(key, []).append(r)
    header = (f"{'dataset':<12}{'model':<9}{'side':<8}{'runs':>4}{'HR@10':>16}{'NDCG@10':>16}{'MRR@100':>9}"
              f"{'cov@10':>8}{'fit s':>8}{'top100 s':>9}{'fit cpu':>8}{'top cpu':>8}{'peak MB':>9}  parameters")
    lines = [header, "-" * len(header)]
    summary = []
    for (dataset, model, params, side), group in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1], g[0][3])):
        s = summarise(group)
        fmt = lambda k: f"{s[k][0]:.4f}±{s[k][1]:.4f}" if len(group) > 1 else f"{s[k][0]:.4f}"
        lines.append(f"{dataset:<12}{model:<9}{side:<8}{len(group):>4}{fmt('hr@10'):>16}{fmt('ndcg@10'):>16}"
                     f"{s['mrr@100'][0]:>9.4f}{s['coverage@10'][0]:>8.3f}{s['fit_seconds'][0]:>8.2f}"
                     f"{s['top_seconds'][0]:>9.2f}{s['fit_cpu_seconds'][0]:>8.2f}{s['top_cpu_seconds'][0]:>8.2f}"
                     f"{s['peak_rss_mb'][0]:>9.0f}  {params}")
        summary.append({"dataset": dataset, "model": model, "side": side, "parameters": json.loads(params),
                        "runs": len(group), **{k: {"mean": v[0], "std": v[1]} for k, v in s.items()}})
    lines.append("")
    lines.append("Curator / peer (quality > 1 is better; time and memory < 1 is better):")
    for (dataset, model, params, side), group in sorted(groups.items()):
        if side != "curator":
            continue
        peers = [g for k, g in groups.items() if k[0] == dataset and k[1] == model and k[3] == "peer"]
        if not peers:
            continue
        c, p = summarise(group), summarise(peers[0])
        ratio = lambda k: c[k][0] / p[k][0] if p[k][0] else float("nan")
        lines.append(f"  {dataset:<12}{model:<9} NDCG@10 {ratio('ndcg@10'):.3f}  HR@10 {ratio('hr@10'):.3f}  "
                     f"fit {ratio('fit_seconds'):.2f} (cpu {ratio('fit_cpu_seconds'):.2f})  "
                     f"top100 {ratio('top_seconds'):.2f} (cpu {ratio('top_cpu_seconds'):.2f})  peak memory {ratio('peak_rss_mb'):.2f}")
    print("\n".join(lines))
    if args.json:
        json.dump({"rows": rows, "summary": summary, "table": lines}, open(args.json, "w"), indent=1)


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    r = commands.add_parser("run")
    r.add_argument("--split", required=True)
    r.add_argument("--model", required=True)
    r.add_argument("--params", default="")
    r.add_argument("--top", type=int, default=100)
    r.add_argument("--dataset", default="?")
    r.add_argument("--defaults", action="store_true", help="the peer's own defaults for every parameter not given")
    g = commands.add_parser("tag", help="add side and dataset to a JSON line from stdin (Curator's output)")
    g.add_argument("side")
    g.add_argument("dataset")
    t = commands.add_parser("table")
    t.add_argument("results")
    t.add_argument("--json")
    args = parser.parse_args()
    if args.command == "run":
        run(args)
    elif args.command == "tag":
        row = json.loads(sys.stdin.read().strip().splitlines()[-1])
        row.update(side=args.side, dataset=args.dataset)
        print(json.dumps(row))
    else:
        table(args)


if __name__ == "__main__":
    sys.exit(main())
