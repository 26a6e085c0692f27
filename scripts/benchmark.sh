#!/usr/bin/env bash
# The performance baseline of issue 6, measured side by side in one run on this machine
# (docs/benchmarks.md explains every figure):
#
#   scripts/benchmark.sh              # ~8 min: build, bare hash, full sign-in, non-hash requests vs bare Kestrel
#   scripts/benchmark.sh --memory     # also memory at scale: 100,000 user grains, then idle deactivation (+~15 min)
#   scripts/benchmark.sh --quick      # shorter runs and fewer users, to check that the script works (figures rough)
#   scripts/benchmark.sh --pinned     # step 3 with the server (gateway or bare endpoint) on the first half of the cores
#                                     # and the load generator on the other half (taskset), so they do not compete
#   scripts/benchmark.sh --wrk        # issue 13's headline table: every HTTP step driven by wrk (bench/*.lua), with the
#                                     # bare Argon2id and bare Kestrel yardsticks in the same run (see docs/benchmarks.md)
#   scripts/benchmark.sh --topology   # issue 13's production topology: PostgreSQL (scripts/postgres.sh), 2 silo processes
#                                     # and a client-mode gateway on this machine; full sign-ins vs the bare hash, the
#                                     # wrk ratios, and a full-sign-in run with one silo killed (kill -9) halfway
#   options: --skip-build  --out DIR  --memory-only  --signin-only (steps 1-2 only, e.g. for A/B runs with GATEWAY_ARGS)
#
# 1. bare hash: Argon2idPasswordHasher.Verify (the code a sign-in runs) on every core, no HTTP (bench/HashBenchmark)
# 2. full sign-in (password + authenticator code), closed loop at saturation, gateway in dev mode (co-hosted silo),
#    Release, logging at Warning, service's configured hash cost
# 3. non-hash requests — locked-account reject, GET /api/v1/account, code verify on a prepared challenge — and the
#    load generator's bare Kestrel endpoint: each first at saturation (closed loop), then open loop at 70 % of that
#    saturation, reporting p99
# 4. (--memory) 100,000 unknown-username sign-in attempts → working set before/after, then after idle deactivation
#    (collection age 2 min); then the same attempts with unknown-name retirement on (as shipped): what stays resident
#
# Everything listens on 127.0.0.1 on free ports; every run is bounded in time; everything this script starts is
# stopped on exit (also on Ctrl+C or failure). Results, logs and plots go to artifacts/bench-<UTC time>/ (gitignored):
# summary.txt (the table), summary.json, one results JSON + PNG per load run, hash.json, gateway logs.
#
# Environment overrides (defaults in brackets): SIGNIN_CONCURRENCY [3 × cores], SIGNIN_DURATION [30s],
# HASH_DURATION [20s], APP_USERS [3000], SMS_USERS [8000], NONHASH_CONCURRENCY [32], SAT_DURATION [10s],
# OPEN_DURATION [20s], LOAD_SHARE [0.7], MEMORY_USERS [100000], MEMORY_IDLE [4m], MEMORY_HASH_KIB [8],
# MEMORY_COLLECTION_AGE [00:02:00], ENUMERATION_IDLE [4m], GATEWAY_ARGS [] (extra configuration for every gateway,
# e.g. "--SecureAccess:PasswordHashing:Threads=0" to hash inline in the grain's turn as before P4),
# BENCH_BUILD_DIR [artifacts/build] (a second run while a first one's gateway still runs needs its own).
set -euo pipefail

ROOT=${BENCH_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
CORES=$(nproc)
STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT="$ROOT/artifacts/bench-$STAMP"
BUILD=1
MEMORY=0
SIGNIN=1
NONHASH=1
QUICK=0
PIN=0
WRK=0
TOPOLOGY=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --memory) MEMORY=1 ;;
    --memory-only) MEMORY=1; SIGNIN=0 ;;
    --signin-only) NONHASH=0 ;;
    --quick) QUICK=1 ;;
    --wrk) WRK=1; SIGNIN=0; NONHASH=0 ;;
    --topology) TOPOLOGY=1; WRK=1; SIGNIN=0; NONHASH=0 ;;
    --pinned) PIN=1 ;;
    --skip-build) BUILD=0 ;;
    --out) OUT=$(realpath -m "$2"); shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "benchmark.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if [[ $QUICK -eq 1 ]]; then
  : "${SIGNIN_DURATION:=8s}" "${HASH_DURATION:=5s}" "${APP_USERS:=300}" "${SMS_USERS:=200}" "${SAT_DURATION:=4s}"
  : "${OPEN_DURATION:=5s}" "${MEMORY_USERS:=5000}" "${MEMORY_IDLE:=3m}" "${ENUMERATION_IDLE:=2m}"
fi
SIGNIN_CONCURRENCY=${SIGNIN_CONCURRENCY:-$((3 * CORES))}
SIGNIN_DURATION=${SIGNIN_DURATION:-30s}
HASH_DURATION=${HASH_DURATION:-20s}
APP_USERS=${APP_USERS:-3000}
SMS_USERS=${SMS_USERS:-8000}
NONHASH_CONCURRENCY=${NONHASH_CONCURRENCY:-32}
SAT_DURATION=${SAT_DURATION:-10s}
OPEN_DURATION=${OPEN_DURATION:-20s}
LOAD_SHARE=${LOAD_SHARE:-0.7}
MEMORY_USERS=${MEMORY_USERS:-100000}
MEMORY_IDLE=${MEMORY_IDLE:-4m}
MEMORY_COLLECTION_AGE=${MEMORY_COLLECTION_AGE:-00:02:00}
ENUMERATION_IDLE=${ENUMERATION_IDLE:-4m}
MEMORY_HASH_KIB=${MEMORY_HASH_KIB:-8}
WARMUP=3s

# Release binaries of our own (bin and obj under artifacts/build): other work on this machine that rebuilds
# src/*/bin or obj cannot swap a DLL under a running benchmark, nor this build under theirs.
BUILD_DIR=${BENCH_BUILD_DIR:-$ROOT/artifacts/build}
GATEWAY_DIR="$BUILD_DIR/bin/Gateway/release"
LOADTEST="$BUILD_DIR/bin/LoadTest/release/SecureAccess.LoadTest.dll"
SILO_DIR="$BUILD_DIR/bin/Silo/release"
HASHBENCH="$BUILD_DIR/bin/HashBenchmark/release/SecureAccess.HashBenchmark.dll"
export PATH="$PATH:$HOME/.dotnet/tools"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mkdir -p "$OUT"
LOG="$OUT/benchmark.log"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$LOG" >&2; }
die() { log "error: $*"; exit 1; }
# shellcheck source=scripts/wait-ready.sh
. "$(dirname "${BASH_SOURCE[0]}")/wait-ready.sh"

