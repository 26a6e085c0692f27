#!/usr/bin/env bash
# Issue 12: every status the API tests saw must be documented. Compares the (method, route, status)
# lines the test hosts wrote (tests/Testing/StatusLedger.cs, file $1) with the OpenAPI document ($2):
# an observed status the document lacks fails; documented statuses the tests never saw are listed.
# Usage: scripts/status-coverage.sh OBSERVED.tsv OPENAPI.json
set -euo pipefail
observed=$1 document=$2
[[ -s $observed ]] || { echo "status-coverage: no observations in '$observed' (did the Api tests run with SA_OBSERVED_STATUSES set?)" >&2; exit 1; }
documented=$(mktemp)
trap 'rm -f "$documented"' EXIT
jq -r '.paths | to_entries[] | .key as $path | .value | to_entries[]
       | select(.key | IN("get","put","post","delete","patch","head","options"))
       | .key as $method | .value.responses | keys[] | "\($method | ascii_upcase)\t\($path)\t\(.)"' "$document" | sort -u > "$documented"

undocumented=$(sort -u "$observed" | comm -23 - "$documented")
unseen=$(sort -u "$observed" | comm -13 - "$documented")
operations=$(cut -f1,2 "$documented" | sort -u | wc -l)
seen_operations=$(sort -u "$observed" | cut -f1,2 | sort -u | wc -l)
echo "status-coverage: $(sort -u "$observed" | wc -l) observed (method, route, status) on $seen_operations of $operations operations;" \
     "$(grep -c . <<<"$unseen" || true) documented statuses never observed"
if [[ -n $unseen && ${STATUS_COVERAGE_VERBOSE:-0} == 1 ]]; then echo "documented, never observed:"; sed 's/^/  /' <<<"$unseen"; fi
if [[ -n $undocumented ]]; then
  echo "status-coverage: FAILED — observed in the API tests but not in the OpenAPI document:" >&2
  sed 's/^/  /' <<<"$undocumented" >&2
  exit 1
fi
echo "status-coverage: every observed status is documented"
