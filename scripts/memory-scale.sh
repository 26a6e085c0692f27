#!/usr/bin/env bash
# Issue 13, "Memory": does a silo's memory follow the users who are ACTIVE, not the users who are REGISTERED?
#
#   scripts/memory-scale.sh [REGISTERED] [ACTIVE]     # defaults 1000000 and 10000
#   options: --skip-build (reuse artifacts/build-memory)  --no-control (only the REGISTERED run)
#
# Production topology on this machine: a private PostgreSQL (scripts/postgres.sh, fresh per run), one silo process
# (Storage:Provider=Postgres) and one client-mode gateway, Development environment, Release build, logging at Warning.
# Two runs in one invocation, the same steps each:
#   scale    REGISTERED personal accounts, imported through the operator API (POST /api/v1/admin/existing-accounts,
#            `X-Operator-Key`, batches of MEMORY_BATCH), then ACTIVE of them sign in;
#   control  only ACTIVE accounts registered, the same ACTIVE sign in.
# Each run: 1. import (silo with a 2-min collection age, so the import itself keeps few activations resident);
# 2. silo and gateway restarted (fresh processes, Orleans' default 15-min collection age), row counts and
# table sizes read from PostgreSQL; 3. silo RSS (/proc/PID/status), live heap (dotnet-gcdump: it forces a full
# GC, so the figure is live objects) and Orleans' activation count (the silo's Prometheus endpoint) when idle;
# 4. one correct-password sign-in step (`POST /api/v1/sessions`) for each of ACTIVE distinct users, spread over
# all registered ones; 5. the same samples right after, and MEMORY_IDLE_SAMPLE later (the audit trails' own
# 2-min collection limit has passed by then; the user grains' 15 min has not).
#
# The hash cost is lowered for the whole run (Argon2id m=MEMORY_HASH_KIB KiB, t=1, the imported hash made at the
# same cost so no sign-in re-hashes): the run measures memory, not hashing, and a hash leaves nothing resident.
# Every account has its own username, email, SSN (900-xx-xxxx, not issued as SSNs) and mobile number
# (+1 AAA 555 LLLL; messages go to the dev outbox, nothing leaves the machine).
#
# Everything listens on 127.0.0.1 on free ports; every wait and request is bounded; what this script starts is
# stopped on exit (also on Ctrl+C or failure). Results: artifacts/memory-<UTC time>/ (gitignored): summary.txt,
# summary.json, samples.jsonl, import-*.json, signin-*.json, rows-*.txt, gcdumps, process logs.
# Needs dotnet-gcdump for the heap figures (`dotnet tool install -g dotnet-gcdump`; without it only RSS).
#
# Environment (defaults in brackets): MEMORY_BATCH [1000] accounts per import request (≤ Operators:MaxImportAccounts),
# MEMORY_IMPORT_PARALLEL [4] import requests in flight, MEMORY_SIGNIN_PARALLEL [8] sign-ins in flight,
# MEMORY_HASH_KIB [8], IMPORT_COLLECTION_AGE [00:02:00], MEMORY_SETTLE [15] seconds before each sample,
# MEMORY_IDLE_SAMPLE [180] seconds after the sign-ins for the last sample (0 = none),
# MEMORY_SYNC_COMMIT [on] PostgreSQL's synchronous_commit for the import phase only (`off` speeds the import
# on a slow disk; never for the measurement), MEMORY_IMPORT_BUDGET [0 = none] seconds after which the scale run's
# import starts no new batch (the run goes on with the accounts imported so far, and the summary says how many),
# MEMORY_BUILD_DIR [artifacts/build-memory].
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=1
CONTROL=1
POSITIONAL=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) BUILD=0 ;;
    --no-control) CONTROL=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    -*) echo "memory-scale.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) POSITIONAL+=("$1") ;;
  esac
  shift
done
REGISTERED=${POSITIONAL[0]:-1000000}
ACTIVE=${POSITIONAL[1]:-10000}
[[ "$REGISTERED" =~ ^[0-9]+$ && "$ACTIVE" =~ ^[0-9]+$ ]] || { echo "memory-scale.sh: REGISTERED and ACTIVE are numbers" >&2; exit 2; }
(( ACTIVE >= 1 && ACTIVE <= REGISTERED && REGISTERED <= 3000000 )) \
  || { echo "memory-scale.sh: need 1 ≤ ACTIVE ≤ REGISTERED ≤ 3,000,000 (the phone plan's size)" >&2; exit 2; }