# ---- processes we start, and only those, are stopped on exit -------------------------------------------------
STARTED=()
GW_PID=""
read -r -a EXTRA_GATEWAY_ARGS <<<"${GATEWAY_ARGS:-}"
# Step 3 with --pinned: the server process (gateway, or the bare endpoint served alone) on SERVER_CPUS, the load
# generator on LOADGEN_CPUS. Servers start unpinned (so each sees the machine's core count, as in steps 1-2)
# and are moved with all their threads once running (pin_server); LG_PREFIX starts the load generator pinned.
SERVER_CPUS="0-$(( CORES / 2 - 1 ))"
LOADGEN_CPUS="$(( CORES / 2 ))-$(( CORES - 1 ))"
LG_PREFIX=()
PINNING=0
pin_for_step3() {
  [[ $PIN -eq 1 ]] || return 0
  command -v taskset >/dev/null || die "--pinned needs taskset (util-linux)"
  [[ $CORES -ge 2 ]] || die "--pinned needs at least 2 cores"
  PINNING=1
  LG_PREFIX=(taskset -c "$LOADGEN_CPUS")
  log "step 3 pinned: server on CPUs $SERVER_CPUS, load generator on CPUs $LOADGEN_CPUS"
  pin_server
}
pin_server() {
  [[ $PINNING -eq 1 && -n "$GW_PID" ]] || return 0
  taskset -a -p -c "$SERVER_CPUS" "$GW_PID" >/dev/null || die "taskset could not pin pid $GW_PID"
}
cleanup() {
  local pid
  for pid in "${STARTED[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for pid in "${STARTED[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
}
trap 'cleanup; [[ -z "${PG_DIR:-}" ]] || "$ROOT/scripts/postgres.sh" stop "$PG_DIR" >/dev/null 2>&1 || true' EXIT
trap 'log "interrupted"; exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# CPU seconds (user + system) a process has used so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat" 2>/dev/null || echo 0; }
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }
seconds_of() { local d=$1; case "$d" in *ms) echo "0";; *s) echo "${d%s}";; *m) echo $(( ${d%m} * 60 ));; *) echo "$d";; esac; }

# Issue 11's per-source limits would throttle a benchmark, whose whole load is one source (127.0.0.1):
# every gateway here runs with them out of the way (the same keys as tests' TestSettings.Unthrottled).
UNTHROTTLED=(--SecureAccess:FloodLimit:PermitLimit=0
  --SecureAccess:SourceLimits:SignInAttempts=100000000 --SecureAccess:SourceLimits:FailedUsernamesPerHour=100000000
  --SecureAccess:SourceLimits:FailedUsernamesPerDay=100000000 --SecureAccess:SourceLimits:Registrations:Count=100000000
  --SecureAccess:SourceLimits:RegistrationProbes:Count=100000000 --SecureAccess:SourceLimits:PasswordRecoveries:Count=100000000
  --SecureAccess:SourceLimits:UsernameReminders:Count=100000000 --SecureAccess:SourceLimits:IdentityFailures:Count=100000000
  --SecureAccess:RecipientLimits:Messages:Count=100000000)

# start_gateway NAME [--key=value config ...]: a dev-mode gateway (co-hosted silo, memory storage) in Release.
start_gateway() {
  local name=$1; shift
  GW_PORT=$(free_port)
  local silo_port gateway_port
  silo_port=$(free_port); gateway_port=$(free_port)
  GW_URL="http://127.0.0.1:$GW_PORT"
  log "starting gateway '$name' on $GW_URL ($*)"
  (
    cd "$GATEWAY_DIR"
    export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
    exec dotnet SecureAccess.Gateway.dll --urls "$GW_URL" \
      --Orleans:SiloPort="$silo_port" --Orleans:GatewayPort="$gateway_port" \
      --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore=Warning \
      --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information --Logging:LogLevel:Orleans=Warning \
      --IdentityRecords:Path="$OUT/identities.json" "${UNTHROTTLED[@]}" "$@" "${EXTRA_GATEWAY_ARGS[@]}"
  ) >"$OUT/gateway-$name.log" 2>&1 &
  GW_PID=$!
  STARTED+=("$GW_PID")
  wait_for_gateway "$GW_PID" "$GW_URL" "$OUT/gateway-$name.log" || die "gateway '$name' did not start"
  log "gateway '$name' ready (pid $GW_PID, RSS $(( $(rss_kib "$GW_PID") / 1024 )) MiB)"
  pin_server
}

stop_gateway() {
  [[ -n "$GW_PID" ]] || return 0
  kill -TERM "$GW_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$GW_PID" 2>/dev/null || true
  GW_PID=""
}

# ---- issue 13: the production topology (--topology) ------------------------------------------------------------
# start_cluster NAME [--key=value config ...]: a fresh PostgreSQL database (scripts/postgres.sh, schema by `migrate`),
# 2 silo processes and one client-mode gateway, Development environment (dev outbox, shipped keys), Release,
# logging at Warning. The configuration goes to every process. Sets GW_URL, GW_PID and SILO_PIDS.
SILO_PIDS=()
PG_DIR=""
start_cluster() {
  local name=$1; shift
  stop_cluster
  local pg_env
  pg_env=$("$ROOT/scripts/postgres.sh" start 2>>"$LOG") || die "scripts/postgres.sh start failed (see $LOG)"
  eval "$pg_env"
  PG_DIR=$SA_PG_DIR
  SA_PG_CONNECTION=$SA_PG_CONNECTION dotnet "$SILO_DIR/SecureAccess.Silo.dll" migrate >>"$LOG" 2>&1 || die "migrate failed (see $LOG)"
  local common=(--Storage:Provider=Postgres "--ConnectionStrings:Orleans=$SA_PG_CONNECTION"
    --Orleans:ClusterId=bench --Orleans:ServiceId=bench
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore=Warning
    --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information --Logging:LogLevel:Orleans=Error
    --IdentityRecords:Path="$OUT/identities.json" "${UNTHROTTLED[@]}" "$@" "${EXTRA_GATEWAY_ARGS[@]}")
  local i
  for i in 1 2; do
    (
      cd "$SILO_DIR"
      export DOTNET_ENVIRONMENT=Development
      exec dotnet SecureAccess.Silo.dll --Orleans:SiloPort="$(free_port)" --Orleans:GatewayPort="$(free_port)" "${common[@]}"
    ) >"$OUT/silo$i-$name.log" 2>&1 &
    SILO_PIDS+=("$!")
    STARTED+=("$!")
    wait_for_silo "${SILO_PIDS[-1]}" "$OUT/silo$i-$name.log" || die "silo $i did not start"
    log "silo $i active (pid ${SILO_PIDS[-1]})"
  done
  GW_PORT=$(free_port)
  GW_URL="http://127.0.0.1:$GW_PORT"
  (
    cd "$GATEWAY_DIR"
    export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
    exec dotnet SecureAccess.Gateway.dll --urls "$GW_URL" --Cluster:Mode=Client "${common[@]}"
  ) >"$OUT/gateway-$name.log" 2>&1 &
  GW_PID=$!
  STARTED+=("$GW_PID")
  wait_for_gateway "$GW_PID" "$GW_URL" "$OUT/gateway-$name.log" || die "gateway '$name' did not start"
  log "cluster '$name' ready: gateway $GW_URL (pid $GW_PID), silos ${SILO_PIDS[*]}, PostgreSQL $PG_DIR"
}
stop_cluster() {
  stop_gateway
  local pid
  for pid in "${SILO_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${SILO_PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  SILO_PIDS=()
  if [[ -n "$PG_DIR" ]]; then "$ROOT/scripts/postgres.sh" stop "$PG_DIR" >>"$LOG" 2>&1 || true; PG_DIR=""; fi
}
# The wrk steps run against a dev-mode gateway, or with --topology against the cluster.
start_target() { if [[ $TOPOLOGY -eq 1 ]]; then start_cluster "$@"; else start_gateway "$@"; fi; }
stop_target() { if [[ $TOPOLOGY -eq 1 ]]; then stop_cluster; else stop_gateway; fi; }
# CPU seconds of every server process (gateway and silos) so far.
servers_cpu() {
  local total=0 pid
  for pid in "$GW_PID" "${SILO_PIDS[@]}"; do total=$(awk -v a="$total" -v b="$(cpu_seconds "$pid")" 'BEGIN {print a + b}'); done
  echo "$total"
}

