#!/usr/bin/env bash
# Runs every test of Secure Access on a fresh machine that has only the .NET SDK:
# installs what the tests need from Debian's packages (PostgreSQL, oathtool), starts a private
# PostgreSQL on a loopback port, applies the schema, runs all test projects, and stops PostgreSQL
# again — also when tests fail. Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
command -v oathtool >/dev/null 2>&1 || need_apt+=(oathtool)
command -v jq >/dev/null 2>&1 || need_apt+=(jq)                   # scripts/status-coverage.sh (issue 12)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)         # Redocly CLI lints the OpenAPI document (issue 12)
if ((${#need_apt[@]})); then
  if [[ $EUID -eq 0 ]]; then
    echo "test.sh: installing ${need_apt[*]} from Debian's packages" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >&2
  else
    echo "test.sh: missing ${need_apt[*]} (install with apt-get as root); tests that need them will fail" >&2
  fi
fi

# Assigned first so a failed start stops this script (an eval of nothing would not).
pg_env=$(scripts/postgres.sh start)
eval "$pg_env"
trap 'scripts/postgres.sh stop "${SA_PG_DIR:-}" || true' EXIT
export SA_PG_CONNECTION

dotnet build SecureAccess.sln -c Release -warnaserror -nologo -v quiet
dotnet run --no-build -c Release --project src/Silo -- migrate

log=$(mktemp)
# Issue 12: the API test hosts write down every (method, route, status) they answer (tests/Testing/StatusLedger.cs).
export SA_OBSERVED_STATUSES=$(mktemp)
document=$(mktemp --suffix=.json)
status=0
dotnet test SecureAccess.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"

# Issue 12: the OpenAPI document of a dev gateway passes Redocly's lint, and documents every status the API tests saw.
if scripts/openapi.sh "$document"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
if [[ -s $document ]] && scripts/status-coverage.sh "$SA_OBSERVED_STATUSES" "$document"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
rm -f "$SA_OBSERVED_STATUSES" "$document"

# Issue 12: the code follows .editorconfig (whitespace, usings, the rules raised to warning there).
if dotnet format SecureAccess.sln --verify-no-changes -v q; then passed=$((passed + 1)); else
  echo "test.sh: dotnet format found code that does not follow .editorconfig (run: dotnet format SecureAccess.sln)" >&2
  failed=$((failed + 1)); status=1
fi

# README's walk-through, run verbatim against a dev-mode gateway: one more test.
if scripts/walkthrough.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