BATCH=${MEMORY_BATCH:-1000}
IMPORT_PARALLEL=${MEMORY_IMPORT_PARALLEL:-4}
SIGNIN_PARALLEL=${MEMORY_SIGNIN_PARALLEL:-8}
HASH_KIB=${MEMORY_HASH_KIB:-8}
IMPORT_COLLECTION_AGE=${IMPORT_COLLECTION_AGE:-00:02:00}
SETTLE=${MEMORY_SETTLE:-15}
IDLE_SAMPLE=${MEMORY_IDLE_SAMPLE:-180}
SYNC_COMMIT=${MEMORY_SYNC_COMMIT:-on}
SCALE_BUDGET=${MEMORY_IMPORT_BUDGET:-0}
[[ "$SCALE_BUDGET" =~ ^[0-9]+$ ]] || { echo "memory-scale.sh: MEMORY_IMPORT_BUDGET is seconds" >&2; exit 2; }
[[ "$SYNC_COMMIT" == on || "$SYNC_COMMIT" == off ]] || { echo "memory-scale.sh: MEMORY_SYNC_COMMIT is on or off" >&2; exit 2; }
BUILD_DIR=${MEMORY_BUILD_DIR:-$ROOT/artifacts/build-memory}
SILO_DIR="$BUILD_DIR/bin/Silo/release"
GATEWAY_DIR="$BUILD_DIR/bin/Gateway/release"
HASHBENCH="$BUILD_DIR/bin/HashBenchmark/release/SecureAccess.HashBenchmark.dll"
OUT="$ROOT/artifacts/memory-$(date -u +%Y%m%d-%H%M%S)"
export PATH="$PATH:$HOME/.dotnet/tools"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The synthetic accounts' password (like the fixtures' sample passwords): never on a command line.
PASSWORD='Memory-Scale-Pass-2026!'

mkdir -p "$OUT"
LOG="$OUT/memory.log"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$LOG" >&2; }
die() { log "error: $*"; exit 1; }
# shellcheck source=scripts/wait-ready.sh
. "$(dirname "${BASH_SOURCE[0]}")/wait-ready.sh"

# ---- processes we start, and only those, are stopped on exit ------------------------------------------------
SILO_PID=""
GW_PID=""
PG_DIR=""
stop_pid() {
  local pid=$1 ticks=$2
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  # A silo leaving gracefully deactivates its grains and leaves the membership table: give it up to 2 min.
  for _ in $(seq 1 "$ticks"); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}
stop_processes() { stop_pid "$GW_PID" 150; GW_PID=""; stop_pid "$SILO_PID" 600; SILO_PID=""; }
stop_database() {
  [[ -n "$PG_DIR" ]] || return 0
  "$ROOT/scripts/postgres.sh" stop "$PG_DIR" >>"$LOG" 2>&1 || true
  PG_DIR=""
}
trap 'stop_processes; stop_database' EXIT
trap 'log "interrupted"; exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }
sql() { PGPASSWORD="$SA_PG_PASSWORD" psql -h 127.0.0.1 -p "$SA_PG_PORT" -U "$SA_PG_USER" -d "$SA_PG_DATABASE" -X -q -P pager=off "$@"; }

# Issue 11's per-source limits would throttle a run whose whole load comes from 127.0.0.1 (the keys of
# benchmark.sh and of the tests' TestSettings.Unthrottled).
UNTHROTTLED=(--SecureAccess:FloodLimit:PermitLimit=0
  --SecureAccess:SourceLimits:SignInAttempts=100000000 --SecureAccess:SourceLimits:FailedUsernamesPerHour=100000000
  --SecureAccess:SourceLimits:FailedUsernamesPerDay=100000000 --SecureAccess:SourceLimits:Registrations:Count=100000000
  --SecureAccess:SourceLimits:RegistrationProbes:Count=100000000 --SecureAccess:SourceLimits:PasswordRecoveries:Count=100000000
  --SecureAccess:SourceLimits:UsernameReminders:Count=100000000 --SecureAccess:SourceLimits:IdentityFailures:Count=100000000
  --SecureAccess:RecipientLimits:Messages:Count=100000000)

