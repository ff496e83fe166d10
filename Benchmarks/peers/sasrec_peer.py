"""PyTorch SASRec peer on Curator's exported loo test split.

A faithful PyTorch version of the published architecture (Kang & McAuley 2018) in the layout
of the widely used PyTorch port, with the same protocol as Curator's `sasrec`: each user's
last training item is held out for validation (early stopping picks the best epoch), BCE with
one negative per position sampled outside the user's items, then full-ranking test NDCG@10
and HR@10 with the user's training items excluded.

Usage: python sasrec_peer.py SPLIT_DIR [--epochs 200] [--threads 2] [--loss bce|ce]
Prints one JSON object.
"""
import argparse, json, math, random, time, resource
import numpy as np
import torch


class SASRec(torch.nn.Module):
    def __init__(self, items, d=50, blocks=2, heads=1, maxlen=200, dropout=0.2):
        super().__init__()
        self.maxlen, self.d = maxlen, d
        self.item_emb = torch.nn.Embedding(items, d)
        self.pos_emb = torch.nn.Embedding(maxlen, d)
        self.emb_dropout = torch.nn.Dropout(dropout)
        self.ln1 = torch.nn.ModuleList(torch.nn.LayerNorm(d, eps=1e-8) for _ in range(blocks))
        self.attn = torch.nn.ModuleList(torch.nn.MultiheadAttention(d, heads, dropout=dropout) for _ in range(blocks))
        self.ln2 = torch.nn.ModuleList(torch.nn.LayerNorm(d, eps=1e-8) for _ in range(blocks))
        self.ff1 = torch.nn.ModuleList(torch.nn.Linear(d, d) for _ in range(blocks))
        self.ff2 = torch.nn.ModuleList(torch.nn.Linear(d, d) for _ in range(blocks))
        self.ff_dropout = torch.nn.Dropout(dropout)
        self.last_ln = torch.nn.LayerNorm(d, eps=1e-8)
        for name, p in self.named_parameters():
            if p.dim() > 1:
                torch.nn.init.xavier_normal_(p)
            elif "bias" in name:
                torch.nn.init.zeros_(p)

    def features(self, seqs):
        """seqs: (B, L) item indices + 1, left-padded with 0; right-aligned positions."""
        x = self.item_emb(seqs.clamp(min=1) - 1) * self.d ** 0.5
        x = x + self.pos_emb.weight.unsqueeze(0)[:, -seqs.shape[1]:, :]
        x = self.emb_dropout(x)
        pad = seqs == 0
        x = x * ~pad.unsqueeze(-1)
        B, L = seqs.shape
        # Causal, and no real position attends to padding. A padding row attends to itself
        # only: with every key masked, PyTorch's softmax gives NaN, which the zeroing below
        # cannot undo (NaN * 0). Real positions then see exactly Curator's unpadded attention.
        causal = torch.triu(torch.ones(L, L, dtype=torch.bool), diagonal=1)
        mask = causal.unsqueeze(0) | (pad.unsqueeze(1) & ~torch.eye(L, dtype=torch.bool).unsqueeze(0))
        mask = mask.repeat_interleave(self.attn[0].num_heads, dim=0)
        for i in range(len(self.attn)):
            xt = x.transpose(0, 1)
            q = self.ln1[i](xt)
            out, _ = self.attn[i](q, xt, xt, attn_mask=mask, need_weights=False)
            x = (q + out).transpose(0, 1)
            f = self.ln2[i](x)
            x = f + self.ff_dropout(self.ff2[i](torch.relu(self.ff_dropout(self.ff1[i](f)))))
            x = x * ~pad.unsqueeze(-1)
        return self.last_ln(x)


def pad_left(seq, L):
    seq = seq[-L:]
    return [0] * (L - len(seq)) + [i + 1 for i in seq]


