#!/bin/bash
# Sparse k-smallest eigenpairs, Lapis vs scipy (ARPACK shift-invert), side by side on this machine.
# Usage: bench/sparse_side_by_side.sh [grid|sphere|both] [rounds] [lapis solvers, comma-separated]
# Each round runs scipy once and then Lapis once (after one untimed warm-up run in the same JVM), so that the
# two timings of a round see the same machine load. Reported: median wall time per side, the median of the
# per-round ratios Lapis/scipy, and the same for process CPU time (all threads).
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-both}
ROUNDS=${2:-5}
SOLVERS=${3:-LANCZOS_SHIFT_INVERT}
mvn -B -q -o -pl bench -am -DskipTests package
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp bench/target/lapis-bench.jar "$TMP/lapis-bench.jar"
run_case() {
  local c=$1
  local extra=()
  local pyextra=()
  if [ "$c" = sphere ]; then
    pyextra=(--write-edges "$TMP/sphere_edges.txt")
    extra=(--edges "$TMP/sphere_edges.txt")
  fi
  for r in $(seq "$ROUNDS"); do
    /usr/bin/python3 bench/peers/sparse_eigs.py --case "$c" --repeats 1 "${pyextra[@]}" \
      | grep RESULT_JSON | sed 's/^RESULT_JSON //' > "$TMP/$c.scipy.$r.json"
    java -Xmx8g --add-modules jdk.incubator.vector -jar "$TMP/lapis-bench.jar" sparse --case "$c" --solvers "$SOLVERS" --warmup 1 --repeats 1 "${extra[@]}" \
      | grep RESULT_JSON | sed 's/^RESULT_JSON //' > "$TMP/$c.lapis.$r.json"
  done
  /usr/bin/python3 - "$TMP" "$c" "$ROUNDS" <<'PY'
import json, statistics, sys
tmp, case, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
sc = [json.load(open(f"{tmp}/{case}.scipy.{r}.json")) for r in range(1, rounds + 1)]
la = [json.load(open(f"{tmp}/{case}.lapis.{r}.json")) for r in range(1, rounds + 1)]
med = statistics.median
s_wall = [x["results"][0]["wall_s_all"][0] for x in sc]
s_cpu = [x["results"][0]["cpu_s_all"][0] for x in sc]
ref = sc[-1]["results"][0]
print(f"case {case}: n={sc[0]['n']} k={sc[0]['k']}, {rounds} rounds")
print(f"  scipy {ref['solver']:<24} wall median {med(s_wall):6.3f} s (min {min(s_wall):.3f})  cpu median {med(s_cpu):6.3f} s"
      f"  max residual {ref['max_residual']:.1e}" + (f"  max |err| {ref['max_abs_err_vs_closed_form']:.1e}" if 'max_abs_err_vs_closed_form' in ref else ""))
for i, r0 in enumerate(la[0]["results"]):
    wall = [x["results"][i]["wall_s_all"][0] for x in la]
    cpu = [x["results"][i]["cpu_s_all"][0] for x in la]
    last = la[-1]["results"][i]
    ratio = [w / s for w, s in zip(wall, s_wall)]
    cratio = [w / s for w, s in zip(cpu, s_cpu)]
    err = last["max_abs_err_vs_closed_form"]
    print(f"  lapis {r0['solver']:<24} wall median {med(wall):6.3f} s (min {min(wall):.3f})  cpu median {med(cpu):6.3f} s"
          f"  max residual {last['max_residual']:.1e}" + (f"  max |err| {err:.1e}" if err is not None else ""))
    print(f"        ratio lapis/scipy: wall median {med(ratio):.2f} (rounds {', '.join('%.2f' % x for x in ratio)}),"
          f" cpu median {med(cratio):.2f}; iterations {last['iterations']}, applications {last['applications']},"
          f" converged {last['converged']}")
PY
}
if [ "$CASES" = both ]; then for c in grid sphere; do run_case $c; done; else run_case "$CASES"; fi