# loadtest NAME SCENARIO [options...]: one run of the load generator, results in NAME.json / NAME.png, with the
# CPU seconds the gateway and the load generator used during it (NAME.cpu).
loadtest() {
  local name=$1; shift
  local gw_before=0 lt_pid rc=0
  [[ -n "$GW_PID" ]] && gw_before=$(cpu_seconds "$GW_PID")
  local started=$SECONDS
  local server=()
  [[ -n "$GW_PID" ]] && server=(--server-pid "$GW_PID")
  "${LG_PREFIX[@]}" dotnet "$LOADTEST" "$@" "${server[@]}" --no-progress --out "$OUT/$name.json" --plot "$OUT/$name.png" >"$OUT/$name.txt" 2>&1 &
  lt_pid=$!
  STARTED+=("$lt_pid")
  local lt_cpu=0
  while kill -0 "$lt_pid" 2>/dev/null; do lt_cpu=$(cpu_seconds "$lt_pid"); sleep 0.5; done
  wait "$lt_pid" || rc=$?
  local gw_after=0
  [[ -n "$GW_PID" ]] && gw_after=$(cpu_seconds "$GW_PID")
  printf '{"gatewayCpuSeconds": %s, "loadgenCpuSeconds": %s, "wallSeconds": %s, "exitCode": %s, "load": "%s"}\n' \
    "$(awk -v a="$gw_after" -v b="$gw_before" 'BEGIN {print a - b}')" "$lt_cpu" "$((SECONDS - started))" "$rc" "$(load_avg)" >"$OUT/$name.cpu"
  if [[ $rc -ne 0 ]]; then
    log "  $name: load generator exit $rc (see $OUT/$name.txt)"
    grep -A3 -iE 'error|unexpected' "$OUT/$name.txt" | head -12 | tee -a "$LOG" >&2 || true
  fi
  return 0
}

# The measured figure of a run: "<requests/s> <p99 ms>" of one step of its results JSON.
step_of() {
  python3 - "$OUT/$1.json" "$2" <<'PY'
import json, sys
try:
    r = json.load(open(sys.argv[1]))
    s = next(s for s in r["steps"] if s["name"] == sys.argv[2])
    print(f'{s["throughputPerSecond"]} {s["latencyMs"]["p99"]}')
except Exception:
    print("0 0")
PY
}

# saturation_then_open NAME SCENARIO STEP [options...]: closed loop at NONHASH_CONCURRENCY, then open loop at
# LOAD_SHARE of the rate it reached.
saturation_then_open() {
  local name=$1 scenario=$2 step=$3; shift 3
  log "$name: saturation (closed loop, -c $NONHASH_CONCURRENCY, $SAT_DURATION) — load $(load_avg)"
  loadtest "$name-saturation" "$scenario" -c "$NONHASH_CONCURRENCY" --warmup "$WARMUP" --duration "$SAT_DURATION" "$@" "${SAT_EXTRA[@]}"
  local sat rate
  sat=$(step_of "$name-saturation" "$step" | cut -d' ' -f1)
  rate=$(python3 -c "print(max(1, round($sat * $LOAD_SHARE)))")
  log "$name: saturation $sat req/s → open loop at $rate req/s ($OPEN_DURATION)"
  loadtest "$name-open" "$scenario" --rate "$rate" --warmup "$WARMUP" --duration "$OPEN_DURATION" "$@" "${OPEN_EXTRA[@]}"
  log "$name: open loop → $(step_of "$name-open" "$step" | awk '{print $1 " req/s, p99 " $2 " ms"}')"
}

# ---- 0. machine ------------------------------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cores: $CORES"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "dotnet: $(dotnet --version)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
  echo "load at start: $(load_avg)"
  [[ $PIN -eq 0 ]] || echo "pinned (step 3): server CPUs $SERVER_CPUS, load generator CPUs $LOADGEN_CPUS"
  [[ -z "${GATEWAY_ARGS:-}" ]] || echo "gateway args: $GATEWAY_ARGS"
} | tee "$OUT/machine.txt" | tee -a "$LOG" >&2

# Identity records the dev gateway verifies against: the shipped synthetic set has 2,005; full sign-ins at
# saturation need more app users than that (one sign-in per user per 30-s TOTP step), so this run makes its own.
python3 - "$OUT/identities.json" "$(( APP_USERS > SMS_USERS ? APP_USERS : SMS_USERS ))" "$ROOT/src/LoadTest/Data/PhoneNumberPlan.cs" <<'PY'
import json, random, re, sys
path, n = sys.argv[1], int(sys.argv[2]) + 50
rnd = random.Random(6)
# SA-7: each record lists its own mobile number, from the load tool's default plan (555-0100..0199 lines).
plan = open(sys.argv[3]).read()
areas = [int(a) for a in re.findall(r"\d{3}", plan[plan.index("DefaultAreaCodes ="):plan.index("];")])]
phone = lambda i: f"+1{areas[i % len(areas)]:03d}555{100 + i // len(areas):04d}"
first = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret", "Ken"]
last = ["Smith", "Jones", "Brown", "Garcia", "Miller", "Davis", "Wilson", "Moore", "Taylor", "Clark"]
records = []
for i in range(1, n + 1):
    group, serial = 50 + (i - 1) // 9999, (i - 1) % 9999 + 1
    records.append({
        "ssn": f"900-{group:02d}-{serial:04d}",
        "firstName": rnd.choice(first), "lastName": rnd.choice(last),
        "dateOfBirth": f"{rnd.randint(1940, 2000)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
        "filingStatus": "single",
        "address": {"line1": f"{rnd.randint(1, 9999)} Bench St", "line2": None, "city": "Springfield", "state": "IL", "zip": "62701"},
        "creditFreeze": False,
        "financialAccounts": [{"type": "student_loan", "number": f"SL8{i:09d}"}],
        "mobilePhones": [phone(i - 1)],
    })
json.dump(records, open(path, "w"))
PY

# ---- build -----------------------------------------------------------------------------------------------------
if [[ $BUILD -eq 1 ]]; then
  log "building Release (gateway, load generator, hash benchmark)"
  for project in src/Gateway/Gateway.csproj src/Silo/Silo.csproj src/LoadTest/LoadTest.csproj bench/HashBenchmark/HashBenchmark.csproj; do
    dotnet build "$ROOT/$project" -c Release --artifacts-path "$BUILD_DIR" -nologo -clp:ErrorsOnly >>"$OUT/build.log" 2>&1 || { tail -30 "$OUT/build.log" >&2; die "build of $project failed"; }
  done
fi
[[ -f "$GATEWAY_DIR/SecureAccess.Gateway.dll" && -f "$LOADTEST" && -f "$HASHBENCH" ]] || die "Release binaries missing: run without --skip-build"
grep -q '"System.GC.Server": true' "$GATEWAY_DIR/SecureAccess.Gateway.runtimeconfig.json" && GW_GC=server || GW_GC=workstation
log "gateway GC mode: $GW_GC"

SAT_EXTRA=()
OPEN_EXTRA=()

