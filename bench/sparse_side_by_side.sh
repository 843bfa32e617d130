#!/bin/bash
# Sparse k-smallest eigenpairs, Lapis vs scipy (ARPACK shift-invert), side by side in one run on this machine.
# Usage: bench/sparse_side_by_side.sh [grid|sphere|both] [lapis solvers, comma-separated]
# Builds graph and spectral (mvn -o compile), writes the sphere graph's edges once with the python script, then
# alternates scipy and Lapis per case. Each side reports its best of 3 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
CASES=${1:-both}
SOLVERS=${2:-LANCZOS_SHIFT_INVERT}
mvn -B -q -o -pl spectral -am compile
R=~/.m2/repository
CP=graph/target/classes:spectral/target/classes
for j in ejml-core ejml-ddense ejml-dsparse ejml-simple; do CP=$CP:$R/org/ejml/$j/0.43.1/$j-0.43.1.jar; done
CP=$CP:$R/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar:$R/org/jgrapht/jgrapht-core/1.5.2/jgrapht-core-1.5.2.jar
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
run_case() {
  local c=$1
  local extra=()
  local pyextra=()
  if [ "$c" = sphere ]; then pyextra=(--write-edges "$TMP/sphere_edges.txt"); extra=(--edges "$TMP/sphere_edges.txt"); fi
  /usr/bin/python3 bench/peers/sparse_eigs.py --case "$c" "${pyextra[@]}" | grep RESULT_JSON | sed 's/^RESULT_JSON //' > "$TMP/$c.scipy.json"
  java -Xmx8g -cp "$CP" bench/SparseEigs.java --case "$c" --solvers "$SOLVERS" "${extra[@]}" | grep RESULT_JSON | sed 's/^RESULT_JSON //' > "$TMP/$c.lapis.json"
  /usr/bin/python3 - "$TMP/$c.scipy.json" "$TMP/$c.lapis.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); l = json.load(open(sys.argv[2]))
ref = s["results"][0]
print(f"case {s['case']}: n={s['n']} k={s['k']}")
print(f"  scipy {ref['solver']:<28} {ref['wall_s_best']:8.3f} s  max residual {ref['max_residual']:.1e}  (runs {', '.join('%.2f' % t for t in ref['wall_s_all'])})")
for r in l["results"]:
    print(f"  lapis {r['solver']:<28} {r['wall_s_best']:8.3f} s  max residual {r['max_residual']:.1e}  ratio {r['wall_s_best']/ref['wall_s_best']:.2f}"
          f"  (runs {', '.join('%.2f' % t for t in r['wall_s_all'])}; iterations {r['iterations']}, applications {r['applications']}, converged {r['converged']})")
PY
}
if [ "$CASES" = both ]; then for c in grid sphere; do run_case $c; done; else run_case "$CASES"; fi