def ndcg_hr(model, cases, items, maxlen):
    model.eval()
    ndcg = hr = 0.0
    with torch.no_grad():
        for start in range(0, len(cases), 256):
            chunk = cases[start:start + 256]
            L = min(maxlen, max(len(h) for h, _ in chunk))
            seqs = torch.tensor([pad_left(h, L) for h, _ in chunk])
            scores = model.features(seqs)[:, -1, :] @ model.item_emb.weight.T
            for row, (history, target) in enumerate(chunk):
                s = scores[row]
                s[history] = -float("inf")
                t = s[target]
                rank = int((s > t).sum()) + int((s[:target] == t).sum())
                if rank < 10:
                    ndcg += 1 / math.log2(rank + 2)
                    hr += 1
    model.train()
    return ndcg / len(cases), hr / len(cases)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("split")
    ap.add_argument("--epochs", type=int, default=200)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--maxlen", type=int, default=200)
    ap.add_argument("--validate-every", type=int, default=5)
    ap.add_argument("--patience", type=int, default=4)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--loss", choices=["bce", "ce"], default="bce",
                    help="bce: one sampled negative per position (the paper); ce: softmax over every item")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed); random.seed(a.seed); np.random.seed(a.seed)
    users, items = map(int, open(f"{a.split}/shape.tsv").read().split())
    seqs = [[] for _ in range(users)]
    for line in open(f"{a.split}/train.tsv"):
        u, i = map(int, line.split()); seqs[u].append(i)
    targets = {}
    for line in open(f"{a.split}/targets.tsv"):
        u, i = map(int, line.split()); targets[u] = i
    owned = [set(s) for s in seqs]
    train, valid = [], []
    for u, s in enumerate(seqs):
        s = list(s)
        if len(s) >= 3:
            valid.append((s[:-1], s[-1])); s = s[:-1]
        if len(s) >= 2:
            train.append((u, s))
    test = [(seqs[u], t) for u, t in targets.items()]
    model = SASRec(items, maxlen=a.maxlen)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr, betas=(0.9, 0.98))
    bce = torch.nn.BCEWithLogitsLoss()
    best, best_state, stale, log = -1, None, 0, []
    fit_start = time.time()
    for epoch in range(a.epochs):
        t0 = time.time(); random.shuffle(train); total = 0.0
        for b in range(0, len(train), a.batch):
            batch = train[b:b + a.batch]
            L = min(a.maxlen, max(len(s) - 1 for _, s in batch))
            inp = torch.tensor([pad_left(s[:-1], L) for _, s in batch])
            pos = torch.tensor([pad_left(s[1:], L) for _, s in batch])
            f = model.features(inp)
            m = pos != 0
            if a.loss == "ce":
                logits = f[m] @ model.item_emb.weight.T
                loss = torch.nn.functional.cross_entropy(logits, pos[m] - 1)
                opt.zero_grad(); loss.backward(); opt.step(); total += loss.item()
                continue
            neg = []
            for (u, s), prow in zip(batch, pos.tolist()):
                row = []
                for p in prow:
                    n = 0
                    if p:
                        n = random.randrange(items)
                        while n in owned[u]: n = random.randrange(items)
                        n += 1
                    row.append(n)
                neg.append(row)
            neg = torch.tensor(neg)
            pl = (f * model.item_emb(pos.clamp(min=1) - 1)).sum(-1)
            nl = (f * model.item_emb(neg.clamp(min=1) - 1)).sum(-1)
            loss = bce(pl[m], torch.ones_like(pl[m])) + bce(nl[m], torch.zeros_like(nl[m]))
            opt.zero_grad(); loss.backward(); opt.step(); total += loss.item()
        entry = {"epoch": epoch + 1, "loss": total / math.ceil(len(train) / a.batch), "seconds": time.time() - t0}
        if (epoch + 1) % a.validate_every == 0 or epoch + 1 == a.epochs:
            v, vh = ndcg_hr(model, valid, items, a.maxlen); entry["val_ndcg@10"] = v; entry["val_hr@10"] = vh
            if v > best:
                best, stale = v, 0
                best_state = {k: t.clone() for k, t in model.state_dict().items()}
            else:
                stale += 1
        log.append(entry)
        if stale >= a.patience: break
    fit = time.time() - fit_start
    model.load_state_dict(best_state)
    ndcg, hr = ndcg_hr(model, test, items, a.maxlen)
    train_seconds = [e["seconds"] for e in log]
    print(json.dumps({"peer": "torch-sasrec", "torch": torch.__version__, "threads": a.threads, "loss": a.loss,
                      "ndcg@10": ndcg, "hr@10": hr, "best_val_ndcg@10": best, "epochs_run": len(log),
                      "fit_seconds": fit, "epoch_seconds_median": sorted(train_seconds)[len(train_seconds) // 2],
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "log": log}))


if __name__ == "__main__":
    main()
