#!/usr/bin/env bash
# Runs each adapt4j benchmark beside the reference a user would pick instead, back to back on this machine, and
# prints the ratios (speed ratio = reference time / adapt4j time) from that one run:
#   train      TrainStepBenchmark, DJL EasyTrain (EasyTrainStepBenchmark), PyTorch eager in Python (python/)
#   infer      EncoderInferenceBenchmark against ONNX Runtime (OnnxRuntimeInferenceBenchmark)
#   render     RenderBenchmark: adapt4j templates against LangChain4j's PromptTemplate; SelectionBenchmark
#   peak       MatmulPeakBenchmark at the default instruction set and with MKL_ENABLE_INSTRUCTIONS=AVX2
#   memory     resident memory: FineTuneMemoryRun (the fine-tune strategy on the fine-food reviews at batch 32,
#              $MEMORY_EPOCHS epochs, past 2,000 steps) and StepProbe (full fine-tuning at batch 32 for
#              $MEMORY_FULL_STEPS steps); long, so not in the default PARTS
# Settings (environment): PARTS, MODES, BATCHES, THREADS, JMH_OPTS (JMH run options), PY_WARMUP / PY_MEASURE
# (seconds), MEMORY_EPOCHS, MEMORY_FULL_STEPS, OUT (result directory), PYTHON (a python3 with torch), JAR.
# The PyTorch reference needs Debian's python3-torch with OpenBLAS; run as root with apt-get available, the script
# installs it (python3-torch libopenblas0-openmp), otherwise it looks for a python3 that imports torch and skips
# the reference with a message when there is none.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
JAR="${JAR:-$HERE/target/benchmarks.jar}"
OUT="${OUT:-$HERE/target/references/$(date +%Y%m%d-%H%M%S)}"
PARTS="${PARTS:-train infer render peak}"
MODES="${MODES:-FULL LAST2 LAST2_CACHED}"
BATCHES="${BATCHES:-16 32}"
THREADS="${THREADS:-1 2}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 3 -w 5 -i 5 -r 5}"
PY_WARMUP="${PY_WARMUP:-15}"
PY_MEASURE="${PY_MEASURE:-25}"
MEMORY_EPOCHS="${MEMORY_EPOCHS:-18}"
MEMORY_FULL_STEPS="${MEMORY_FULL_STEPS:-300}"
export PYTHONDONTWRITEBYTECODE=1
JAVA=(java -Xmx4g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

mkdir -p "$OUT"
log() { printf '%s  %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
has() { [[ " $PARTS " == *" $1 "* ]]; }

if [[ ! -f "$JAR" ]]; then
  log "building $JAR"
  (cd "$ROOT" && mvn -B -ntp -q -pl benchmarks -am package -DskipTests -Pbenchmarks-jar)
fi

{
  echo "## Run $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "- CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores available"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- java: $(java -version 2>&1 | head -1)"
  echo "- JMH options: $JMH_OPTS; PyTorch reference: ${PY_WARMUP} s warm-up, ${PY_MEASURE} s measured"
} > "$OUT/machine.txt"

# Runs JMH with the given benchmark regex and parameters, writing jmh-<tag>.json and the load average before it.
jmh() {
  local tag="$1"; shift
  cut -d' ' -f1 /proc/loadavg > "$OUT/jmh-$tag.load"
  log "JMH $tag (load $(cat "$OUT/jmh-$tag.load"))"
  # shellcheck disable=SC2086
  java -jar "$JAR" "$@" $JMH_OPTS -rf json -rff "$OUT/jmh-$tag.json" > "$OUT/jmh-$tag.log" 2>&1
}

find_python() {
  for p in "${PYTHON:-}" python3 /usr/bin/python3; do
    if [[ -n "$p" ]] && command -v "$p" > /dev/null && "$p" -c 'import torch' 2> /dev/null; then
      echo "$p"; return 0
    fi
  done
  return 1
}

PY=""
if has train; then
  if ! PY="$(find_python)"; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get > /dev/null; then
      log "installing Debian's python3-torch with OpenBLAS"
      apt-get install -y -q python3-torch libopenblas0-openmp > "$OUT/apt.log" 2>&1 || true
    fi
    PY="$(find_python || true)"
  fi
  if [[ -z "$PY" ]]; then
    log "SKIPPED the PyTorch eager reference: no python3 with torch (install python3-torch and libopenblas0-openmp)"
  else
    echo "- PyTorch reference: $("$PY" -c 'import torch; print("torch", torch.__version__)'), BLAS: $(
      readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2> /dev/null || echo unknown)" >> "$OUT/machine.txt"
    "${JAVA[@]}" -cp "$JAR" dev.adapt4j.benchmarks.train.ExportMiniLm "$OUT/weights" > /dev/null
    (cd "$HERE/python" && "$PY" check_export.py "$OUT/weights/minilm.safetensors" "$OUT/weights/check.safetensors") \
      | tee -a "$OUT/machine.txt"
  fi
  for t in $THREADS; do
    for b in $BATCHES; do
      for m in $MODES; do
        tag="train-$m-$b-$t"
        jmh "$tag" "TrainStepBenchmark|EasyTrainStepBenchmark" -p mode="$m" -p batch="$b" -p threads="$t"
        if [[ -n "$PY" ]]; then
          log "PyTorch eager $m batch $b, $t threads"
          (cd "$HERE/python" && "$PY" train_step.py "$OUT/weights/minilm.safetensors" \
            --mode "$(tr '[:upper:]' '[:lower:]' <<< "$m")" --batch "$b" --threads "$t" \
            --warmup "$PY_WARMUP" --measure "$PY_MEASURE") > "$OUT/pytorch-$m-$b-$t.json"
        fi
      done
    done
  done
fi

if has infer; then
  for t in $THREADS; do
    jmh "infer-$t" "EncoderInferenceBenchmark|OnnxRuntimeInferenceBenchmark" -p threads="$t"
  done
fi

if has render; then
  jmh render "RenderBenchmark|SelectionBenchmark"
fi

if has peak; then
  jmh peak "MatmulPeakBenchmark"
  MKL_ENABLE_INSTRUCTIONS=AVX2 jmh peak-avx2 "MatmulPeakBenchmark"
  if ! has train; then
    jmh "train-FULL-peak" "TrainStepBenchmark" -p mode=FULL -p batch=32 -p threads=1
  fi
fi

if has memory; then
  log "memory: the fine-tune strategy at batch 32, $MEMORY_EPOCHS epochs"
  "${JAVA[@]}" -cp "$JAR" dev.adapt4j.benchmarks.train.FineTuneMemoryRun "$MEMORY_EPOCHS" 32 0 \
    > "$OUT/memory-finetune.txt" 2>&1
  log "memory: full fine-tuning at batch 32, $MEMORY_FULL_STEPS steps"
  "${JAVA[@]}" -cp "$JAR" dev.adapt4j.benchmarks.train.StepProbe FULL 32 "$(nproc)" "$MEMORY_FULL_STEPS" 20 50 \
    > "$OUT/memory-full.txt" 2>&1
  { echo "- memory, fine-tune strategy: $(tail -1 "$OUT/memory-finetune.txt")"
    echo "- memory, full fine-tuning: $(tail -1 "$OUT/memory-full.txt")"; } >> "$OUT/machine.txt"
fi

echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
if command -v python3 > /dev/null; then
  python3 "$HERE/python/ratios.py" "$OUT" | tee "$OUT/summary.md"
else
  log "no python3 for the summary; the JMH results are in $OUT"
fi
log "results in $OUT"
