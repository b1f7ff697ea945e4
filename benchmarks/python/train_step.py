"""PyTorch eager reference for the training-step benchmarks: the step TrainStepBenchmark times in Java.

Same model (MiniLM weights from the safetensors file, two-class mean-pooled head), same synthetic batches
(fixed-length random word-piece ids), same step: zero the gradients, forward, cross-entropy, backward, global
gradient norm with clipping at 1.0, AdamW (lr 5e-5, weight decay 0.01 except biases and layer norms), loss
read back to the host. Prints one JSON line with the mean milliseconds per step and tokens per second.

usage: train_step.py WEIGHTS --mode full|last2|last2_cached --batch N --threads N [--warmup S] [--measure S]
"""
import argparse
import json
import statistics
import time

import torch

from minilm import Classifier, read_safetensors

LENGTH = 128
BATCHES = 4
FIRST_TRAINED = {"full": 0, "last2": 4, "last2_cached": 4}


def synthetic(batch, seed):
    g = torch.Generator().manual_seed(seed)
    out = []
    for _ in range(BATCHES):
        ids = torch.randint(1000, 30522, (batch, LENGTH), generator=g)
        ids[:, 0] = 101
        ids[:, -1] = 102
        labels = torch.randint(0, 2, (batch,), generator=g)
        out.append((ids, torch.ones_like(ids), labels))
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("weights")
    p.add_argument("--mode", choices=sorted(FIRST_TRAINED), required=True)
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--warmup", type=float, default=15.0, help="seconds of warm-up steps")
    p.add_argument("--measure", type=float, default=25.0, help="seconds of measured steps")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(7)

    model = Classifier()
    model.load(read_safetensors(a.weights))
    first = FIRST_TRAINED[a.mode]
    for name, param in model.named_parameters():
        trained = name.startswith("head.") or (name.startswith("layers.") and int(name.split(".")[1]) >= first)
        param.requires_grad_(first == 0 or trained)
    trainable = [(n, q) for n, q in model.named_parameters() if q.requires_grad]
    no_decay = [q for n, q in trainable if n.endswith("bias") or "norm" in n]
    decay = [q for n, q in trainable if not (n.endswith("bias") or "norm" in n)]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01},
                                   {"params": no_decay, "weight_decay": 0.0}], lr=5e-5)
    params = [q for _, q in trainable]
    batches = synthetic(a.batch, 42)
    cached = None
    if a.mode == "last2_cached":
        with torch.no_grad():
            cached = [model.run_layers(model.embed(ids), mask, 0, first) for ids, mask, _ in batches]

    def step(i):
        ids, mask, labels = batches[i % BATCHES]
        optimizer.zero_grad(set_to_none=True)
        if cached is not None:
            x = cached[i % BATCHES]
        elif first == 0:
            x = model.embed(ids)
        else:
            with torch.no_grad():
                x = model.run_layers(model.embed(ids), mask, 0, first)
        hidden = model.run_layers(x, mask, first, len(model.layers))
        loss = torch.nn.functional.cross_entropy(model.logits(hidden, mask), labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        return loss.item()

    i = 0
    end = time.perf_counter() + a.warmup
    while time.perf_counter() < end or i < 2:
        step(i)
        i += 1
    times = []
    end = time.perf_counter() + a.measure
    while time.perf_counter() < end or len(times) < 3:
        t0 = time.perf_counter()
        step(i)
        times.append(time.perf_counter() - t0)
        i += 1
    ms = 1000 * statistics.mean(times)
    print(json.dumps({"reference": "pytorch-eager", "torch": torch.__version__, "mode": a.mode,
                      "batch": a.batch, "threads": a.threads, "steps": len(times), "ms_per_step": round(ms, 2),
                      "median_ms": round(1000 * statistics.median(times), 2),
                      "best_ms": round(1000 * min(times), 2),
                      "tokens_per_s": round(a.batch * LENGTH / (ms / 1000), 1)}))


if __name__ == "__main__":
    main()
