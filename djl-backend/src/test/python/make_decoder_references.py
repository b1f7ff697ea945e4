#!/usr/bin/python3
"""Writes the tiny reference decoder checkpoints used by adapt4j's Java decoder tests.

Plain PyTorch (Debian's python3-torch), no other model library: the GPT-2 and Llama/Qwen2 forward passes,
the safetensors writer and the byte-level BPE tokenizer below are written from the published architectures
and file formats. The output layout is described in the project's decoder reference format:
djl-backend/src/test/resources/decoders/<name>/{config.json, model.safetensors (or an index and shards),
tokenizer.json, tokenizer_config.json, generation_config.json, reference.json}.

Run from the repository root:  /usr/bin/python3 djl-backend/src/test/python/make_decoder_references.py
Running it twice gives byte-identical files.
"""

import hashlib
import json
import math
import os
import struct
import sys
import unicodedata

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_ROOT = os.path.normpath(os.path.join(HERE, "..", "resources", "decoders"))
CORPUS = "/work/shared/datasets/corpus/moby-dick.txt"
# The BPE merges are trained on the first CORPUS_CHARS characters of the corpus; the digest pins the slice.
CORPUS_CHARS = 6000
CORPUS_SLICE_SHA256 = "42a712abd8ee116d4edf9e7ac3401bb1553c4c54c2a8d684eb285b717c31240e"
NUM_MERGES = 190

SPECIAL_TOKENS = [
    "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|begin_of_text|>", "<|end_of_text|>", "<|eot_id|>",
    "<|start_header_id|>", "<|end_header_id|>", "<|pad|>",
]

TOKENIZED_TEXT = "Call me Ishmael\u2014it's the whale's 2nd voyage, isn't it?  Yes: 42 barrels of oil!"
INPUT_TEXTS = [
    "Some years ago, having little or no money in my purse, I thought I would sail about.",
    "Whenever it is a damp, drizzly November in my soul, I account it high time to get to sea.",
]
GREEDY_TEXT = "It is a way I have of driving off the spleen and regulating the circulation."
SCORE_TEXT = "There is nothing surprising in this. If they but knew it, almost all men"
SCORE_CONTINUATIONS = [" the", " sea and", " ocean with"]

torch.set_num_threads(1)


# ----------------------------------------------------------------------------------------------------------
# Byte-level BPE tokenizer
# ----------------------------------------------------------------------------------------------------------

def byte_to_unicode():
    """The GPT-2 table: printable Latin-1 bytes map to themselves, the other bytes to code points 256 and up."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAC + 1)) + list(range(0xAE, 0xFF + 1))
    table = {}
    extra = 0
    for b in range(256):
        if b in printable:
            table[b] = chr(b)
        else:
            table[b] = chr(256 + extra)
            extra += 1
    return table


BYTE_CHARS = byte_to_unicode()
CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"]


def _is_letter(c):
    return unicodedata.category(c).startswith("L")


def _is_number(c):
    return unicodedata.category(c).startswith("N")


def pre_tokenize(text):
    """Splits text like the GPT-2 pattern
    's|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+ (leftmost-first alternatives)."""
    pieces = []
    i = 0
    n = len(text)

    def run(start, pred):
        j = start
        while j < n and pred(text[j]):
            j += 1
        return j

    def other(c):
        return not (c.isspace() or _is_letter(c) or _is_number(c))

    while i < n:
        matched = None
        for c in CONTRACTIONS:
            if text.startswith(c, i):
                matched = i + len(c)
                break
        if matched is None:
            start = i + 1 if text[i] == " " and i + 1 < n else i
            for pred in (_is_letter, _is_number, other):
                if start < n and pred(text[start]):
                    matched = run(start, pred)
                    break
        if matched is None:
            end = run(i, str.isspace)
            if end == n or end - i == 1:
                matched = end
            else:
                matched = end - 1  # leave the last space to lead the next word
        pieces.append(text[i:matched])
        i = matched
    return pieces


def to_symbols(piece):
    return [BYTE_CHARS[b] for b in piece.encode("utf-8")]