if [[ $WRK -eq 1 ]]; then
  # Issue 13: wrk drives every HTTP step; the load tool only prepares users (seed). wrk is Debian's package.
  if ! command -v wrk >/dev/null; then
    [[ $EUID -eq 0 ]] || die "wrk is missing: apt-get install wrk"
    log "installing wrk from Debian's packages"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } >>"$LOG" 2>&1 || die "apt-get install wrk failed"
  fi
  export BENCH_LUA_DIR="$ROOT/bench"
  WRK_THREADS=${WRK_THREADS:-2}
  WRK_CONNECTIONS=${WRK_CONNECTIONS:-64}
  WRK_DURATION=${WRK_DURATION:-10s}
  # The topology's full sign-ins use app users, each at most once per 30-s TOTP step (SA-8): enough for ~50/s.
  # An app user signs in at most once per 30-s TOTP step (SA-8): the full sign-ins need more users than
  # 30 s × the bare hash rate (~130/s here), or the user pool, not the cluster, sets their rate.
  if [[ $TOPOLOGY -eq 1 ]]; then WRK_APP_USERS=${WRK_APP_USERS:-5000}; else WRK_APP_USERS=${WRK_APP_USERS:-200}; fi
  TOPO_SIGNIN_DURATION=${TOPO_SIGNIN_DURATION:-30s}
  TOPO_KILL_DURATION=${TOPO_KILL_DURATION:-60s}
  SUMMARY_NAME=$([[ $TOPOLOGY -eq 1 ]] && echo topology || echo wrk)
  # 2,000 SMS users: 40,000 pairs are 20 sign-ins per user within the 30-min session lifetime. With 300 users
  # (run 4) each user grain held ~130 live sessions, and every verify rewrote them all (a benchmark artefact).
  WRK_SMS_USERS=${WRK_SMS_USERS:-2000}
  # Pairs are prepared through the whole stack (a password step each, at the cheap hash): fewer on the cluster.
  if [[ $TOPOLOGY -eq 1 ]]; then WRK_PAIRS=${WRK_PAIRS_COUNT:-15000}; else WRK_PAIRS=${WRK_PAIRS_COUNT:-40000}; fi
  WRK_VERIFY_DURATION=${WRK_VERIFY_DURATION:-3s}
  # WRK_STEPS picks the runs (A/B runs of one step): any of hash, bare, password, locked, account, signin (--topology), verify.
  WRK_STEPS=" ${WRK_STEPS:-hash bare password locked account signin verify} "
  wants() { [[ "$WRK_STEPS" == *" $1 "* ]]; }
  export WRK_THREADS
  # run_wrk NAME SCRIPT URL [extra env as NAME=VALUE…]: saturation; then, when PACED=1, about LOAD_SHARE of it, paced.
  run_wrk() {
    local name=$1 script=$2 url=$3; shift 3
    log "wrk $name: -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION — load $(load_avg)"
    local cpu_before cpu_after
    cpu_before=$(servers_cpu)
    env "$@" WRK_CONNECTIONS="$WRK_CONNECTIONS" wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --timeout 10s \
      -s "$ROOT/bench/$script" "$url" >"$OUT/wrk-$name.txt" 2>&1 || true
    cpu_after=$(servers_cpu)
    grep '^{' "$OUT/wrk-$name.txt" | tail -1 >"$OUT/wrk-$name.json" || echo '{}' >"$OUT/wrk-$name.json"
    echo "\"load\": \"$(load_avg)\", \"serverCpuSeconds\": $(awk -v a="$cpu_before" -v b="$cpu_after" 'BEGIN {print b - a}')" >"$OUT/wrk-$name.load"
    log "  $name: $(cat "$OUT/wrk-$name.json"); servers' CPU $(awk -v a="$cpu_before" -v b="$cpu_after" 'BEGIN {printf "%.1f", b - a}') s"
  }
  run_paced() {
    local name=$1 script=$2 url=$3; shift 3
    local sat rate
    sat=$(python3 -c "import json;print(json.load(open('$OUT/wrk-$name.json')).get('rps', 0))" 2>/dev/null || echo 0)
    rate=$(python3 -c "print(max(1, round($sat * $LOAD_SHARE)))")
    log "wrk $name at ~$rate req/s (paced, ${LOAD_SHARE} of saturation)"
    env "$@" WRK_RATE="$rate" WRK_CONNECTIONS="$WRK_CONNECTIONS" wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --timeout 5s \
      -s "$ROOT/bench/$script" "$url" >"$OUT/wrk-$name-paced.txt" 2>&1 || true
    grep '^{' "$OUT/wrk-$name-paced.txt" | tail -1 >"$OUT/wrk-$name-paced.json" || echo '{}' >"$OUT/wrk-$name-paced.json"
    log "  $name paced: $(cat "$OUT/wrk-$name-paced.json")"
  }

  if wants hash; then
  log "yardstick: bare Argon2id, $CORES workers, $HASH_DURATION"
  dotnet "$HASHBENCH" --duration "$HASH_DURATION" --warmup 3s --single 0 --out "$OUT/hash.json" >"$OUT/hash.txt" 2>&1
  fi

  if wants bare; then
  bare_port=$(free_port)
  dotnet "$LOADTEST" serve-baseline --port "$bare_port" --duration 30m >"$OUT/baseline-server.log" 2>&1 &
  BARE_PID=$!
  STARTED+=("$BARE_PID")
  for _ in $(seq 1 100); do grep -q "bare endpoint" "$OUT/baseline-server.log" 2>/dev/null && break; sleep 0.2; done
  run_wrk bare bare.lua "http://127.0.0.1:$bare_port"
  run_paced bare bare.lua "http://127.0.0.1:$bare_port"
  kill -TERM "$BARE_PID" 2>/dev/null || true
  fi

  if wants password || wants locked || wants account || wants signin; then
  start_target wrk
  log "seeding $WRK_APP_USERS app users (service hash cost)"
  loadtest wrk-seed-app seed --target "$GW_URL" --identities "$OUT/identities.json" --method app --count "$WRK_APP_USERS" \
    -c $((4 * CORES)) --users "$OUT/users-app.json" --overwrite-users
  python3 "$ROOT/bench/prepare.py" credentials "$OUT/users-app.json" "$OUT/credentials.txt"
  python3 "$ROOT/bench/prepare.py" locked "$GW_URL" "$OUT/locked.txt" 50 2>>"$LOG"
  python3 "$ROOT/bench/prepare.py" tokens "$GW_URL" "$OUT/users-app.json" "$OUT/tokens.txt" 100 2>>"$LOG"
  # The password step saturates the hash threads with a few connections; 64 would only queue (p50 in seconds).
  saved_connections=$WRK_CONNECTIONS; WRK_CONNECTIONS=$((3 * CORES))
  if wants password; then run_wrk password password.lua "$GW_URL" WRK_CREDENTIALS="$OUT/credentials.txt"; fi
  WRK_CONNECTIONS=$saved_connections
  if wants locked; then
    run_wrk locked locked.lua "$GW_URL" WRK_USERNAMES="$OUT/locked.txt"
    run_paced locked locked.lua "$GW_URL" WRK_USERNAMES="$OUT/locked.txt"
  fi
  if wants account; then
    run_wrk account account.lua "$GW_URL" WRK_TOKENS="$OUT/tokens.txt"
    run_paced account account.lua "$GW_URL" WRK_TOKENS="$OUT/tokens.txt"
  fi
  if [[ $TOPOLOGY -eq 1 ]] && wants signin; then
    # Full sign-ins (password + app code) by the load tool: a few per second per core, far below its ceiling.
    log "full sign-ins (password + app code), closed loop -c $SIGNIN_CONCURRENCY, $TOPO_SIGNIN_DURATION — load $(load_avg)"
    cpu0=$(servers_cpu)
    # Not the users bench/prepare.py signed in for tokens: their TOTP step is spent (SA-8), the load tool cannot know.
    python3 -c "import json,sys; u=json.load(open(sys.argv[1])); json.dump(u[100:] if len(u) > 200 else u, open(sys.argv[2], 'w'))" \
      "$OUT/users-app.json" "$OUT/users-signin.json"
    loadtest topo-signin signin --target "$GW_URL" --users "$OUT/users-signin.json" --method app -c "$SIGNIN_CONCURRENCY" \
      --warmup 5s --duration "$TOPO_SIGNIN_DURATION"
    echo "{\"serversCpuSeconds\": $(awk -v a="$(servers_cpu)" -v b="$cpu0" 'BEGIN {print a - b}'), \"load\": \"$(load_avg)\"}" >"$OUT/topo-signin.servers"
    log "  full sign-ins: $(step_of topo-signin signin | awk '{print $1 " /s, p99 " $2 " ms"}')"
    # The same, with silo 2 killed (kill -9) halfway through the measured window.
    kill_after=$(( 5 + $(seconds_of "$TOPO_KILL_DURATION") / 2 ))
    log "full sign-ins for $TOPO_KILL_DURATION; kill -9 of silo 2 (pid ${SILO_PIDS[1]}) after ${kill_after} s (5 s warm-up + half)"
    victim=${SILO_PIDS[1]}
    ( sleep "$kill_after"; kill -KILL "$victim" 2>/dev/null && echo "$(date -u +%H:%M:%S) killed silo 2 (pid $victim)" >"$OUT/topo-kill.killed" ) &
    STARTED+=("$!")
    loadtest topo-kill signin --target "$GW_URL" --users "$OUT/users-signin.json" --method app -c "$SIGNIN_CONCURRENCY" \
      --warmup 5s --duration "$TOPO_KILL_DURATION"
    echo "{\"killAfterSeconds\": $kill_after, \"load\": \"$(load_avg)\"}" >"$OUT/topo-kill.json.meta"
    log "  with kill -9: $(step_of topo-kill signin | awk '{print $1 " /s, p99 " $2 " ms"}'); $(cat "$OUT/topo-kill.killed" 2>/dev/null)"
  fi
  stop_target
  fi

  if wants verify; then
  start_target wrk-verify --SecureAccess:PasswordHashing:MemoryKiB=8 --SecureAccess:PasswordHashing:Iterations=1
  log "seeding $WRK_SMS_USERS SMS users (cheap hash: the verify step hashes nothing)"
  loadtest wrk-seed-sms seed --target "$GW_URL" --identities "$OUT/identities.json" --method sms --count "$WRK_SMS_USERS" \
    -c $((4 * CORES)) --users "$OUT/users-sms.json" --overwrite-users
  log "preparing $WRK_PAIRS challenge/code pairs (not measured)"
  python3 "$ROOT/bench/prepare.py" pairs "$GW_URL" "$OUT/users-sms.json" "$OUT/pairs.txt" "$WRK_PAIRS" 2>>"$LOG"
  saved_duration=$WRK_DURATION; WRK_DURATION=$WRK_VERIFY_DURATION # each pair is single-use: a short run
  run_wrk verify verify.lua "$GW_URL" WRK_PAIRS="$OUT/pairs.txt"
  WRK_DURATION=$saved_duration
  stop_target
  fi

  python3 - "$OUT" <<'PY' | tee "$OUT/summary-$SUMMARY_NAME.txt"
