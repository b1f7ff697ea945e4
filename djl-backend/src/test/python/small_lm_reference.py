#!/usr/bin/python3
"""Independent check of the shipped small decoder's held-out log-likelihoods.

Reads the model adapt4j ships (djl-backend/src/main/resources/dev/adapt4j/djl/adapt4j-small-lm: config.json and the
bfloat16 model.safetensors) with the plain-PyTorch Llama forward pass of make_decoder_references.py (written
from the published architecture, no model library), and the held-out token sequences the Java model-card
program wrote (djl-backend/src/test/resources/small-lm/heldout-ids.json: a few sequences per source). Writes
djl-backend/src/test/resources/small-lm/reference.json: for each source, each sequence's summed negative
log-likelihood (nats, float32 logits, float64 sums) of every token after the first.

Run from the repository root:  /usr/bin/python3 djl-backend/src/test/python/small_lm_reference.py
"""

import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_decoder_references import llama_logits, read_safetensors  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
MODEL = os.path.join(ROOT, "src", "main", "resources", "dev", "adapt4j", "djl", "adapt4j-small-lm")
DATA = os.path.join(ROOT, "src", "test", "resources", "small-lm")

torch.set_num_threads(1)


def main():
    with open(os.path.join(MODEL, "config.json")) as f:
        cfg = json.load(f)
    weights = read_safetensors(os.path.join(MODEL, "model.safetensors"))
    with open(os.path.join(DATA, "heldout-ids.json")) as f:
        held = json.load(f)
    out = {}
    with torch.no_grad():
        for source, sequences in held.items():
            sums = []
            for ids in sequences:
                logits = llama_logits(weights, cfg, ids)
                logp = torch.log_softmax(logits[:-1], dim=-1)
                picked = logp.gather(1, torch.tensor(ids[1:]).unsqueeze(1)).squeeze(1)
                sums.append(-float(picked.double().sum()))
            out[source] = sums
            print("%-14s %d sequences, mean NLL per token %.4f" % (source, len(sums),
                  sum(sums) / sum(len(s) - 1 for s in sequences)))
    with open(os.path.join(DATA, "reference.json"), "w") as f:
        json.dump({"torch": torch.__version__, "nll": out}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