# ---- machine and build ----------------------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cores: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "dotnet: $(dotnet --version)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "registered: $REGISTERED, active: $ACTIVE, batch: $BATCH × $IMPORT_PARALLEL in flight, hash m=$HASH_KIB KiB t=1"
  echo "load at start: $(load_avg)"
} | tee "$OUT/machine.txt" | tee -a "$LOG" >&2

if [[ $BUILD -eq 1 ]]; then
  log "building Release into $BUILD_DIR (silo, gateway, hash tool)"
  for project in src/Silo/Silo.csproj src/Gateway/Gateway.csproj bench/HashBenchmark/HashBenchmark.csproj; do
    dotnet build "$ROOT/$project" -c Release --artifacts-path "$BUILD_DIR" -nologo -clp:ErrorsOnly >>"$OUT/build.log" 2>&1 \
      || { tail -30 "$OUT/build.log" >&2; die "build of $project failed"; }
  done
fi
[[ -f "$SILO_DIR/SecureAccess.Silo.dll" && -f "$GATEWAY_DIR/SecureAccess.Gateway.dll" && -f "$HASHBENCH" ]] \
  || die "Release binaries missing in $BUILD_DIR: run without --skip-build"
GCDUMP=1
command -v dotnet-gcdump >/dev/null || { GCDUMP=0; log "dotnet-gcdump not found: RSS only (install: dotnet tool install -g dotnet-gcdump)"; }
OPERATOR_KEY=$(python3 -c 'import json,sys; k = json.load(open(sys.argv[1]))["Operators"]["Keys"][0]["Key"]; print(k.removeprefix("DEVELOPMENT-ONLY:"))' "$GATEWAY_DIR/appsettings.Development.json")
PHC=$(printf '%s\n' "$PASSWORD" | dotnet "$HASHBENCH" phc --memory-kib "$HASH_KIB" --iterations 1) || die "could not make the PHC hash"
[[ "$PHC" == '$argon2id$'* ]] || die "unexpected hash from the hash tool"
AREA_CODES=$(python3 - "$ROOT/src/LoadTest/Data/PhoneNumberPlan.cs" <<'PY'
import re, sys
plan = open(sys.argv[1]).read()
print(",".join(re.findall(r"\d{3}", plan[plan.index("DefaultAreaCodes ="):plan.index("];")])))
PY
)

# ---- one silo and one client-mode gateway on a private PostgreSQL ----------------------------------------------
# start_processes NAME [--key=value ...]: the configuration goes to both processes.
start_processes() {
  local name=$1; shift
  SILO_METRICS_PORT=$(free_port)
  local common=(--Storage:Provider=Postgres "--ConnectionStrings:Orleans=$SA_PG_CONNECTION"
    --Orleans:ClusterId=memory --Orleans:ServiceId=memory
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore=Warning
    --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information --Logging:LogLevel:Orleans=Error
    --SecureAccess:PasswordHashing:MemoryKiB="$HASH_KIB" --SecureAccess:PasswordHashing:Iterations=1
    "${UNTHROTTLED[@]}" "$@")
  (
    cd "$SILO_DIR"
    export DOTNET_ENVIRONMENT=Development
    exec dotnet SecureAccess.Silo.dll --Orleans:SiloPort="$(free_port)" --Orleans:GatewayPort="$(free_port)" \
      --Telemetry:PrometheusPort="$SILO_METRICS_PORT" --Telemetry:PrometheusHost=localhost "${common[@]}"
  ) >"$OUT/silo-$name.log" 2>&1 &
  SILO_PID=$!
  wait_for_silo "$SILO_PID" "$OUT/silo-$name.log" || die "silo did not start"
  GW_URL="http://127.0.0.1:$(free_port)"
  (
    cd "$GATEWAY_DIR"
    export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
    exec dotnet SecureAccess.Gateway.dll --urls "$GW_URL" --Cluster:Mode=Client "${common[@]}"
  ) >"$OUT/gateway-$name.log" 2>&1 &
  GW_PID=$!
  wait_for_gateway "$GW_PID" "$GW_URL" "$OUT/gateway-$name.log" 120 || die "gateway did not start"
  log "$name: silo pid $SILO_PID, gateway $GW_URL pid $GW_PID ready ($*)"
}