import json, os, sys
out = sys.argv[1]
def j(name):
    try: return json.load(open(os.path.join(out, name)))
    except Exception: return {}
hash_rate = (j("hash.json").get("allCores") or {}).get("hashesPerSecond", 0)
bare, bare_p = j("wrk-bare.json"), j("wrk-bare-paced.json")
rows = []
# WRK_STEPS without verify prepares no pairs.
pairs_file = os.path.join(out, "pairs.txt")
pairs = sum(1 for _ in open(pairs_file)) if os.path.exists(pairs_file) else 0
def ratio(a, b): return f"{a / b:.2f}" if a and b else "n/a"
def row(what, yard, value, base, target, extra=""):
    rows.append(f"| {what} | {yard} | {value:,.0f}/s | {base:,.0f}/s | {ratio(value, base)} | {target} | {extra} |")
row("password step (POST /sessions, right password)", "bare Argon2id", j("wrk-password.json").get("rps", 0), hash_rate, "≥ 0.9",
    f"non2xx {j('wrk-password.json').get('non2xx', '?')}")
row("GET /api/v1/account, valid token", "bare Kestrel", j("wrk-account.json").get("rps", 0), bare.get("rps", 0), "≥ 0.5",
    f"p99 at ~70 %: {j('wrk-account-paced.json').get('p99Ms', 0):.1f} ms (target < 25 ms); non2xx {j('wrk-account.json').get('non2xx', '?')}")
row("code verify (SMS code, prepared challenges)", "bare Kestrel", j("wrk-verify.json").get("rps", 0), bare.get("rps", 0), "≥ 0.5",
    f"non2xx {j('wrk-verify.json').get('non2xx', '?')} of {j('wrk-verify.json').get('requests', '?')}; {pairs} pairs"
    + (" (all used: rate is a lower bound)" if pairs and j('wrk-verify.json').get('requests', 0) >= pairs else ""))
row("locked-username reject (423)", "bare Kestrel", j("wrk-locked.json").get("rps", 0), bare.get("rps", 0), "≥ 0.5",
    f"p99 at ~70 %: {j('wrk-locked-paced.json').get('p99Ms', 0):.1f} ms")
def signin(name):
    r = j(name + ".json")
    st = next((x for x in r.get("steps", []) if x["name"] == "signin"), None)
    return r, st
r, st = signin("topo-signin")
if st:
    servers = j("topo-signin.servers")
    cpu_ms = servers.get("serversCpuSeconds", 0) * 1000 / max(1, st["count"]) if servers else 0
    hash_cpu = (j("hash.json").get("allCores") or {}).get("cpuMsPerHash", 0)
    row("full sign-in (password + app code, load tool -c %s)" % r.get("concurrency"), "bare Argon2id", st["throughputPerSecond"], hash_rate, "≥ 0.8",
        f"p99 {st['latencyMs']['p99']:.0f} ms; errors {r.get('unexpectedErrors')}; servers' CPU {cpu_ms:.0f} ms per sign-in"
        + (f" vs {hash_cpu:.0f} ms per bare hash" if hash_cpu else ""))
r, st = signin("topo-kill")
if st:
    meta = j("topo-kill.json.meta")
    # The timeline counts from the run's start when it lists the warm-up, else from the measured window's.
    # The kill timer starts as the load tool is launched, so the kill lands up to ~1 s (its start-up) early.
    with_warmup = any(p.get("warmup") for p in r.get("timeline", []))
    kill_at = meta.get("killAfterSeconds", 0) - (0 if with_warmup else r.get("warmupSeconds", 0))
    tl = [p for p in r.get("timeline", []) if not p.get("warmup")]
    def rate(points): return sum(p["flows"] for p in points) / max(1, len(points))
    before = [p for p in tl if p["second"] < kill_at]
    after = [p for p in tl if p["second"] >= kill_at]
    zero = [p["second"] for p in after if p["flows"] == 0]
    kill_errors = sum(p["errors"] for p in after)
    measured_at = kill_at - (r.get("warmupSeconds", 0) if with_warmup else 0)
    rows.append(f"| full sign-ins with silo 2 killed (kill -9) {measured_at:.0f} s into a {r.get('measuredSeconds', 0):.0f}-s window | the same run before the kill | "
                f"{rate(after):,.1f}/s after | {rate(before):,.1f}/s before | {rate(after) / rate(before) if rate(before) else 0:.2f} | errors 0 | "
                f"whole run {st['throughputPerSecond']:.1f}/s, p99 {st['latencyMs']['p99']:.0f} ms, max {st['latencyMs'].get('max', 0):.0f} ms; "
                f"unexpected outcomes {r.get('unexpectedErrors')} (failed requests after the kill: {kill_errors}); seconds without a completed sign-in after the kill: {len(zero)} |")
    for e in r.get("errorSamples", [])[:5]: print("error sample:", e, file=sys.stderr)
