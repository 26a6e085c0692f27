#!/usr/bin/env bash
# Issue 11 evidence: "nothing anonymous grows the database without bound". Counts the rows in
# PostgreSQL (grain state by state name, tombstones apart, and reminders) before and after N sign-in
# attempts on random usernames nobody holds, then again once their failures are forgotten.
#
#   scripts/growth.sh [N]        # N attempts (default 100000)
#
# A private PostgreSQL (scripts/postgres.sh) and one dev-mode gateway on it (co-hosted silo,
# Storage:Provider=Postgres), both on loopback. The load tool's `activate` scenario sends one wrong
# password for each new random username. What this measures is rows, not speed, so the run lowers
# what would only make it slow: the per-source limits (the whole load is one address), the Argon2id
# cost (m=1 MiB, t=1) and the failure window (ForgetFailuresAfter 2 min instead of 24 h, so the
# "after" count comes minutes later rather than a day). Bounded: N attempts, waits of minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
WINDOW=${GROWTH_WINDOW:-00:02:00}
OUT=$(mktemp -d /tmp/sa-growth.XXXXXX)
log() { printf 'growth.sh: %s\n' "$*" >&2; }
# shellcheck source=scripts/wait-ready.sh
. scripts/wait-ready.sh  # after the cd above

pg_env=$(scripts/postgres.sh start)
eval "$pg_env"
GW_PID=""
cleanup() {
  [[ -n "$GW_PID" ]] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null || true
  scripts/postgres.sh stop "${SA_PG_DIR:-}" || true
}
trap cleanup EXIT

dotnet build SecureAccess.sln -c Release -nologo -v quiet >"$OUT/build.log" 2>&1 || { tail -20 "$OUT/build.log" >&2; exit 1; }
SA_PG_CONNECTION="$SA_PG_CONNECTION" dotnet run --no-build -c Release --project src/Silo -- migrate >&2
# Run from copies, so a rebuild of the tree during the run cannot change what runs.
cp -r src/Gateway/bin/Release/net10.0 "$OUT/gateway"
cp -r src/LoadTest/bin/Release/net10.0 "$OUT/loadtest"

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
GW_URL="http://127.0.0.1:$(port)"
(
  cd "$OUT/gateway"
  export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
  exec dotnet SecureAccess.Gateway.dll --urls "$GW_URL" \
    --Storage:Provider=Postgres --ConnectionStrings:Orleans="$SA_PG_CONNECTION" \
    --Orleans:SiloPort="$(port)" --Orleans:GatewayPort="$(port)" --Telemetry:Dashboard=false \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information \
    --SecureAccess:Lockout:ForgetFailuresAfter="$WINDOW" \
    --SecureAccess:PasswordHashing:MemoryKiB=1024 --SecureAccess:PasswordHashing:Iterations=1 \
    --SecureAccess:FloodLimit:PermitLimit=0 --SecureAccess:SourceLimits:SignInAttempts=100000000 \
    --SecureAccess:SourceLimits:FailedUsernamesPerHour=100000000 --SecureAccess:SourceLimits:FailedUsernamesPerDay=100000000
) >"$OUT/gateway.log" 2>&1 &
GW_PID=$!
wait_for_gateway "$GW_PID" "$GW_URL" "$OUT/gateway.log" 120 || exit 1
log "gateway ready on $GW_URL (pid $GW_PID); log in $OUT"

sql() { PGPASSWORD="$SA_PG_PASSWORD" psql -h 127.0.0.1 -p "$SA_PG_PORT" -U "$SA_PG_USER" -d "$SA_PG_DATABASE" -X -P pager=off "$@"; }
counts() {
  echo "== $1 =="
  sql -q -c \
    "select graintypestring as state, count(*) as rows, count(*) filter (where payloadbinary is null) as tombstones
       from orleansstorage group by 1 order by 1;" \
    -c "select count(*) as reminders from orleansreminderstable;"
}

counts "before" | tee "$OUT/counts.txt"
dotnet "$OUT/loadtest/SecureAccess.LoadTest.dll" activate --target "$GW_URL" \
  -n "$N" -c 32 -d 2h --no-progress --username-prefix "growth$RANDOM" >"$OUT/load.txt" 2>&1 \
  || log "the load tool reported unexpected answers (a 503 is hashing shedding load, a timeout a busy machine); rows are what this counts"
grep -E "activate|iterations" "$OUT/load.txt" | head -6 >&2 || true
counts "after $N attempts" | tee -a "$OUT/counts.txt"

# Failures are forgotten $WINDOW after the newest one; the tidying reminder ticks each minute after that.
for minute in $(seq 1 15); do
  sleep 60
  left=$(sql -A -t -c "select count(*) from orleansstorage where graintypestring = 'user'")
  log "minute $minute: $left user rows left"
  [[ "$left" == 0 ]] && break
done
counts "after the failure window ($WINDOW) and its tidy" | tee -a "$OUT/counts.txt"
log "counts in $OUT/counts.txt"