# sample RUN LABEL: the silo's RSS, live heap after a full GC, and activations; the gateway's RSS; load average.
sample() {
  local run=$1 label=$2 heap="" activations=""
  sleep "$SETTLE"
  activations=$(curl -fsS --max-time 20 "http://localhost:$SILO_METRICS_PORT/metrics" 2>/dev/null \
    | tee "$OUT/metrics-$run-$label.txt" \
    | awk '/^orleans_catalog_activations[{ ]/ {sum += $NF; found = 1} END {if (found) printf "%d", sum}' || true)
  # Activations by grain type: the Orleans Dashboard's counters on the gateway (behind the operator key).
  curl -fsS --max-time 20 -H "X-Operator-Key: $OPERATOR_KEY" "$GW_URL/dashboard/DashboardCounters" 2>/dev/null \
    | python3 -c 'import json, sys; print(json.dumps({g["grainType"].rsplit(".", 1)[-1]: g["activationCount"] for g in json.load(sys.stdin)["simpleGrainStats"]}))' \
    >"$OUT/grains-$run-$label.json" 2>/dev/null || echo '{}' >"$OUT/grains-$run-$label.json"
  if [[ $GCDUMP -eq 1 ]]; then
    timeout 600 dotnet-gcdump collect -p "$SILO_PID" -o "$OUT/silo-$run-$label.gcdump" >>"$LOG" 2>&1 || true
    heap=$(timeout 300 dotnet-gcdump report "$OUT/silo-$run-$label.gcdump" 2>/dev/null \
      | awk '/GC Heap bytes/ {gsub(",", "", $1); print $1; exit}' || true)
  fi
  local line
  line=$(printf '{"run": "%s", "label": "%s", "at": "%s", "siloRssKiB": %s, "siloHeapBytes": %s, "activations": %s, "gatewayRssKiB": %s, "load": "%s"}' \
    "$run" "$label" "$(date -u +%H:%M:%S)" "$(rss_kib "$SILO_PID")" "${heap:-null}" "${activations:-null}" "$(rss_kib "$GW_PID")" "$(load_avg)")
  echo "$line" >>"$OUT/samples.jsonl"
  log "$run/$label: $line"
}

rows() {
  local run=$1
  {
    echo "== $run: rows by state (after the import, silo stopped) =="
    sql -c "select graintypestring as state, count(*) as rows from orleansstorage group by 1 order by 1;"
    sql -A -t -c "select 'orleansstorage bytes', pg_total_relation_size('orleansstorage');" \
      -c "select 'reminder rows', count(*) from orleansreminderstable;" \
      -c "select 'database bytes', pg_database_size(current_database());" \
      -c "select 'user rows', count(*) from orleansstorage where graintypestring = 'user';"
  } | tee "$OUT/rows-$run.txt" >>"$LOG"
}