print("| measurement | yardstick | measured | yardstick | ratio | target | notes |")
print("|---|---|---|---|---|---|---|")
print("\n".join(rows))
print(f"\nbare Kestrel p99 at ~70 %: {bare_p.get('p99Ms', 0):.1f} ms")
PY
  log "load at end: $(load_avg)"
  exit 0
fi

if [[ $SIGNIN -eq 1 ]]; then
  # ---- 1. bare hash ------------------------------------------------------------------------------------------
  log "1. bare hash: $CORES workers, $HASH_DURATION — load $(load_avg)"
  dotnet "$HASHBENCH" --duration "$HASH_DURATION" --warmup 3s --single 5s --out "$OUT/hash.json" | tee "$OUT/hash.txt" | tee -a "$LOG" >&2

  # ---- 2. full sign-in at the service's hash cost --------------------------------------------------------------
  start_gateway signin
  log "2. seeding $APP_USERS app users (registration with authenticator, one hash each)"
  loadtest seed-app seed --target "$GW_URL" --identities "$OUT/identities.json" --method app --count "$APP_USERS" \
    -c $((4 * CORES)) --users "$OUT/users-app.json" --overwrite-users
  log "   seeded: $(python3 -c "import json;print(len(json.load(open('$OUT/users-app.json'))))" 2>/dev/null || echo 0) users"
  log "2. full sign-in (password + app code): closed loop -c $SIGNIN_CONCURRENCY, 5s warmup + $SIGNIN_DURATION — load $(load_avg)"
  loadtest signin signin --target "$GW_URL" --users "$OUT/users-app.json" --method app -c "$SIGNIN_CONCURRENCY" \
    --warmup 5s --duration "$SIGNIN_DURATION"
  log "   sign-in: $(step_of signin signin | awk '{print $1 " /s, p99 " $2 " ms"}')"
  # The machine may be shared: a second bare-hash reading right after the sign-in run brackets it.
  log "1'. bare hash again (10s) — load $(load_avg)"
  dotnet "$HASHBENCH" --duration 10s --warmup 2s --single 0 --out "$OUT/hash-after.json" | tee "$OUT/hash-after.txt" | tee -a "$LOG" >&2

  if [[ $NONHASH -eq 1 ]]; then
  # ---- 3a/3b. non-hash requests on the same gateway ---------------------------------------------------------
  pin_for_step3 # --pinned: this gateway (and its users) stays; its threads move to the server's CPUs
  # 100 usernames no account has, locked by the first run's preparation (5 wrong passwords each, SA-11: unknown
  # names lock like real ones) and found locked by the second's.
  LOCKED_NAMES=$(python3 -c "print(','.join(f'benchlocked{i:03d}' for i in range(100)))")
  saturation_then_open locked locked locked.signin --target "$GW_URL" --usernames "$LOCKED_NAMES"
  saturation_then_open account account account.read --target "$GW_URL" --users "$OUT/users-app.json" --prepare 100
  stop_gateway

  # ---- 3c. code verify on prepared challenges ----------------------------------------------------------------
  # Each verify spends one challenge, and opening one costs a password hash: tens of thousands of them at the
  # real cost would take many minutes. This gateway is the same build with the hash cost lowered to libsodium's
  # minimum so preparation is quick; the measured request (POST /sessions/{id}/verify) never hashes.
  start_gateway verify --SecureAccess:PasswordHashing:MemoryKiB=8 --SecureAccess:PasswordHashing:Iterations=1
  log "3c. seeding $SMS_USERS SMS users (cheap hash)"
  loadtest seed-sms seed --target "$GW_URL" --identities "$OUT/identities.json" --method sms --count "$SMS_USERS" \
    -c $((4 * CORES)) --users "$OUT/users-sms.json" --overwrite-users
  SAT_SECONDS=$(( $(seconds_of "$SAT_DURATION") + $(seconds_of "$WARMUP") ))
  SAT_EXTRA=(--prepare "$(( SAT_SECONDS * ${VERIFY_MAX_RATE:-3000} / 2 ))")
  log "3c. verify: preparing challenges (not measured) — saturation then open loop"
  # The open loop's challenges are prepared by its own run, sized from the saturation figure.
  log "verify: saturation (closed loop, -c $NONHASH_CONCURRENCY, $SAT_DURATION) — load $(load_avg)"
  loadtest verify-saturation verify --target "$GW_URL" --users "$OUT/users-sms.json" -c "$NONHASH_CONCURRENCY" \
    --warmup "$WARMUP" --duration "$SAT_DURATION" "${SAT_EXTRA[@]}"
  sat=$(step_of verify-saturation verify.code | cut -d' ' -f1)
  rate=$(python3 -c "print(max(1, round($sat * $LOAD_SHARE)))")
  open_seconds=$(( $(seconds_of "$OPEN_DURATION") + $(seconds_of "$WARMUP") ))
  log "verify: saturation $sat req/s → open loop at $rate req/s ($OPEN_DURATION)"
  loadtest verify-open verify --target "$GW_URL" --users "$OUT/users-sms.json" --rate "$rate" \
    --warmup "$WARMUP" --duration "$OPEN_DURATION" --prepare "$(( rate * open_seconds + rate + 100 ))"
  log "verify: open loop → $(step_of verify-open verify.code | awk '{print $1 " req/s, p99 " $2 " ms"}')"
  stop_gateway
  SAT_EXTRA=()

  # ---- 3d. the bare Kestrel endpoint (no gateway running) -----------------------------------------------------
  if [[ $PIN -eq 1 ]]; then
    # Served alone in its own process on the server's CPUs, as the gateway was.
    bare_port=$(free_port)
    dotnet "$LOADTEST" serve-baseline --port "$bare_port" --duration 10m >"$OUT/baseline-server.log" 2>&1 &
    GW_PID=$!
    STARTED+=("$GW_PID")
    for _ in $(seq 1 100); do grep -q "bare endpoint" "$OUT/baseline-server.log" 2>/dev/null && break; sleep 0.2; done
    pin_server
    saturation_then_open baseline baseline baseline.request --target "http://127.0.0.1:$bare_port"
    stop_gateway
  else
    # In the load generator's own process.
    saturation_then_open baseline baseline baseline.request
  fi
  PINNING=0
  LG_PREFIX=()
  fi # NONHASH
  stop_gateway
fi

