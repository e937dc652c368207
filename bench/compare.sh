#!/usr/bin/env bash
# Ember beside its anchors, on this machine, in one run (this machine's timings swing 2x between runs, so only ratios taken
# together count): Ember's benchmark (which includes ONNX Runtime on the models Ember exports, the ort_infer_* keys) and
# the PyTorch anchor are run interleaved ROUNDS times; each key's best value over the rounds is printed side by side with
# the ratio Ember/PyTorch, and Ember/ONNX Runtime for the infer_* keys (below 1: Ember is faster), the latter from
# blocks of the two engines alternating in one process (paired_infer_* and ort_infer_* keys).
#   bench/compare.sh [ROUNDS] [-- BENCH-ARGS]     e.g. bench/compare.sh 2 -- --quick
# Needs Debian's python3-torch, python3-torchvision, dataset-fashion-mnist (the anchor's packages) and the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
anchor=${EMBER_ANCHOR:-../shared/anchors/bench_torch.py}
[ -f "$anchor" ] || { echo "compare: the PyTorch anchor $anchor is missing (set EMBER_ANCHOR)" >&2; exit 1; }
quick=""; for a in "$@"; do [ "$a" = "--quick" ] && quick="--quick"; done
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
dotnet build -c Release bench/Ember.Bench > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds: Ember" >&2
  dotnet run -c Release --no-build --project bench/Ember.Bench -- "$@" > "$out/ember-$r.json" 2> "$out/ember-$r.log"
  echo "round $r/$rounds: PyTorch" >&2
  /usr/bin/python3 "$anchor" $quick > "$out/torch-$r.json" 2> "$out/torch-$r.log"
done
python3 - "$out" "$rounds" <<'PY'
import json, sys
folder, rounds = sys.argv[1], int(sys.argv[2])
def load(name):
    return [json.loads(open(f"{folder}/{name}-{r}.json").read().strip().splitlines()[-1]) for r in range(1, rounds + 1)]
ember, torch = load("ember"), load("torch")
def best(runs, key):
    values = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
    if not values: return None
    # Rates (GFLOP/s) and accuracies: higher is better; times: lower is better.
    return max(values) if ("gflops" in key or "acc" in key) else min(values)
# The measured keys (times, rates, accuracies), not the descriptive ones (threads, corpus size, vocabulary).
keys = [k for k in torch[0] if isinstance(torch[0][k], (int, float)) and (k.endswith(("_s", "_ms", "_gflops", "_per_step")) or "_acc" in k)]
print(f"{'key':34} {'Ember':>10} {'PyTorch':>10} {'ratio':>7} {'Ember*':>10} {'ORT':>10} {'vs ORT':>7}")
for k in keys:
    e, t = best(ember, k), best(torch, k)
    o = best(ember, "ort_" + k) if k.startswith("infer_") else None
    p = best(ember, "paired_" + k) if k.startswith("infer_") else None
    ratio = f"{e / t:.2f}" if e is not None and t else "-"
    ort = f"{o:10g}" if o is not None else f"{'-':>10}"
    paired = f"{p:10g}" if p is not None else f"{'-':>10}"
    vs = f"{p / o:.2f}" if p is not None and o else "-"
    print(f"{k:34} {e if e is not None else '-':>10} {t:>10} {ratio:>7} {paired} {ort} {vs:>7}")
print(f"(best of {rounds} interleaved rounds; ratio = Ember / PyTorch; vs ORT = Ember* / ONNX Runtime on Ember's exported models,"
      " Ember* being Ember timed in blocks alternating with ONNX Runtime's in the same process (paired_infer_* keys);"
      " for GFLOP/s and accuracies higher is better, for times lower)")
PY