# ---- the import: personal accounts in batches through the operator API -----------------------------------------
import_accounts() {
  local run=$1 count=$2
  python3 - "$GW_URL" "$OPERATOR_KEY" "$PHC" "$AREA_CODES" "$count" "$BATCH" "$IMPORT_PARALLEL" "$OUT/import-$run.json" "$IMPORT_BUDGET" <<'PY'
import http.client, json, sys, threading, time, urllib.parse
url, key, phc, areas, count, batch, parallel, out, budget = sys.argv[1:10]
areas = [int(a) for a in areas.split(",")]
count, batch, parallel, budget = int(count), int(batch), int(parallel), int(budget)
host = urllib.parse.urlsplit(url)

def account(i):
    # Line L of +1 AAA 555 LLLL walks the area codes first; SSNs 900-00-0000… are not issued as SSNs.
    area, line = areas[i % len(areas)], i // len(areas)
    ssn = f"{900000000 + i:09d}"
    return {"kind": "personal", "username": f"mem{i:07d}", "passwordHash": phc, "email": f"mem{i:07d}@example.org",
            "ssn": f"{ssn[:3]}-{ssn[3:5]}-{ssn[5:]}", "firstName": "Memory", "lastName": f"User{i}",
            "phoneNumber": f"+1{area:03d}555{line:04d}", "origin": "get-transcript"}

starts = list(range(0, count, batch))
lock = threading.Lock()
totals = {"imported": 0, "skipped": 0, "rejected": 0, "requests": 0, "retries": 0, "failed": 0}
reasons = {}
done = [0]
end = [0]
abort = [False]
t0 = time.monotonic()

def worker():
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=600)
    while True:
        with lock:
            # Past the time budget no new batch starts (those in flight finish): accounts 0…end-1 are the registered ones.
            if abort[0] or not starts or budget and time.monotonic() - t0 > budget: return
            start = starts.pop(0)
            end[0] = min(start + batch, count)
        body = json.dumps({"accounts": [account(i) for i in range(start, min(start + batch, count))]}).encode()
        for attempt in range(5):  # bounded: a 503 (a busy silo) or a dropped connection is retried; the import is idempotent
            try:
                conn.request("POST", "/api/v1/admin/existing-accounts", body,
                             {"Content-Type": "application/json", "X-Operator-Key": key})
                r = conn.getresponse(); data = r.read()
                if r.status == 200: break
                msg = f"HTTP {r.status}: {data[:200]!r}"
                if r.status != 503:  # a refusal (wrong key, bad body, a limit) will not pass on a retry: stop
                    print(f"  batch at {start}: {msg}; stopping", file=sys.stderr)
                    with lock: totals["failed"] += 1; abort[0] = True
                    return
            except Exception as e:
                msg = f"{type(e).__name__}: {e}"
                conn.close(); conn = http.client.HTTPConnection(host.hostname, host.port, timeout=600)
            with lock: totals["retries"] += 1
            print(f"  batch at {start}: {msg}; retrying", file=sys.stderr)
            time.sleep(2 + attempt * 3)
        else:
            with lock: totals["failed"] += 1
            continue
        report = json.loads(data)
        with lock:
            totals["requests"] += 1
            totals["imported"] += report["imported"]; totals["skipped"] += report["skipped"]
            totals["rejected"] += len(report["rejected"])
            for rej in report["rejected"][:3]:
                reasons[rej["reason"]] = reasons.get(rej["reason"], 0) + 1
            done[0] += min(batch, count - start)
            if done[0] * 20 // count != (done[0] - min(batch, count - start)) * 20 // count:
                el = time.monotonic() - t0
                print(f"  {done[0]:,} / {count:,} in {el:.0f} s ({done[0] / el:.0f} accounts/s)", file=sys.stderr, flush=True)

threads = [threading.Thread(target=worker) for _ in range(parallel)]
for t in threads: t.start()
for t in threads: t.join()
seconds = time.monotonic() - t0
result = dict(totals, asked=count, accounts=end[0], seconds=round(seconds, 1), perSecond=round(end[0] / seconds, 1), batch=batch,
              parallel=parallel, budgetSeconds=budget, rejectionReasons=reasons)
json.dump(result, open(out, "w"), indent=2)
print(json.dumps(result))
PY
}

# ---- the sign-ins: ACTIVE distinct users, one correct password step each ---------------------------------------
sign_in() {
  local run=$1 registered=$2
  # The script comes as an argument so that stdin can carry the password.
  printf '%s\n' "$PASSWORD" | python3 -c "$(cat <<'PY'
import http.client, json, sys, threading, time, urllib.parse
url, registered, active, parallel, out = sys.argv[1:6]
registered, active, parallel = int(registered), int(active), int(parallel)
password = sys.stdin.readline().rstrip("\n")
host = urllib.parse.urlsplit(url)
# Spread over the whole registered population (every registered/active-th user), distinct.
todo = [i * registered // active for i in range(active)]
lock = threading.Lock()
statuses, methods = {}, {}
retries = [0]
t0 = time.monotonic()

def worker():
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    while True:
        with lock:
            if not todo: return
            i = todo.pop()
        body = json.dumps({"username": f"mem{i:07d}", "password": password}).encode()
        status, method = None, None
        for attempt in range(6):  # bounded: only a 503 (hash queue shedding, Retry-After) is retried
            try:
                conn.request("POST", "/api/v1/sessions", body, {"Content-Type": "application/json"})
                r = conn.getresponse(); data = r.read(); status = r.status
            except Exception as e:
                status = type(e).__name__
                conn.close(); conn = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
            if status != 503: break
            with lock: retries[0] += 1
            time.sleep(1 + attempt)
        if status == 200:
            method = json.loads(data).get("method")
        with lock:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
            if method: methods[method] = methods.get(method, 0) + 1

threads = [threading.Thread(target=worker) for _ in range(parallel)]
for t in threads: t.start()
for t in threads: t.join()
seconds = time.monotonic() - t0
result = {"signIns": active, "seconds": round(seconds, 1), "perSecond": round(active / seconds, 1),
          "statuses": statuses, "methods": methods, "retries503": retries[0]}
json.dump(result, open(out, "w"), indent=2)
print(json.dumps(result))
PY
)" "$GW_URL" "$registered" "$ACTIVE" "$SIGNIN_PARALLEL" "$OUT/signin-$run.json"
}