# ---- 4. memory at scale ------------------------------------------------------------------------------------------
if [[ $MEMORY -eq 1 ]]; then
  # One wrong-password sign-in per unknown username activates one user grain each (and stores its failure
  # counter: dev mode keeps grain state in the silo's memory too). The hash cost is lowered for this run only
  # (MEMORY_HASH_KIB) so 100,000 attempts take minutes instead of ~35 min of hashing; hashing leaves nothing behind
  # in the grain.
  # 4a: bytes per active user grain. Unknown-name retirement is switched off so every grain stays until the
  #     collection age (shortened to MEMORY_COLLECTION_AGE through Orleans:GrainCollection), then the script waits
  #     MEMORY_IDLE (age + the 1-min collection quantum + margin) to show the memory falls back.
  # 4b: the same attempts with the service as shipped: unknown usernames leave memory after 1 min idle
  #     (SecureAccess:UnknownUsernames), the collection age back at Orleans' 15 min.
  sample_memory() {
    local label=$1
    local heap=""
    if command -v dotnet-gcdump >/dev/null; then
      # A gcdump induces a full, compacting GC first: the heap figure is live objects, not garbage.
      dotnet-gcdump collect -p "$GW_PID" -o "$OUT/memory-$label.gcdump" >/dev/null 2>&1 || true
      heap=$(dotnet-gcdump report "$OUT/memory-$label.gcdump" 2>/dev/null | awk '/GC Heap bytes/ {gsub(",", "", $1); print $1; exit}' || true)
      sleep 2
    fi
    local rss; rss=$(rss_kib "$GW_PID")
    echo "{\"label\": \"$label\", \"at\": \"$(date -u +%H:%M:%S)\", \"rssKiB\": $rss, \"heapBytes\": ${heap:-null}, \"load\": \"$(load_avg)\"}" | tee -a "$OUT/memory.jsonl" >&2
  }
  idle_for() {
    local label=$1 duration=$2
    local idle_end=$(( SECONDS + $(seconds_of "$duration") ))
    while [[ $SECONDS -lt $idle_end ]]; do
      echo "$(date -u +%H:%M:%S) $(rss_kib "$GW_PID")" >>"$OUT/memory-$label-rss.txt"
      sleep 30
    done
  }
  cheap_hash=(--SecureAccess:PasswordHashing:MemoryKiB="$MEMORY_HASH_KIB" --SecureAccess:PasswordHashing:Iterations=1)

  start_gateway memory "${cheap_hash[@]}" --SecureAccess:UnknownUsernames:IdleBeforeDeactivation=00:00:00 \
    --Orleans:GrainCollection:CollectionAge="$MEMORY_COLLECTION_AGE"
  sleep 10
  sample_memory before
  log "4a. activating $MEMORY_USERS user grains (unknown usernames, one attempt each, hash m=${MEMORY_HASH_KIB} KiB t=1, retirement off)"
  loadtest memory-activate activate --target "$GW_URL" --count "$MEMORY_USERS" -c 32 --duration 30m
  sample_memory activated
  log "4a. idle for $MEMORY_IDLE (collection age $MEMORY_COLLECTION_AGE + 1 min quantum), sampling RSS every 30 s"
  idle_for idle "$MEMORY_IDLE"
  sample_memory idle
  stop_gateway

  start_gateway enumeration "${cheap_hash[@]}"
  sleep 10
  sample_memory enum-before
  log "4b. the same $MEMORY_USERS attempts as shipped (unknown usernames retire after 1 min idle)"
  loadtest memory-enumeration activate --target "$GW_URL" --count "$MEMORY_USERS" -c 32 --duration 30m
  sample_memory enum-end
  log "4b. idle for $ENUMERATION_IDLE"
  idle_for enum "$ENUMERATION_IDLE"
  sample_memory enum-idle
  stop_gateway
fi

# ---- summary -----------------------------------------------------------------------------------------------------
log "load at end: $(load_avg)"
python3 - "$OUT" "$CORES" "$LOAD_SHARE" "$PIN" <<'PY' | tee "$OUT/summary.txt"
import json, os, sys
out, cores, share, pinned = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4] == "1"
def load(name):
    try: return json.load(open(os.path.join(out, name)))
    except Exception: return None
def step(run, name):
    r = load(run + ".json")
    if not r: return None
    return next((s for s in r["steps"] if s["name"] == name), None)
def cpu(run):
    try: return json.loads(open(os.path.join(out, run + ".cpu")).read())
    except Exception: return {}
summary = {"cores": cores}
lines = []
h = load("hash.json")
if h:
    a = h["allCores"]
    summary["hash"] = {"perSecond": a["hashesPerSecond"], "p50Ms": a["p50Ms"], "p99Ms": a["p99Ms"],
                       "memoryKiB": h["memoryKiB"], "iterations": h["iterations"],
                       "oneWorkerPerSecond": (h.get("oneWorker") or {}).get("hashesPerSecond")}
    lines.append(f'1. bare hash  Argon2id m={h["memoryKiB"]} KiB t={h["iterations"]} p=1, {a["workers"]} workers: '
                 f'{a["hashesPerSecond"]:.1f} hashes/s  (p50 {a["p50Ms"]:.1f} ms, p99 {a["p99Ms"]:.1f} ms per hash; '
                 f'1 worker: {summary["hash"]["oneWorkerPerSecond"] or 0:.1f}/s)')
s = step("signin", "signin")
if s:
    c = cpu("signin"); r = load("signin.json")
    per_core = s["throughputPerSecond"] / cores
    h2 = load("hash-after.json")
    hash_rates = [x["allCores"]["hashesPerSecond"] for x in (h, h2) if x]
    hash_rate = sum(hash_rates) / len(hash_rates) if hash_rates else 0
    ratio = s["throughputPerSecond"] / hash_rate if hash_rate else 0
    summary["signin"] = {"perSecond": s["throughputPerSecond"], "perCore": per_core, "ratioToHash": ratio,
                         "p50Ms": s["latencyMs"]["p50"], "p99Ms": s["latencyMs"]["p99"], "errors": r["unexpectedErrors"],
                         "concurrency": r["concurrency"], "cpu": c, "hashRatesAround": hash_rates}
    rc = r.get("cpu") or {}
    if rc.get("serverCpuMsPerIteration") and h:
        hash_cpu = h["allCores"]["cpuMsPerHash"]
        summary["signin"]["serverCpuMsPerSignIn"] = rc["serverCpuMsPerIteration"]
        summary["signin"]["hashCpuMs"] = hash_cpu
        summary["signin"]["cpuCostRatio"] = hash_cpu / rc["serverCpuMsPerIteration"]
    lines.append(f'2. full sign-in (password + app code), closed loop -c {r["concurrency"]}: {s["throughputPerSecond"]:.1f} /s '
                 f'= {per_core:.1f} /s per core; {ratio:.2f} × bare hash (mean of {" and ".join(f"{x:.1f}" for x in hash_rates)}/s before and after; '
                 f'target ≥ 0.80: {"MET" if ratio >= 0.8 else "MISSED"}); '
                 f'p50 {s["latencyMs"]["p50"]:.0f} ms, p99 {s["latencyMs"]["p99"]:.0f} ms; errors {r["unexpectedErrors"]}')
    if rc.get("serverCoresBusy") is not None:
        lines.append(f'   measured window: gateway {rc["serverCoresBusy"]:.2f} cores busy, load generator {rc["loadGeneratorCoresBusy"]:.2f} '
                     f'(of {cores}); load avg after: {c.get("load", "?")}')
    if "cpuCostRatio" in summary["signin"]:
        lines.append(f'   CPU cost: {summary["signin"]["serverCpuMsPerSignIn"]:.1f} gateway CPU ms per full sign-in vs {summary["signin"]["hashCpuMs"]:.1f} '
                     f'CPU ms per bare hash = {summary["signin"]["cpuCostRatio"]:.2f} (same target, ≥ 0.80; insensitive to the neighbours\' load)')
    lines.append(f'   Keycloak (published): 15 password logins/s per vCPU at Argon2id m=7 MiB, t=5; here '
                 f'{per_core:.1f} full sign-ins/s per core at m={h["memoryKiB"] // 1024 if h else "?"} MiB, t={h["iterations"] if h else "?"}')