def train_bpe(text, num_merges):
    """Greedy BPE: repeatedly merges the most frequent adjacent pair (ties: the smallest pair as strings)."""
    word_counts = {}
    for piece in pre_tokenize(text):
        key = tuple(to_symbols(piece))
        word_counts[key] = word_counts.get(key, 0) + 1
    words = [[list(w), c] for w, c in sorted(word_counts.items())]
    merges = []
    for _ in range(num_merges):
        pairs = {}
        for symbols, count in words:
            for a, b in zip(symbols, symbols[1:]):
                pairs[(a, b)] = pairs.get((a, b), 0) + count
        if not pairs:
            break
        best = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        merges.append(best)
        joined = best[0] + best[1]
        for entry in words:
            symbols = entry[0]
            out = []
            k = 0
            while k < len(symbols):
                if k + 1 < len(symbols) and symbols[k] == best[0] and symbols[k + 1] == best[1]:
                    out.append(joined)
                    k += 2
                else:
                    out.append(symbols[k])
                    k += 1
            entry[0] = out
    return merges


def build_vocab(merges):
    vocab = {}
    for b in range(256):
        vocab[BYTE_CHARS[b]] = len(vocab)
    for a, b in merges:
        if a + b not in vocab:
            vocab[a + b] = len(vocab)
    return vocab


class Bpe:
    def __init__(self, vocab, merges):
        self.vocab = vocab
        self.ranks = {pair: r for r, pair in enumerate(merges)}
        self.special = {tok: len(vocab) + k for k, tok in enumerate(SPECIAL_TOKENS)}

    def _encode_piece(self, piece):
        symbols = to_symbols(piece)
        while len(symbols) > 1:
            ranked = [(self.ranks.get((a, b), math.inf), k) for k, (a, b) in enumerate(zip(symbols, symbols[1:]))]
            rank, k = min(ranked)
            if rank == math.inf:
                break
            symbols = symbols[:k] + [symbols[k] + symbols[k + 1]] + symbols[k + 2:]
        return [self.vocab[s] for s in symbols]

    def encode(self, text):
        ids = []
        for piece in pre_tokenize(text):
            ids.extend(self._encode_piece(piece))
        return ids

    def decode(self, ids):
        back = {v: k for k, v in self.vocab.items()}
        unbyte = {c: b for b, c in BYTE_CHARS.items()}
        data = bytearray()
        for i in ids:
            data.extend(unbyte[c] for c in back[i])
        return data.decode("utf-8")


def tokenizer_json(bpe, merges):
    added = [{"id": i, "content": tok, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for tok, i in bpe.special.items()]
    byte_level = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": byte_level,
        "post_processor": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": True},
        "decoder": byte_level,
        "model": {
            "type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
            "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
            "vocab": bpe.vocab, "merges": [a + " " + b for a, b in merges],
        },
    }


# ----------------------------------------------------------------------------------------------------------
# safetensors
# ----------------------------------------------------------------------------------------------------------

def bf16_bits(t):
    """BF16 bit patterns (int16 tensor) of a float32 tensor, rounded to nearest even (no NaNs expected)."""
    bits = t.contiguous().view(torch.int32).to(torch.int64) & 0xFFFFFFFF
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
    as_int16 = torch.where(rounded >= 0x8000, rounded - 0x10000, rounded).to(torch.int16)
    assert torch.equal(as_int16, t.to(torch.bfloat16).view(torch.int16)), "bf16 rounding disagrees with torch"
    return as_int16


def bf16_round(t):
    """The float32 values a BF16 file stores for t."""
    bits = bf16_bits(t).to(torch.int32) << 16
    return bits.view(torch.float32)


def tensor_bytes(t, dtype):
    if dtype == "F32":
        return t.detach().contiguous().numpy().astype("<f4").tobytes()
    if dtype == "BF16":
        return bf16_bits(t.detach()).numpy().astype("<i2").tobytes()
    raise ValueError(dtype)