# ---- one run ----------------------------------------------------------------------------------------------------
run() {
  local name=$1 registered=$2
  local pg_env
  pg_env=$("$ROOT/scripts/postgres.sh" start 2>>"$LOG") || die "scripts/postgres.sh start failed (see $LOG)"
  eval "$pg_env"
  PG_DIR=$SA_PG_DIR
  SA_PG_CONNECTION=$SA_PG_CONNECTION dotnet "$SILO_DIR/SecureAccess.Silo.dll" migrate >>"$LOG" 2>&1 || die "migrate failed (see $LOG)"
  [[ "$SYNC_COMMIT" == on ]] || sql -c "alter database $SA_PG_DATABASE set synchronous_commit = $SYNC_COMMIT;"

  # 1. import, with a short collection age and the gateway waiting long enough for a whole batch.
  start_processes "$name-import" --Orleans:GrainCollection:CollectionAge="$IMPORT_COLLECTION_AGE" --Cluster:Client:ResponseTimeout=00:05:00
  log "$name: importing $registered personal accounts (batches of $BATCH, $IMPORT_PARALLEL in flight, budget ${IMPORT_BUDGET}s) — load $(load_avg)"
  import_accounts "$name" "$registered" | tee -a "$LOG" >&2
  registered=$(python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); print(r["accounts"] if r["failed"] == 0 else 0)' "$OUT/import-$name.json")
  (( registered > 0 )) || die "$name: import batches failed (see $OUT/import-$name.json and $LOG)"
  (( registered >= ACTIVE )) || die "$name: only $registered accounts imported within the budget, fewer than ACTIVE=$ACTIVE"
  log "$name: import done, accounts 0…$((registered - 1)) sent — load $(load_avg)"
  stop_processes
  [[ "$SYNC_COMMIT" == on ]] || sql -c "alter database $SA_PG_DATABASE reset synchronous_commit;"
  rows "$name"
  cat "$OUT/rows-$name.txt" >&2

  # 2. fresh silo and gateway, as shipped (collection age 15 min), idle; 3. sign-ins; 4. samples.
  start_processes "$name"
  sample "$name" idle
  log "$name: $ACTIVE sign-ins ($SIGNIN_PARALLEL in flight) — load $(load_avg)"
  sign_in "$name" "$registered" | tee -a "$LOG" >&2
  sample "$name" active
  if [[ "$IDLE_SAMPLE" -gt 0 ]]; then
    log "$name: waiting $IDLE_SAMPLE s (audit trails leave after 2 idle minutes; user grains stay 15)"
    sleep "$IDLE_SAMPLE"
    sample "$name" later
  fi
  stop_processes
  stop_database
}

IMPORT_BUDGET=$SCALE_BUDGET run scale "$REGISTERED"
[[ $CONTROL -eq 0 || $REGISTERED -eq $ACTIVE ]] || IMPORT_BUDGET=0 run control "$ACTIVE"

# ---- summary ----------------------------------------------------------------------------------------------------
log "load at end: $(load_avg)"
python3 - "$OUT" "$ACTIVE" <<'PY' | tee "$OUT/summary.txt"
import json, os, sys
out, active = sys.argv[1], int(sys.argv[2])
samples = [json.loads(l) for l in open(os.path.join(out, "samples.jsonl"))]
def load(name):
    try: return json.load(open(os.path.join(out, name)))
    except Exception: return None
def rows(run):
    d = {}
    try:
        for line in open(os.path.join(out, f"rows-{run}.txt")):
            if "|" in line and not line.startswith(" state"):
                k, v = line.rsplit("|", 1)
                if v.strip().isdigit(): d[k.strip()] = int(v.strip())
    except FileNotFoundError: pass
    return d