base = step("baseline-saturation", "baseline.request")
base_open = step("baseline-open", "baseline.request")
summary["nonHash"] = {}
lines.append("3. non-hash requests (saturation: closed loop; p99: open loop at {:.0f} % of that saturation)".format(share * 100))
lines.append(f'   {"request":<34} {"saturation/s":>12} {"× bare":>7} {"CPU ms/req":>10} {"open rate/s":>11} {"p50 ms":>7} {"p99 ms":>7}  verdict')
rows = [("locked-account reject (423)", "locked", "locked.signin"), ("GET /api/v1/account", "account", "account.read"),
        ("code verify (prepared challenge)", "verify", "verify.code"), ("bare Kestrel endpoint", "baseline", "baseline.request")]
for label, run, name in rows:
    sat, op = step(run + "-saturation", name), step(run + "-open", name)
    if not sat: continue
    ratio = sat["throughputPerSecond"] / base["throughputPerSecond"] if base and run != "baseline" else None
    p99 = op["latencyMs"]["p99"] if op else None
    ok = (ratio is None or ratio >= 0.5) and p99 is not None and p99 < 25
    errors = (load(run + "-saturation.json") or {}).get("unexpectedErrors", 0) + (load(run + "-open.json") or {}).get("unexpectedErrors", 0)
    summary["nonHash"][run] = {"saturationPerSecond": sat["throughputPerSecond"], "ratioToBare": ratio,
                               "openRate": op["throughputPerSecond"] if op else None,
                               "openP50Ms": op["latencyMs"]["p50"] if op else None, "openP99Ms": p99, "errors": errors,
                               "saturationCpu": cpu(run + "-saturation")}
    verdict = "—" if run == "baseline" else ("MET" if ok else "MISSED")
    sc = (load(run + "-saturation.json") or {}).get("cpu") or {}
    # Unpinned, the bare endpoint lives in the load generator's process: its figure includes the client's CPU.
    cpu_ms = sc.get("serverCpuMsPerIteration") if run != "baseline" or pinned else sc.get("loadGeneratorCpuMsPerIteration")
    summary["nonHash"][run]["serverCpuMsPerRequest"] = cpu_ms
    summary["nonHash"][run]["saturationCoresBusy"] = sc.get("serverCoresBusy")
    lines.append(f'   {label:<34} {sat["throughputPerSecond"]:>12.0f} {(f"{ratio:.2f}" if ratio is not None else ""):>7} '
                 f'{(f"{cpu_ms:.3f}" if cpu_ms else ""):>10} '
                 f'{(op["throughputPerSecond"] if op else 0):>11.0f} {(op["latencyMs"]["p50"] if op else 0):>7.1f} '
                 f'{(p99 or 0):>7.1f}  {verdict}{"" if errors == 0 else f" ({errors} errors)"}')
lines.append("   targets: ≥ 0.5 × the bare endpoint's saturation, and p99 < 25 ms at 70 % of the request's own saturation")
lines.append("   CPU ms/req: the server's CPU per request at saturation" + ("" if pinned else "; for the bare endpoint, the load generator's (client + server)"))
if pinned:
    lines.append("   pinned: the server (gateway or bare endpoint) on the first half of the cores, the load generator on the rest")
try:
    samples = [json.loads(l) for l in open(os.path.join(out, "memory.jsonl"))]
    by = {s["label"]: s for s in samples}
    act = load("memory-activate.json")
    n = next((st["count"] for st in act["steps"] if st["name"] == "activate"), 0) if act else 0
    if n and "before" in by and "activated" in by:
        grown = (by["activated"]["rssKiB"] - by["before"]["rssKiB"]) * 1024
        summary["memory"] = {"grains": n, "samples": samples, "bytesPerGrain": grown / n}
        lines.append(f'4. memory: {n} user grains activated: RSS {by["before"]["rssKiB"] / 1024:.0f} → {by["activated"]["rssKiB"] / 1024:.0f} MiB '
                     f'= {grown / n:.0f} bytes per grain (incl. its stored state); 1 M users ≈ {grown / n * 1e6 / 2**30:.1f} GiB')
        if "idle" in by:
            kept = (by["idle"]["rssKiB"] - by["before"]["rssKiB"]) * 1024
            lines.append(f'   after idle deactivation: RSS {by["idle"]["rssKiB"] / 1024:.0f} MiB (still {kept / n:.0f} bytes per user above the start: '
                         f'stored state of dev-mode memory storage + retained heap)')
        if by["activated"].get("heapBytes") and by["before"].get("heapBytes"):
            heap_grown = by["activated"]["heapBytes"] - by["before"]["heapBytes"]
            summary["memory"]["heapBytesPerGrain"] = heap_grown / n
            lines.append(f'   live GC heap (after a full GC): {by["before"]["heapBytes"] / 2**20:.0f} → {by["activated"]["heapBytes"] / 2**20:.0f} MiB '
                         f'= {heap_grown / n:.0f} bytes per user; 1 M users ≈ {heap_grown / n * 1e6 / 2**30:.1f} GiB of heap')
            if by.get("idle", {}).get("heapBytes"):
                freed = by["activated"]["heapBytes"] - by["idle"]["heapBytes"]
                summary["memory"]["heapBytesPerActivation"] = freed / n
                lines.append(f'   after idle deactivation the heap is {by["idle"]["heapBytes"] / 2**20:.0f} MiB: {freed / n:.0f} bytes per user were the grain '
                             f'activations; {(by["idle"]["heapBytes"] - by["before"]["heapBytes"]) / n:.0f} bytes per user stay (dev-mode memory storage of their state)')
        en = load("memory-enumeration.json")
        if en and by.get("enum-end", {}).get("heapBytes") and by.get("enum-before", {}).get("heapBytes"):
            m = next((st["count"] for st in en["steps"] if st["name"] == "activate"), 0)
            resident = by["enum-end"]["heapBytes"] - by["enum-before"]["heapBytes"]
            summary["memory"]["enumeration"] = {"attempts": m, "heapBytesAtEnd": resident}
            lines.append(f'4b. as shipped (unknown names retire after 1 min idle): {m} attempts; heap at the end +{resident / 2**20:.0f} MiB '
                         f'(≈ {resident / m:.0f} bytes per attempt; 4a kept {by["activated"]["heapBytes"] - by["before"]["heapBytes"]:.0f} B / 1e5 grains resident)')
            if by.get("enum-idle", {}).get("heapBytes"):
                lines.append(f'    after idle: heap {by["enum-idle"]["heapBytes"] / 2**20:.0f} MiB '
                             f'(start {by["enum-before"]["heapBytes"] / 2**20:.0f} MiB)')
        for s_ in samples:
            heap = f'{s_["heapBytes"] / 2**20:.0f} MiB' if s_.get("heapBytes") else "n/a"
            lines.append(f'   {s_["label"]:<10} at {s_["at"]}: RSS {s_["rssKiB"] / 1024:.0f} MiB, heap after full GC {heap}; load {s_["load"]}')
except FileNotFoundError:
    pass
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=2)
print("\n".join(lines))
print(f"\nresults: {out}")
PY
