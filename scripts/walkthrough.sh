#!/usr/bin/env bash
# Runs README.md's walk-through verbatim against a dev-mode gateway that this script starts on a free
# loopback port, and checks the outcomes a reader is promised. Used by test.sh so the README cannot rot.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${WALKTHROUGH_PORT:-$(( 20000 + RANDOM % 20000 ))}
out=$(mktemp -d)
dotnet run --no-build -c "${CONFIGURATION:-Release}" --project src/Gateway --launch-profile dev -- --urls "http://127.0.0.1:$port" \
  --Orleans:SiloPort=$((port + 1)) --Orleans:GatewayPort=$((port + 2)) >"$out/gateway.log" 2>&1 &
gateway=$!
trap 'kill $gateway 2>/dev/null || true; wait $gateway 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 $gateway 2>/dev/null || { cat "$out/gateway.log"; echo "walkthrough: the gateway did not start" >&2; exit 1; }
  sleep 0.5
done
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
