#!/usr/bin/env bash
# Runs one Lapis benchmark and its Python peer back to back on this machine, so the ratio in the README
# compares two numbers from the same run. Usage: bench/compare.sh zinc-eigh|knn|gine|spe|basis
# Needs Debian's python3-numpy (and python3-torch for the torch columns); see bench/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "# $(date -u +%FT%TZ) on $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"

case "${1:-}" in
  zinc-eigh)
    "$root/lapis" bench zinc-eigh --export-graphs "$work/zinc.graphs"
    echo "# peer, 1 BLAS thread"
    OPENBLAS_NUM_THREADS=1 "$python" "$root/bench/peers/zinc_eigh.py" "$work/zinc.graphs" --torch-threads 1
    echo "# peer, 2 BLAS threads"
    OPENBLAS_NUM_THREADS=2 "$python" "$root/bench/peers/zinc_eigh.py" "$work/zinc.graphs" --torch-threads 2
    ;;
  knn)
    "$root/lapis" bench knn
    "$python" "$root/bench/peers/knn_ckdtree.py"
    ;;
  gine)
    "$root/lapis" bench gine
    "$python" "$root/bench/peers/spe_train.py" --variant none --steps 100
    ;;
  spe)
    "$root/lapis" bench spe
    "$python" "$root/bench/peers/spe_train.py" --variant spe --steps 10
    ;;
  basis)
    lapis_out="$("$root/lapis" bench basis --export-points "$work/sphere.csv")"
    echo "$lapis_out"
    read -r steps sigma < <(echo "$lapis_out" | sed -n 's/^RESULT_JSON //p' \
      | "$python" -c 'import json, sys; r = json.load(sys.stdin); print(r["T"], repr(r["sigma"]))')
    for threads in 1 2; do
      "$python" "$root/bench/peers/basis_step.py" --points "$work/sphere.csv" --probes 0 --knn 256 \
        --sigma "$sigma" --diffusion-steps "$steps" --threads "$threads" --warmup 20 --steps 50
    done
    ;;
  *)
    echo "usage: bench/compare.sh zinc-eigh|knn|gine|spe|basis" >&2
    exit 2
    ;;
esac
