#!/usr/bin/env bash
# Runs README.md's walk-through verbatim against a dev-mode gateway that this script starts on a free
# loopback port, and checks the outcomes a reader is promised. Used by test.sh so the README cannot rot.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
gateway=
source scripts/dev-gateway.sh
trap 'stop_dev_gateway; rm -rf "$out"' EXIT
start_dev_gateway walkthrough "$out/gateway.log" "${WALKTHROUGH_PORT:-}" || exit 1
grep -q "ALL DATA LIVES IN MEMORY" "$out/gateway.log" || { echo "walkthrough: the dev-mode banner is missing" >&2; exit 1; }

# The README's block, with only its address changed to this run's port.
awk '/<!-- walkthrough:start -->/{on=1; next} /<!-- walkthrough:end -->/{on=0} on && !/^```/' README.md \
  | sed "s#^B=http://127.0.0.1:5080#B=http://127.0.0.1:$port#" > "$out/walkthrough.sh"
bash "$out/walkthrough.sh" > "$out/result.txt" 2>&1 || { cat "$out/result.txt"; exit 1; }
cat "$out/result.txt"

expect() { grep -qE "$1" "$out/result.txt" || { echo "walkthrough: expected /$1/ in the output" >&2; exit 1; }; }
expect '"step":"complete"'
expect '"username":"ada"'
expect '^204$'
expect '^401$'
expect '^HTTP/1.1 423'
expect '^Retry-After: '
expect '"step":"choose-second-factor"'
expect '"authenticatorEnrolled":true'
echo "walkthrough: README walk-through passed"