mib = lambda b: f"{b / 2**20:,.0f} MiB" if b is not None else "n/a"
lines, summary = [], {"active": active, "runs": {}}
print(open(os.path.join(out, "machine.txt")).read().rstrip())
for run in ("scale", "control"):
    s = {x["label"]: x for x in samples if x["run"] == run}
    if not s: continue
    imp, sig, r = load(f"import-{run}.json") or {}, load(f"signin-{run}.json") or {}, rows(run)
    entry = {"import": imp, "signIn": sig, "rows": r, "samples": s}
    lines.append(f"{run}: {imp.get('imported', 0):,} registered by import ({imp.get('perSecond', 0):,.0f} accounts/s over "
                 f"{imp.get('seconds', 0):,.0f} s; skipped {imp.get('skipped', 0)}, rejected {imp.get('rejected', 0)}, failed batches {imp.get('failed', 0)}); "
                 f"{r.get('user rows', 0):,} user rows; orleansstorage {r.get('orleansstorage bytes', 0) / 2**20:,.0f} MiB "
                 f"({r.get('orleansstorage bytes', 0) / max(1, imp.get('imported', 0)):,.0f} bytes per registered user)")
    if imp.get("accounts", 0) < imp.get("asked", 0):
        lines.append(f"  (time budget of {imp.get('budgetSeconds')} s reached: {imp['accounts']:,} of the {imp['asked']:,} accounts asked for were sent)")
    lines.append(f"  sign-ins: {sig.get('signIns', 0):,} distinct users, {sig.get('perSecond', 0):,.0f}/s, answers {sig.get('statuses')}, methods {sig.get('methods')}")
    for label in ("idle", "active", "later"):
        x = s.get(label)
        if x: lines.append(f"  {label:<6} at {x['at']}: silo RSS {x['siloRssKiB'] / 1024:,.0f} MiB, live heap {mib(x['siloHeapBytes'])}, "
                           f"activations {x['activations'] if x['activations'] is not None else 'n/a'}; gateway RSS {x['gatewayRssKiB'] / 1024:,.0f} MiB; load {x['load']}")
    for label in ("active", "later"):
        if "idle" not in s or label not in s: continue
        i, a = s["idle"], s[label]
        per = entry.setdefault("perActiveUser", {}).setdefault(label, {})
        per["rssBytes"] = (a["siloRssKiB"] - i["siloRssKiB"]) * 1024 / active
        d = f"  per active user, {label} − idle: silo RSS {per['rssBytes']:+,.0f} bytes"
        if a["siloHeapBytes"] and i["siloHeapBytes"]:
            per["heapBytes"] = (a["siloHeapBytes"] - i["siloHeapBytes"]) / active
            d += f", live heap {per['heapBytes']:+,.0f} bytes"
        if a["activations"] is not None and i["activations"] is not None:
            per["activations"] = (a["activations"] - i["activations"]) / active
            d += f", activations {per['activations']:+.2f}"
        lines.append(d)
    g0, g1 = load(f"grains-{run}-idle.json") or {}, load(f"grains-{run}-active.json") or {}
    if g1:
        grown = {k: v - g0.get(k, 0) for k, v in sorted(g1.items()) if v - g0.get(k, 0)}
        entry["activationsByType"] = grown
        lines.append("  activations added by the sign-ins, by grain type: " + ", ".join(f"{k} {v:+,}" for k, v in grown.items()))
    summary["runs"][run] = entry
sc, co = summary["runs"].get("scale"), summary["runs"].get("control")
if sc and co:
    for label in ("idle", "active"):
        a, b = sc["samples"].get(label), co["samples"].get(label)
        if a and b:
            heap = (f", heap {(a['siloHeapBytes'] - b['siloHeapBytes']) / 2**20:+,.1f} MiB"
                    if a["siloHeapBytes"] and b["siloHeapBytes"] else "")
            lines.append(f"scale − control, {label}: silo RSS {(a['siloRssKiB'] - b['siloRssKiB']) / 1024:+,.1f} MiB{heap}")
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=2)
print("\n".join(lines))
print(f"\nresults: {out}")
PY
