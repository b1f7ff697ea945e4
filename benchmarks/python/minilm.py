"""A BERT encoder with the layout of all-MiniLM-L6-v2, in plain torch.nn modules, with a mean-pooled linear head.

The weights come from a safetensors file that `ExportMiniLm` (in the benchmarks jar) writes from the same
ONNX file the Java benchmarks load; tensor names are Hugging Face's BertModel names.
"""
import json
import struct

import torch
from torch import nn

HIDDEN = 384
LAYERS = 6
HEADS = 12
FFN = 1536
VOCAB = 30522
POSITIONS = 512
TYPES = 2
EPS = 1e-12

_DTYPES = {"F32": torch.float32, "I64": torch.int64, "I32": torch.int32}


def read_safetensors(path):
    """Reads every tensor of a safetensors file (8-byte header length, JSON header, raw little-endian data)."""
    with open(path, "rb") as f:
        (size,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(size))
        data = bytearray(f.read())
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        t = torch.frombuffer(data[start:end], dtype=_DTYPES[info["dtype"]]) if end > start \
            else torch.empty(0, dtype=_DTYPES[info["dtype"]])
        out[name] = t.reshape(info["shape"]).clone()
    return out


class Layer(nn.Module):
    """One post-norm BERT layer: self-attention, residual, layer norm, GELU feed-forward, residual, layer norm."""

    def __init__(self):
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)
        self.attention_output = nn.Linear(HIDDEN, HIDDEN)
        self.attention_norm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.intermediate = nn.Linear(HIDDEN, FFN)
        self.output = nn.Linear(FFN, HIDDEN)
        self.output_norm = nn.LayerNorm(HIDDEN, eps=EPS)

    def forward(self, x, bias):
        b, t, _ = x.shape
        size = HIDDEN // HEADS
        q = (self.query(x) * size ** -0.5).view(b, t, HEADS, size).transpose(1, 2)
        k = self.key(x).view(b, t, HEADS, size).permute(0, 2, 3, 1)
        v = self.value(x).view(b, t, HEADS, size).transpose(1, 2)
        p = torch.softmax(q @ k + bias, dim=-1)
        context = (p @ v).transpose(1, 2).reshape(b, t, HIDDEN)
        attended = self.attention_norm(self.attention_output(context) + x)
        hidden = nn.functional.gelu(self.intermediate(attended))
        return self.output_norm(self.output(hidden) + attended)


class Classifier(nn.Module):
    """MiniLM plus a two-class head on the masked mean of the last hidden states."""

    def __init__(self):
        super().__init__()
        self.word = nn.Embedding(VOCAB, HIDDEN)
        self.position = nn.Embedding(POSITIONS, HIDDEN)
        self.token_type = nn.Embedding(TYPES, HIDDEN)
        self.embedding_norm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.head = nn.Linear(HIDDEN, 2)

    def load(self, weights):
        names = {"word.weight": "embeddings.word_embeddings.weight",
                 "position.weight": "embeddings.position_embeddings.weight",
                 "token_type.weight": "embeddings.token_type_embeddings.weight",
                 "embedding_norm.weight": "embeddings.LayerNorm.weight",
                 "embedding_norm.bias": "embeddings.LayerNorm.bias"}
        parts = {"query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
                 "attention_output": "attention.output.dense", "attention_norm": "attention.output.LayerNorm",
                 "intermediate": "intermediate.dense", "output": "output.dense",
                 "output_norm": "output.LayerNorm"}
        for i in range(LAYERS):
            for ours, theirs in parts.items():
                for kind in ("weight", "bias"):
                    names[f"layers.{i}.{ours}.{kind}"] = f"encoder.layer.{i}.{theirs}.{kind}"
        state = {k: weights[v] for k, v in names.items()}
        state["head.weight"] = self.head.weight.detach().clone()
        state["head.bias"] = self.head.bias.detach().clone()
        self.load_state_dict(state)

    @staticmethod
    def bias(mask):
        return ((mask.to(torch.float32) - 1) * torch.finfo(torch.float32).max)[:, None, None, :]

    def embed(self, ids):
        t = ids.shape[1]
        x = self.word(ids) + self.position.weight[:t] + self.token_type.weight[0]
        return self.embedding_norm(x)

    def run_layers(self, x, mask, start, end):
        bias = self.bias(mask)
        for layer in self.layers[start:end]:
            x = layer(x, bias)
        return x

    def logits(self, hidden, mask):
        m = mask.to(torch.float32).unsqueeze(2)
        pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return self.head(pooled)
