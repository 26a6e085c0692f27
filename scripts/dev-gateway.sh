# Sourced by scripts that need a dev-mode gateway of the Release build on a free loopback port
# (walkthrough.sh, openapi.sh). `start_dev_gateway NAME LOG [PORT]` starts it with its output in LOG,
# waits until it is ready, and sets $port and $gateway; `stop_dev_gateway` stops it. Bounded: 60 s.
start_dev_gateway() {
  local name=$1 log=$2
  port=${3:-$(( 20000 + RANDOM % 20000 ))}
  dotnet run --no-build -c "${CONFIGURATION:-Release}" --project src/Gateway --launch-profile dev -- --urls "http://127.0.0.1:$port" \
    --Orleans:SiloPort=$((port + 1)) --Orleans:GatewayPort=$((port + 2)) >"$log" 2>&1 &
  gateway=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$gateway" 2>/dev/null || { cat "$log"; echo "$name: the gateway did not start" >&2; return 1; }
    sleep 0.5
  done
  echo "$name: the gateway was not ready within 60 s" >&2
  return 1
}

stop_dev_gateway() {
  kill "$gateway" 2>/dev/null || true
  wait "$gateway" 2>/dev/null || true
}
