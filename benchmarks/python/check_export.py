"""Checks that the Python reference model computes what the Java library computes on the exported weights.

usage: check_export.py WEIGHTS CHECK   (both written by ExportMiniLm); exits 1 when they differ by more than 1e-3
"""
import sys

import torch

from minilm import Classifier, read_safetensors


def main():
    model = Classifier()
    model.load(read_safetensors(sys.argv[1]))
    check = read_safetensors(sys.argv[2])
    ids = check["ids"]
    mask = torch.ones_like(ids)
    with torch.no_grad():
        hidden = model.run_layers(model.embed(ids), mask, 0, len(model.layers))
    diff = (hidden - check["last_hidden"]).abs().max().item()
    print(f"python reference vs adapt4j last hidden states: max |difference| = {diff:.2e}")
    sys.exit(0 if diff < 1e-3 else 1)


if __name__ == "__main__":
    main()