def write_safetensors(path, tensors, dtype):
    names = sorted(tensors)
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name in names:
        data = tensor_bytes(tensors[name], dtype)
        shape = list(tensors[name].shape)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((-len(text)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for data in blobs:
            f.write(data)
    return offset


def read_safetensors(path):
    """Reads a file written above back (F32 and BF16 only), as float32 tensors."""
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    assert header.pop("__metadata__") == {"format": "pt"}
    base = 8 + n
    out = {}
    for name, e in header.items():
        start, end = e["data_offsets"]
        raw = blob[base + start:base + end]
        if e["dtype"] == "F32":
            arr = np.frombuffer(raw, dtype="<f4").astype(np.float32)
        else:
            arr = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        out[name] = torch.from_numpy(arr.copy()).reshape(e["shape"])
    return out


# ----------------------------------------------------------------------------------------------------------
# Models (float32 math)
# ----------------------------------------------------------------------------------------------------------

def causal_attention(q, k, v):
    """q [H,T,D], k/v [H,T,D] -> [H,T,D] with a causal mask."""
    t = q.shape[1]
    scores = q @ k.transpose(1, 2) / math.sqrt(q.shape[-1])
    mask = torch.triu(torch.ones(t, t, dtype=torch.bool), diagonal=1)
    scores = scores.masked_fill(mask, float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


def layer_norm(x, w, b, eps):
    mean = x.mean(-1, keepdim=True)
    var = ((x - mean) ** 2).mean(-1, keepdim=True)
    return (x - mean) / torch.sqrt(var + eps) * w + b


def gelu_tanh(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def gpt2_logits(w, cfg, ids):
    """Logits [T, V] for one sequence of ids."""
    d, heads, eps = cfg["n_embd"], cfg["n_head"], cfg["layer_norm_epsilon"]
    hd = d // heads
    t = len(ids)
    ids_t = torch.tensor(ids)
    x = w["transformer.wte.weight"][ids_t] + w["transformer.wpe.weight"][torch.arange(t)]
    for n in range(cfg["n_layer"]):
        p = "transformer.h.%d." % n
        h = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
        qkv = h @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]  # Conv1D: weight [in, out]
        q, k, v = qkv.split(d, dim=-1)
        q, k, v = (z.view(t, heads, hd).transpose(0, 1) for z in (q, k, v))
        a = causal_attention(q, k, v).transpose(0, 1).reshape(t, d)
        x = x + a @ w[p + "attn.c_proj.weight"] + w[p + "attn.c_proj.bias"]
        h = layer_norm(x, w[p + "ln_2.weight"], w[p + "ln_2.bias"], eps)
        h = gelu_tanh(h @ w[p + "mlp.c_fc.weight"] + w[p + "mlp.c_fc.bias"])
        x = x + h @ w[p + "mlp.c_proj.weight"] + w[p + "mlp.c_proj.bias"]
    x = layer_norm(x, w["transformer.ln_f.weight"], w["transformer.ln_f.bias"], eps)
    return x @ w["transformer.wte.weight"].t()


def check_against_torch_modules(w, cfg):
    """Cross-checks the hand-written LayerNorm, GELU and multi-head causal attention of GPT-2's first block
    against torch's own modules (nn.functional.layer_norm, gelu approximate="tanh", nn.MultiheadAttention)."""
    d, heads, eps = cfg["n_embd"], cfg["n_head"], cfg["layer_norm_epsilon"]
    p = "transformer.h.0."
    x = torch.randn(10, d, generator=torch.Generator().manual_seed(7))
    mine = layer_norm(x, w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
    theirs = torch.nn.functional.layer_norm(x, (d,), w[p + "ln_1.weight"], w[p + "ln_1.bias"], eps)
    assert torch.allclose(mine, theirs, atol=1e-5)
    assert torch.allclose(gelu_tanh(x), torch.nn.functional.gelu(x, approximate="tanh"), atol=1e-6)
    mha = torch.nn.MultiheadAttention(d, heads, bias=True)
    mha.in_proj_weight.copy_(w[p + "attn.c_attn.weight"].t())
    mha.in_proj_bias.copy_(w[p + "attn.c_attn.bias"])
    mha.out_proj.weight.copy_(w[p + "attn.c_proj.weight"].t())
    mha.out_proj.bias.copy_(w[p + "attn.c_proj.bias"])
    causal = torch.triu(torch.ones(10, 10, dtype=torch.bool), diagonal=1)
    theirs = mha(x[:, None], x[:, None], x[:, None], attn_mask=causal, need_weights=False)[0][:, 0]
    q, k, v = (x @ w[p + "attn.c_attn.weight"] + w[p + "attn.c_attn.bias"]).split(d, dim=-1)
    q, k, v = (z.view(10, heads, d // heads).transpose(0, 1) for z in (q, k, v))
    mine = causal_attention(q, k, v).transpose(0, 1).reshape(10, d) @ w[p + "attn.c_proj.weight"]
    assert torch.allclose(mine + w[p + "attn.c_proj.bias"], theirs, atol=1e-5)


def rope_inv_freq(cfg):
    """Rotary inverse frequencies (float64), with the Llama 3.1 frequency-dependent scaling when configured."""
    hd = cfg["hidden_size"] // cfg["num_attention_heads"]
    inv = [1.0 / (cfg["rope_theta"] ** (2.0 * i / hd)) for i in range(hd // 2)]
    scaling = cfg.get("rope_scaling")
    if scaling is None:
        return inv
    assert scaling["rope_type"] == "llama3"
    factor, low, high = scaling["factor"], scaling["low_freq_factor"], scaling["high_freq_factor"]
    old_ctx = scaling["original_max_position_embeddings"]
    low_freq_wavelen = old_ctx / low
    high_freq_wavelen = old_ctx / high
    out = []
    for f in inv:
        wavelen = 2.0 * math.pi / f
        if wavelen < high_freq_wavelen:
            out.append(f)
        elif wavelen > low_freq_wavelen:
            out.append(f / factor)
        else:
            smooth = (old_ctx / wavelen - low) / (high - low)
            out.append((1.0 - smooth) * f / factor + smooth * f)
    return out


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


def rms_norm(x, w, eps):
    return x * torch.rsqrt((x * x).mean(-1, keepdim=True) + eps) * w


def llama_logits(w, cfg, ids):
    """Logits [T, V] for one sequence (Llama and Qwen2: RMSNorm, rotate-half RoPE, GQA, SwiGLU)."""
    d, heads, kv_heads = cfg["hidden_size"], cfg["num_attention_heads"], cfg["num_key_value_heads"]
    hd, eps = d // heads, cfg["rms_norm_eps"]
    t = len(ids)
    inv = torch.tensor(rope_inv_freq(cfg), dtype=torch.float64)
    angles = torch.arange(t, dtype=torch.float64)[:, None] * inv[None, :]
    angles = torch.cat([angles, angles], dim=-1)
    cos, sin = angles.cos().float(), angles.sin().float()
    x = w["model.embed_tokens.weight"][torch.tensor(ids)]
    for n in range(cfg["num_hidden_layers"]):
        p = "model.layers.%d." % n

        def proj(name, h):
            y = h @ w[p + name + ".weight"].t()  # nn.Linear: weight [out, in]
            return y + w[p + name + ".bias"] if p + name + ".bias" in w else y

        h = rms_norm(x, w[p + "input_layernorm.weight"], eps)
        q = proj("self_attn.q_proj", h).view(t, heads, hd).transpose(0, 1)
        k = proj("self_attn.k_proj", h).view(t, kv_heads, hd).transpose(0, 1)
        v = proj("self_attn.v_proj", h).view(t, kv_heads, hd).transpose(0, 1)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        group = heads // kv_heads  # query head j reads key/value head j // group
        k = k.repeat_interleave(group, dim=0)
        v = v.repeat_interleave(group, dim=0)
        a = causal_attention(q, k, v).transpose(0, 1).reshape(t, d)
        x = x + proj("self_attn.o_proj", a)
        h = rms_norm(x, w[p + "post_attention_layernorm.weight"], eps)
        g = proj("mlp.gate_proj", h)
        x = x + proj("mlp.down_proj", g * torch.sigmoid(g) * proj("mlp.up_proj", h))
    x = rms_norm(x, w["model.norm.weight"], eps)
    head = w["model.embed_tokens.weight"] if cfg["tie_word_embeddings"] else w["lm_head.weight"]
    return x @ head.t()


# ----------------------------------------------------------------------------------------------------------
# Weights
# ----------------------------------------------------------------------------------------------------------

def randn(gen, *shape, std):
    return torch.randn(*shape, generator=gen) * std


def norm_weight(gen, d):
    return 1.0 + randn(gen, d, std=0.1)


def gpt2_weights(cfg, gen, rows):
    d, inner = cfg["n_embd"], 4 * cfg["n_embd"]
    w = {"transformer.wte.weight": randn(gen, rows, d, std=0.1),
         "transformer.wpe.weight": randn(gen, cfg["n_positions"], d, std=0.1)}
    for n in range(cfg["n_layer"]):
        p = "transformer.h.%d." % n
        w[p + "ln_1.weight"] = norm_weight(gen, d)
        w[p + "ln_1.bias"] = randn(gen, d, std=0.05)
        w[p + "attn.c_attn.weight"] = randn(gen, d, 3 * d, std=0.3)
        w[p + "attn.c_attn.bias"] = randn(gen, 3 * d, std=0.05)
        w[p + "attn.c_proj.weight"] = randn(gen, d, d, std=0.2)
        w[p + "attn.c_proj.bias"] = randn(gen, d, std=0.05)
        w[p + "ln_2.weight"] = norm_weight(gen, d)
        w[p + "ln_2.bias"] = randn(gen, d, std=0.05)
        w[p + "mlp.c_fc.weight"] = randn(gen, d, inner, std=0.2)
        w[p + "mlp.c_fc.bias"] = randn(gen, inner, std=0.05)
        w[p + "mlp.c_proj.weight"] = randn(gen, inner, d, std=0.2)
        w[p + "mlp.c_proj.bias"] = randn(gen, d, std=0.05)
    w["transformer.ln_f.weight"] = norm_weight(gen, d)
    w["transformer.ln_f.bias"] = randn(gen, d, std=0.05)
    return w


def llama_weights(cfg, gen, rows, real_rows, qkv_bias):
    d, inter = cfg["hidden_size"], cfg["intermediate_size"]
    hd = d // cfg["num_attention_heads"]
    kv = cfg["num_key_value_heads"] * hd
    emb = randn(gen, rows, d, std=0.1)
    emb[real_rows:] = 0.0  # padding rows past the tokenizer's vocabulary
    w = {"model.embed_tokens.weight": emb}
    for n in range(cfg["num_hidden_layers"]):
        p = "model.layers.%d." % n
        w[p + "input_layernorm.weight"] = norm_weight(gen, d)
        w[p + "self_attn.q_proj.weight"] = randn(gen, d, d, std=0.3)
        w[p + "self_attn.k_proj.weight"] = randn(gen, kv, d, std=0.3)
        w[p + "self_attn.v_proj.weight"] = randn(gen, kv, d, std=0.3)
        w[p + "self_attn.o_proj.weight"] = randn(gen, d, d, std=0.2)
        if qkv_bias:
            w[p + "self_attn.q_proj.bias"] = randn(gen, d, std=0.1)
            w[p + "self_attn.k_proj.bias"] = randn(gen, kv, std=0.1)
            w[p + "self_attn.v_proj.bias"] = randn(gen, kv, std=0.1)
        w[p + "post_attention_layernorm.weight"] = norm_weight(gen, d)
        w[p + "mlp.gate_proj.weight"] = randn(gen, inter, d, std=0.2)
        w[p + "mlp.up_proj.weight"] = randn(gen, inter, d, std=0.2)
        w[p + "mlp.down_proj.weight"] = randn(gen, d, inter, std=0.2)
    w["model.norm.weight"] = norm_weight(gen, d)
    if not cfg["tie_word_embeddings"]:
        head = randn(gen, rows, d, std=0.1)
        head[real_rows:] = 0.0
        w["lm_head.weight"] = head
    return w


# ----------------------------------------------------------------------------------------------------------
# Reference computations
# ----------------------------------------------------------------------------------------------------------

def f32(x):
    """A float32 value as the shortest decimal that reads back to the same float32."""
    return float(str(np.float32(x)))


def greedy(logits_fn, prompt, steps):
    """Argmax decoding, the whole sequence recomputed at each step (no cache); also the smallest gap between
    the best and the second-best logit on the way, so a close call that float noise could flip is seen."""
    seq = list(prompt)
    gap = math.inf
    for _ in range(steps):
        top = torch.topk(logits_fn(seq)[-1], 2)
        gap = min(gap, float(top.values[0] - top.values[1]))
        seq.append(int(top.indices[0]))
    return seq[len(prompt):], gap


def logprob_sum(logits_fn, prompt, continuation):
    seq = list(prompt) + list(continuation)
    logp = torch.log_softmax(logits_fn(seq), dim=-1)
    return sum(float(logp[len(prompt) + j - 1, tok]) for j, tok in enumerate(continuation))


def reference(name, logits_fn, bpe, seed, tokenizer_size):
    print(name)
    input_ids = [bpe.encode(t)[:12] for t in INPUT_TEXTS]
    assert all(len(s) == 12 for s in input_ids)
    logits = [[[f32(v) for v in row] for row in logits_fn(s).tolist()] for s in input_ids]
    prompt = bpe.encode(GREEDY_TEXT)[:8]
    generated, gap = greedy(logits_fn, prompt, 32)
    print("  greedy %s, smallest top-2 logit gap %.4f" % (generated, gap))
    assert gap > 1e-3, "a greedy step is a near tie (gap %g): change the seed" % gap
    assert len(set(generated)) >= 6, "degenerate greedy output %s: raise the init scale" % generated
    assert max(generated) < tokenizer_size, "greedy produced a padding id"
    score_prompt = bpe.encode(SCORE_TEXT)[:6]
    continuations = [bpe.encode(c) for c in SCORE_CONTINUATIONS]
    assert [len(c) for c in continuations] == [1, 2, 4], [len(c) for c in continuations]
    sums = [f32(logprob_sum(logits_fn, score_prompt, c)) for c in continuations]
    return {
        "input_ids": input_ids,
        "logits": logits,
        "greedy": {"prompt_ids": prompt, "generated_ids": generated},
        "scores": {"prompt_ids": score_prompt, "continuations": continuations, "logprob_sums": sums},
        "tokenized": {"text": TOKENIZED_TEXT, "ids": bpe.encode(TOKENIZED_TEXT)},
        "torch_version": torch.__version__,
        "seed": seed,
    }


# ----------------------------------------------------------------------------------------------------------
# Files
# ----------------------------------------------------------------------------------------------------------

CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{% if loop.first and message['role'] != 'system' %}"
    "{{ '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' }}"
    "{% endif %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

LLAMA3_TEMPLATE = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' }}"
    "{{ message['content'] | trim }}"
    "{{ '<|eot_id|>' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}"
)


def write_json(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")


def write_compact_json(path, obj):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, separators=(",", ":"), ensure_ascii=False)
        f.write("\n")


def tokenizer_config(bpe, bos=None, eos=None, pad=None, template=None):
    cfg = {
        "added_tokens_decoder": {str(i): {"content": tok, "lstrip": False, "normalized": False, "rstrip": False,
                                          "single_word": False, "special": True} for tok, i in bpe.special.items()},
        "bos_token": bos,
        "eos_token": eos,
        "pad_token": pad,
        "clean_up_tokenization_spaces": False,
        "model_max_length": 128,
        "tokenizer_class": "PreTrainedTokenizerFast",
    }
    if template is not None:
        cfg["chat_template"] = template
    return cfg


def check_written(out, weights, shards):
    """Reads the weight files back and compares them with what the reference ran on."""
    if shards is None:
        back = read_safetensors(os.path.join(out, "model.safetensors"))
    else:
        with open(os.path.join(out, "model.safetensors.index.json")) as f:
            index = json.load(f)
        back = {}
        for fname in sorted(set(index["weight_map"].values())):
            part = read_safetensors(os.path.join(out, fname))
            assert all(index["weight_map"][n] == fname for n in part)
            back.update(part)
    assert sorted(back) == sorted(weights)
    for name, t in weights.items():
        assert torch.equal(back[name], t), name


def save_checkpoint(name, config, weights, dtype, shards, bpe, tok_json, tok_cfg, gen_cfg, ref):
    out = os.path.join(OUT_ROOT, name)
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        os.remove(os.path.join(out, old))
    write_json(os.path.join(out, "config.json"), config)
    if shards is None:
        write_safetensors(os.path.join(out, "model.safetensors"), weights, dtype)
    else:
        total = 0
        weight_map = {}
        for k, names in enumerate(shards):
            fname = "model-%05d-of-%05d.safetensors" % (k + 1, len(shards))
            total += write_safetensors(os.path.join(out, fname), {n: weights[n] for n in names}, dtype)
            weight_map.update({n: fname for n in names})
        assert sorted(weight_map) == sorted(weights)
        write_json(os.path.join(out, "model.safetensors.index.json"),
                   {"metadata": {"total_size": total}, "weight_map": dict(sorted(weight_map.items()))})
    check_written(out, weights, shards)
    write_compact_json(os.path.join(out, "tokenizer.json"), tok_json)
    write_json(os.path.join(out, "tokenizer_config.json"), tok_cfg)
    write_json(os.path.join(out, "generation_config.json"), gen_cfg)
    write_compact_json(os.path.join(out, "reference.json"), ref)
    total = 0
    for fname in sorted(os.listdir(out)):
        size = os.path.getsize(os.path.join(out, fname))
        total += size
        print("  %-40s %9d bytes" % (fname, size))
    print("  %-40s %9d bytes" % (name + " total", total))


def main():
    with open(CORPUS, encoding="utf-8") as f:
        corpus = f.read()[:CORPUS_CHARS]
    digest = hashlib.sha256(corpus.encode("utf-8")).hexdigest()
    print("BPE training text: first %d characters of %s, sha256 %s" % (CORPUS_CHARS, CORPUS, digest))
    if digest != CORPUS_SLICE_SHA256:
        sys.exit("the corpus slice changed (sha256 %s, expected %s)" % (digest, CORPUS_SLICE_SHA256))
    merges = train_bpe(corpus, NUM_MERGES)
    vocab = build_vocab(merges)
    bpe = Bpe(vocab, merges)
    size = len(vocab) + len(SPECIAL_TOKENS)
    for text in [TOKENIZED_TEXT, GREEDY_TEXT] + INPUT_TEXTS:
        assert bpe.decode(bpe.encode(text)) == text
    sp = bpe.special
    print("torch %s; %d merges; BPE vocab %d; with special tokens %d; special ids %s"
          % (torch.__version__, len(merges), len(vocab), size, sp))
    tok_json = tokenizer_json(bpe, merges)

    # gpt2-tiny
    seed = 1234
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    cfg = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "vocab_size": size, "n_embd": 64,
           "n_layer": 2, "n_head": 4, "n_positions": 64, "n_ctx": 64, "n_inner": None,
           "activation_function": "gelu_new", "layer_norm_epsilon": 1e-5, "resid_pdrop": 0.0, "embd_pdrop": 0.0,
           "attn_pdrop": 0.0, "initializer_range": 0.02, "scale_attn_weights": True, "tie_word_embeddings": True,
           "bos_token_id": sp["<|endoftext|>"], "eos_token_id": sp["<|endoftext|>"], "torch_dtype": "float32"}
    w = gpt2_weights(cfg, gen, size)
    check_against_torch_modules(w, cfg)
    ref = reference("gpt2-tiny", lambda ids: gpt2_logits(w, cfg, ids), bpe, seed, size)
    save_checkpoint("gpt2-tiny", cfg, w, "F32", None, bpe, tok_json,
                    tokenizer_config(bpe, bos="<|endoftext|>", eos="<|endoftext|>"),
                    {"bos_token_id": sp["<|endoftext|>"], "eos_token_id": sp["<|endoftext|>"],
                     "pad_token_id": sp["<|endoftext|>"]}, ref)

    llama_base = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": size,
                  "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
                  "num_key_value_heads": 2, "head_dim": 16, "hidden_act": "silu", "max_position_embeddings": 128,
                  "rms_norm_eps": 1e-5, "rope_theta": 10000.0, "attention_bias": False, "attention_dropout": 0.0,
                  "mlp_bias": False, "initializer_range": 0.02, "tie_word_embeddings": False,
                  "bos_token_id": sp["<|begin_of_text|>"], "eos_token_id": sp["<|end_of_text|>"]}
    llama_gen_cfg = {"bos_token_id": sp["<|begin_of_text|>"], "eos_token_id": sp["<|end_of_text|>"],
                     "pad_token_id": sp["<|pad|>"]}

    # llama-tiny
    seed = 1235
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    cfg = dict(llama_base, rope_scaling={"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                                         "high_freq_factor": 4.0, "original_max_position_embeddings": 32},
               torch_dtype="float32")
    w = llama_weights(cfg, gen, size, size, qkv_bias=False)
    ref = reference("llama-tiny", lambda ids: llama_logits(w, cfg, ids), bpe, seed, size)
    save_checkpoint("llama-tiny", cfg, w, "F32", None, bpe, tok_json,
                    tokenizer_config(bpe, bos="<|begin_of_text|>", eos="<|end_of_text|>", pad="<|pad|>"),
                    llama_gen_cfg, ref)

    # qwen2-tiny: sharded, q/k/v biases, tied, embedding rows padded to a multiple of 64
    seed = 1236
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    rows = (size + 63) // 64 * 64
    cfg = {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "vocab_size": rows, "hidden_size": 64,
           "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
           "hidden_act": "silu", "max_position_embeddings": 128, "max_window_layers": 2, "rms_norm_eps": 1e-6,
           "rope_theta": 1000000.0, "rope_scaling": None, "sliding_window": None, "use_sliding_window": False,
           "attention_dropout": 0.0, "initializer_range": 0.02, "tie_word_embeddings": True,
           "bos_token_id": sp["<|endoftext|>"], "eos_token_id": sp["<|im_end|>"], "torch_dtype": "float32"}
    w = llama_weights(cfg, gen, rows, size, qkv_bias=True)
    ref = reference("qwen2-tiny", lambda ids: llama_logits(w, cfg, ids), bpe, seed, size)
    shard1 = [n for n in w if n.startswith("model.embed_tokens.") or n.startswith("model.layers.0.")]
    shard2 = [n for n in w if n not in shard1]
    save_checkpoint("qwen2-tiny", cfg, w, "F32", [sorted(shard1), sorted(shard2)], bpe, tok_json,
                    tokenizer_config(bpe, eos="<|im_end|>", pad="<|endoftext|>", template=CHATML_TEMPLATE),
                    {"bos_token_id": sp["<|endoftext|>"], "eos_token_id": [sp["<|im_end|>"], sp["<|endoftext|>"]],
                     "pad_token_id": sp["<|endoftext|>"]}, ref)

    # llama-tiny-bf16: no rope scaling; the reference runs in float32 on the BF16-rounded weights
    seed = 1237
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    cfg = dict(llama_base, rope_scaling=None, torch_dtype="bfloat16")
    w = {n: bf16_round(t) for n, t in llama_weights(cfg, gen, size, size, qkv_bias=False).items()}
    ref = reference("llama-tiny-bf16", lambda ids: llama_logits(w, cfg, ids), bpe, seed, size)
    save_checkpoint("llama-tiny-bf16", cfg, w, "BF16", None, bpe, tok_json,
                    tokenizer_config(bpe, bos="<|begin_of_text|>", eos="<|eot_id|>", pad="<|pad|>",
                                     template=LLAMA3_TEMPLATE),
                    dict(llama_gen_cfg, eos_token_id=[sp["<|end_of_text|>"], sp["<|eot_id|>"]]), ref)


if __name__ == "__main__":
    with torch.no_grad():
        main()
