#!/usr/bin/env bash
# Issue 13's headline table in one command: the dev-mode run (`benchmark.sh --wrk`) and the production-topology
# run (`benchmark.sh --topology`) one after the other on this machine, merged into one table with a column for
# each (docs/benchmarks.md starts with its output). ~15 min; needs a quiet machine to mean anything.
#
#   scripts/headline.sh [--skip-build] [--out DIR]
#   scripts/headline.sh --merge DEV_DIR TOPOLOGY_DIR   # only merge two earlier runs' summaries
#
# Results: DIR/headline.md (the table), DIR/dev/ and DIR/topology/ (each run's own files). The environment
# overrides of benchmark.sh apply to both runs.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

merge() {
  python3 - "$1/summary-wrk.txt" "$2/summary-topology.txt" "$1/machine.txt" "$2/machine.txt" <<'PY'
import sys
def rows(path):
    out = {}
    for line in open(path):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and cells[0] not in ("measurement", "---"):
            out[cells[0]] = cells
    return out
def cell(c):
    return "—" if c is None else f"{c[2]} of {c[3]} = **{c[4]}**; {c[6]}"
dev, topo = rows(sys.argv[1]), rows(sys.argv[2])
print("| measurement | yardstick | target | dev mode | production topology |")
print("|---|---|---|---|---|")
for name in list(dev) + [n for n in topo if n not in dev]:
    any_row = dev.get(name) or topo[name]
    print(f"| {name} | {any_row[1]} | {any_row[5]} | {cell(dev.get(name))} | {cell(topo.get(name))} |")
print()
for label, path in (("dev mode", sys.argv[3]), ("topology", sys.argv[4])):
    try:
        facts = dict(l.strip().split(": ", 1) for l in open(path) if ": " in l)
        print(f"{label}: {facts.get('date', '?')}, {facts.get('cores', '?')} cores {facts.get('cpu', '')}, "
              f"commit {facts.get('commit', '?')}, load at start {facts.get('load at start', '?')}")
    except OSError:
        print(f"{label}: machine facts missing ({path})")
PY
}

if [[ "${1:-}" == "--merge" ]]; then
  [[ $# -eq 3 ]] || { echo "usage: scripts/headline.sh --merge DEV_DIR TOPOLOGY_DIR" >&2; exit 2; }
  merge "$2" "$3"
  exit 0
fi

OUT="$ROOT/artifacts/headline-$(date -u +%Y%m%d-%H%M%S)"
BUILD=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) BUILD=(--skip-build) ;;
    --out) OUT=$(realpath -m "$2"); shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "headline.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$OUT"
"$ROOT/scripts/benchmark.sh" --wrk "${BUILD[@]}" --out "$OUT/dev"
# The dev run built the binaries (unless told not to); the topology run reuses them.
"$ROOT/scripts/benchmark.sh" --topology --skip-build --out "$OUT/topology"
merge "$OUT/dev" "$OUT/topology" | tee "$OUT/headline.md"
