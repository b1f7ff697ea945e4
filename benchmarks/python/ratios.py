"""Prints the ratio tables of a run-references.sh run: each adapt4j figure beside its reference from the same run.

A speed ratio is reference time / adapt4j time (above 1: adapt4j is faster). JMH scores are the mean over the
measured iterations; "best" ratios use the fastest iteration on each side, which is less sensitive to other load
on the machine. usage: ratios.py RUN_DIR
"""
import glob
import json
import os
import sys

HIDDEN, FFN, LAYERS, LENGTH = 384, 1536, 6, 128
MATMUL_PARAMS_PER_LAYER = 4 * HIDDEN * HIDDEN + 2 * HIDDEN * FFN


def full_step_flop(batch, length=LENGTH):
    """6 x matmul parameters x tokens (forward 2, backward 4) + attention: 12 x layers x batch x T^2 x hidden."""
    tokens = batch * length
    return 6 * MATMUL_PARAMS_PER_LAYER * LAYERS * tokens + 12 * LAYERS * batch * length * length * HIDDEN


def jmh(run, pattern):
    out = []
    for path in sorted(glob.glob(os.path.join(run, pattern))):
        with open(path) as f:
            text = f.read().strip()
        if not text:  # a run still in progress, or one that failed before JMH wrote its results
            continue
        for r in json.loads(text):
            raw = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
            out.append({"name": r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1],
                        "params": r.get("params", {}), "score": r["primaryMetric"]["score"],
                        "best": min(raw), "unit": r["primaryMetric"]["scoreUnit"], "file": path})
    return out


def find(rows, name, **params):
    for r in rows:
        if r["name"] == name and all(str(r["params"].get(k)) == str(v) for k, v in params.items()):
            return r
    return None


def python_refs(run):
    out = {}
    for path in sorted(glob.glob(os.path.join(run, "pytorch-*.json"))):
        with open(path) as f:
            lines = f.read().strip().splitlines()
        if not lines:
            continue
        r = json.loads(lines[-1])
        out[(r["mode"].upper(), r["batch"], r["threads"])] = r
    return out


def load(run):
    with open(os.path.join(run, "machine.txt")) as f:
        return f.read()


def train_table(run, rows):
    refs = python_refs(run)
    print("\n### Training step (ms per step; speed ratio = reference time / adapt4j time)\n")
    print("| mode | batch | threads | adapt4j ms | tokens/s | EasyTrain ms | vs EasyTrain (best) "
          "| PyTorch eager ms | vs PyTorch (best) | load before |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in sorted((r for r in rows if r["name"] == "TrainStepBenchmark.step"),
                    key=lambda r: (r["params"]["mode"], int(r["params"]["batch"]), int(r["params"]["threads"]))):
        p = r["params"]
        tokens = int(p["batch"]) * LENGTH / (r["score"] / 1000)
        easy = find(rows, "EasyTrainStepBenchmark.step", **p)
        ref = refs.get((p["mode"], int(p["batch"]), int(p["threads"])))
        cells = [p["mode"], p["batch"], p["threads"], f"{r['score']:.0f}", f"{tokens:.0f}"]
        cells += [f"{easy['score']:.0f}", f"{easy['score'] / r['score']:.2f} ({easy['best'] / r['best']:.2f})"] \
            if easy else ["-", "-"]
        cells += [f"{ref['ms_per_step']:.0f}", f"{ref['ms_per_step'] / r['score']:.2f} "
                  f"({ref.get('best_ms', ref['ms_per_step']) / r['best']:.2f})"] if ref else ["skipped", "-"]
        cells.append(loadavg(run, r["file"]))
        print("| " + " | ".join(str(c) for c in cells) + " |")
    cache_table(rows)


def cache_table(rows):
    print("\n### Frozen-prefix cache (LAST2_CACHED against LAST2, same batch and threads)\n")
    print("| batch | threads | LAST2 ms | LAST2_CACHED ms | speed-up (best) |")
    print("|---|---|---|---|---|")
    for r in rows:
        p = r["params"]
        if r["name"] != "TrainStepBenchmark.step" or p["mode"] != "LAST2_CACHED":
            continue
        u = find(rows, "TrainStepBenchmark.step", mode="LAST2", batch=p["batch"], threads=p["threads"])
        if u:
            print(f"| {p['batch']} | {p['threads']} | {u['score']:.0f} | {r['score']:.0f} | "
                  f"{u['score'] / r['score']:.2f} ({u['best'] / r['best']:.2f}) |")


