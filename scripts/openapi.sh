#!/usr/bin/env bash
# Issue 12: fetches the OpenAPI document from a dev-mode gateway that this script starts on a free
# loopback port, writes it to $1 (default artifacts/openapi/v1.json), and lints it with Redocly CLI
# (rules in redocly.yaml): any error fails. Needs a built solution (Release) and node/npm (test.sh
# installs them). Usage: scripts/openapi.sh [output-file]
set -euo pipefail
cd "$(dirname "$0")/.."
out_file=${1:-artifacts/openapi/v1.json}
mkdir -p "$(dirname "$out_file")"
log=$(mktemp)
gateway=
source scripts/dev-gateway.sh
trap 'stop_dev_gateway; rm -f "$log"' EXIT
start_dev_gateway openapi "$log" "${OPENAPI_PORT:-}" || exit 1
curl -sf "http://127.0.0.1:$port/openapi/v1.json" -o "$out_file" || { echo "openapi: no document at /openapi/v1.json" >&2; exit 1; }
stop_dev_gateway

# Redocly CLI 2.77 declares Node >= 20.19; Debian 12's own nodejs is 18 (docs/decisions.md, issue 12).
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
((node_major >= 20)) || echo "openapi: node $(node --version 2>/dev/null) is older than Redocly CLI 2.77 asks (>= 20.19); trying anyway" >&2
# The version is pinned: a new release's new rules must not break CI by themselves.
rc=0
npx --yes @redocly/cli@2.77.0 lint "$out_file" --config redocly.yaml --format=stylish >"$log" 2>&1 || rc=$?
grep -v -e '^ *[║╔╚]' -e '^ *$' "$log" || true
((rc == 0)) || { echo "openapi: Redocly lint found errors in $out_file" >&2; exit 1; }
echo "openapi: $out_file linted, no errors ($(jq '[.paths[] | keys[]] | length' "$out_file") operations)"
