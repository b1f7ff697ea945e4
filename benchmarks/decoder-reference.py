#!/usr/bin/python3
"""Decoder speed of plain PyTorch (Debian's python3-torch) with a KV cache, on the same GPT-2-layout weights that
adapt4j's DecoderSpeed reads: the side-by-side reference for benchmarks/RESULTS.md.

  /usr/bin/python3 benchmarks/decoder-reference.py DIR [--make-small]

With --make-small, DIR is first filled with a GPT-2-small-shaped checkpoint of random weights (12 layers, 768
wide, 12 heads, 1,024 positions, the vocabulary of the tiny reference tokenizer), seeded. Prints one line per
measurement: "name value unit". One intra-op thread, as the Java side.
"""
import json
import math
import os
import shutil
import statistics
import struct
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
torch.set_grad_enabled(False)
HERE = os.path.dirname(os.path.abspath(__file__))
TINY = os.path.join(HERE, "..", "djl-backend", "src", "test", "resources", "decoders", "gpt2-tiny")


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        data = tensors[name].contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, h in header.items():
        if name == "__metadata__":
            continue
        a, b = h["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(data[a:b], dtype="<f4").copy()).reshape(h["shape"])
    return out


def make_small(d):
    os.makedirs(d, exist_ok=True)
    vocab, h, layers, positions = 455, 768, 12, 1024
    g = torch.Generator().manual_seed(7)
    w = {"transformer.wte.weight": torch.randn(vocab, h, generator=g) * 0.02,
         "transformer.wpe.weight": torch.randn(positions, h, generator=g) * 0.01,
         "transformer.ln_f.weight": torch.ones(h), "transformer.ln_f.bias": torch.zeros(h)}
    for l in range(layers):
        p = "transformer.h.%d." % l
        w[p + "ln_1.weight"] = torch.ones(h); w[p + "ln_1.bias"] = torch.zeros(h)
        w[p + "ln_2.weight"] = torch.ones(h); w[p + "ln_2.bias"] = torch.zeros(h)
        w[p + "attn.c_attn.weight"] = torch.randn(h, 3 * h, generator=g) * 0.02
        w[p + "attn.c_attn.bias"] = torch.zeros(3 * h)
        w[p + "attn.c_proj.weight"] = torch.randn(h, h, generator=g) * 0.02
        w[p + "attn.c_proj.bias"] = torch.zeros(h)
        w[p + "mlp.c_fc.weight"] = torch.randn(h, 4 * h, generator=g) * 0.02
        w[p + "mlp.c_fc.bias"] = torch.zeros(4 * h)
        w[p + "mlp.c_proj.weight"] = torch.randn(4 * h, h, generator=g) * 0.02
        w[p + "mlp.c_proj.bias"] = torch.zeros(h)
    write_safetensors(os.path.join(d, "model.safetensors"), w)
    cfg = {"model_type": "gpt2", "vocab_size": vocab, "n_embd": h, "n_layer": layers, "n_head": 12,
           "n_positions": positions, "layer_norm_epsilon": 1e-5, "activation_function": "gelu_new",
           "tie_word_embeddings": True, "eos_token_id": 446, "bos_token_id": 446}
    with open(os.path.join(d, "config.json"), "w") as f:
        json.dump(cfg, f)
    shutil.copy(os.path.join(TINY, "tokenizer.json"), os.path.join(d, "tokenizer.json"))


class Gpt2:
    def __init__(self, d):
        self.cfg = json.load(open(os.path.join(d, "config.json")))
        self.w = read_safetensors(os.path.join(d, "model.safetensors"))
        self.heads = self.cfg["n_head"]

    def ln(self, x, name):
        return torch.nn.functional.layer_norm(x, x.shape[-1:], self.w[name + ".weight"], self.w[name + ".bias"], 1e-5)

    def forward(self, ids, cache, last=False):
        """ids [B, T]; cache: list of (k, v) per layer or None entries; returns logits [B, T, V], or [B, 1, V] for
        the last position only when last is true (what generation reads)."""
        b, t = ids.shape
        past = 0 if cache[0] is None else cache[0][0].shape[2]
        pos = torch.arange(past, past + t)
        x = self.w["transformer.wte.weight"][ids] + self.w["transformer.wpe.weight"][pos]
        hd = x.shape[-1] // self.heads
        for l in range(self.cfg["n_layer"]):
            p = "transformer.h.%d." % l
            a = self.ln(x, p + "ln_1") @ self.w[p + "attn.c_attn.weight"] + self.w[p + "attn.c_attn.bias"]
            q, k, v = a.split(x.shape[-1], dim=2)
            q, k, v = [z.view(b, t, self.heads, hd).transpose(1, 2) for z in (q, k, v)]
            if cache[l] is not None:
                k = torch.cat([cache[l][0], k], 2)
                v = torch.cat([cache[l][1], v], 2)
            cache[l] = (k, v)
            s = q @ k.transpose(2, 3) / math.sqrt(hd)
            keys = k.shape[2]
            mask = torch.arange(keys)[None, :] <= (torch.arange(t)[:, None] + past)
            s = s.masked_fill(~mask, -1e9)
            o = (s.softmax(-1) @ v).transpose(1, 2).reshape(b, t, -1)
            x = x + o @ self.w[p + "attn.c_proj.weight"] + self.w[p + "attn.c_proj.bias"]
            m = self.ln(x, p + "ln_2") @ self.w[p + "mlp.c_fc.weight"] + self.w[p + "mlp.c_fc.bias"]
            m = 0.5 * m * (1 + torch.tanh(math.sqrt(2 / math.pi) * (m + 0.044715 * m ** 3)))
            x = x + m @ self.w[p + "mlp.c_proj.weight"] + self.w[p + "mlp.c_proj.bias"]
        if last:
            x = x[:, -1:]
        return self.ln(x, "transformer.ln_f") @ self.w["transformer.wte.weight"].T


def timed(fn, reps):
    """Median of reps (or REPS, if more) timed runs after warm-up runs for at least WARMUP_S seconds (as
    DecoderSpeed)."""
    reps = max(reps, int(os.environ.get("REPS", "1")))
    until = time.perf_counter() + float(os.environ.get("WARMUP_S", "3"))
    fn()
    while time.perf_counter() < until:
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    d = sys.argv[1]
    if "--make-small" in sys.argv:
        make_small(d)
    m = Gpt2(d)
    layers = m.cfg["n_layer"]
    prompt = torch.arange(16) % 400 + 10
    new = int(os.environ.get("NEW_TOKENS", "64"))

    def decode(batch, steps):
        cache = [None] * layers
        logits = m.forward(prompt.repeat(batch, 1), cache, last=True)
        for _ in range(steps):
            nxt = logits[:, -1].argmax(-1, keepdim=True)
            logits = m.forward(nxt, cache, last=True)

    def recompute(steps):
        seq = prompt[None]
        for _ in range(steps):
            nxt = m.forward(seq, [None] * layers, last=True)[:, -1].argmax(-1, keepdim=True)
            seq = torch.cat([seq, nxt], 1)

    prefill = int(os.environ.get("PREFILL", "120"))
    long_prompt = (torch.arange(prefill) % 400 + 10)[None]
    print("prefill_tokens_per_s %.1f" % (prefill / timed(lambda: m.forward(long_prompt, [None] * layers), 5)))
    print("decode_b1_tokens_per_s %.1f" % (new / timed(lambda: decode(1, new), 3)))
    print("decode_b8_tokens_per_s %.1f" % (8 * new / timed(lambda: decode(8, new), 3)))
    steps = int(os.environ.get("RECOMPUTE_TOKENS", "64"))
    print("recompute_%d_s %.4f" % (steps, timed(lambda: recompute(steps), 1)))
    print("cached_%d_s %.4f" % (steps, timed(lambda: decode(1, steps), 1)))


if __name__ == "__main__":
    main()