def peak_table(rows):
    peaks = [r for r in rows if r["name"].startswith("MatmulPeakBenchmark")]
    if not peaks:
        return
    print("\n### Matrix-multiply peak and the full training step (1 thread)\n")
    print("| measurement | GFLOP/s |")
    print("|---|---|")
    flop = {"MatmulPeakBenchmark.square": 2 * 2048 ** 3, "MatmulPeakBenchmark.ffn": 2 * 4096 * 384 * 1536}
    for r in peaks:
        isa = "AVX2 (MKL_ENABLE_INSTRUCTIONS=AVX2)" if "avx2" in r["file"] else "default ISA"
        print(f"| {r['name']} {isa} | {flop[r['name']] / (r['score'] / 1000) / 1e9:.1f} "
              f"(best {flop[r['name']] / (r['best'] / 1000) / 1e9:.1f}) |")
    for r in rows:
        p = r["params"]
        if r["name"] == "TrainStepBenchmark.step" and p["mode"] == "FULL" and p["threads"] == "1":
            f = full_step_flop(int(p["batch"]))
            print(f"| full step, batch {p['batch']}: {f / 1e9:.1f} GFLOP per step | {f / (r['score'] / 1000) / 1e9:.1f} "
                  f"(best {f / (r['best'] / 1000) / 1e9:.1f}) |")


def pair_table(rows, title, ours, theirs, keys, match=None):
    print(f"\n### {title}\n")
    print("| " + " | ".join(keys) + " | adapt4j | reference | speed ratio (best) |")
    print("|" + "---|" * (len(keys) + 3))
    for r in rows:
        if r["name"] != ours:
            continue
        ref = find(rows, theirs, **{k: r["params"][k] for k in (match or keys)})
        if ref:
            print("| " + " | ".join(r["params"][k] for k in keys) + f" | {r['score']:.3f} {r['unit']} | "
                  f"{ref['score']:.3f} {ref['unit']} | {ref['score'] / r['score']:.2f} "
                  f"({ref['best'] / r['best']:.2f}) |")


def loadavg(run, path):
    marker = path[:-len(".json")] + ".load"
    if os.path.exists(marker):
        with open(marker) as f:
            return f.read().split()[0]
    return "-"


def main():
    run = sys.argv[1]
    print(load(run))
    rows = jmh(run, "jmh-*.json")
    train_table(run, rows)
    peak_table(rows)
    pair_table(rows, "Encoder inference (ms per batch; adapt4j's encoder on each runtime against ONNX Runtime alone)",
               "EncoderInferenceBenchmark.embed", "OnnxRuntimeInferenceBenchmark.embed", ["runtime", "batch", "threads"],
               match=["batch", "threads"])
    print("\n### Prompt rendering (us per 8-shot prompt)\n")
    print("| template | adapt4j | LangChain4j | speed ratio (best) |")
    print("|---|---|---|---|")
    for ours, theirs, what in [("RenderBenchmark.flatAdapt4j", "RenderBenchmark.flatLangChain4j", "same flat text"),
                               ("RenderBenchmark.fewShotAdapt4j", "RenderBenchmark.fewShotLangChain4j",
                                "few-shot layout")]:
        a, b = find(rows, ours), find(rows, theirs)
        if a and b:
            print(f"| {what} | {a['score']:.2f} | {b['score']:.2f} | {b['score'] / a['score']:.2f} "
                  f"({b['best'] / a['best']:.2f}) |")
    sel = [r for r in rows if r["name"] == "SelectionBenchmark.select"]
    if sel:
        print("\n### Few-shot selection, k = 8 of 4,000 (us per query; no reference)\n")
        print("| selector | us per query |")
        print("|---|---|")
        for r in sel:
            print(f"| {r['params']['selector']} | {r['score']:.1f} |")


if __name__ == "__main__":
    main()
