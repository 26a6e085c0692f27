# Sourced by the scripts that start silo and gateway processes themselves (benchmark.sh, memory-scale.sh,
# growth.sh): bounded waits that give up early when the process has exited. Each returns 1 on failure,
# after printing the tail of the process's log to stderr and saying why (through the caller's `log`
# when it has one, so the reason lands in its log file too); the caller decides how to stop.

_wait_ready_say() { if declare -F log >/dev/null; then log "$*"; else echo "$*" >&2; fi; }

# wait_for_silo PID LOG: until the silo's log says it is active (90 s at most).
wait_for_silo() {
  local pid=$1 logf=$2 _
  for _ in $(seq 1 180); do
    grep -q "is active" "$logf" 2>/dev/null && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -20 "$logf" >&2; _wait_ready_say "silo (pid $pid) exited; see $logf"; return 1
    fi
    sleep 0.5
  done
  _wait_ready_say "silo (pid $pid) not active after 90 s; see $logf"
  return 1
}

# wait_for_gateway PID URL LOG [SECONDS]: until URL/health/ready answers (60 s unless SECONDS says otherwise).
wait_for_gateway() {
  local pid=$1 url=$2 logf=$3 seconds=${4:-60} _
  for _ in $(seq 1 $(( seconds * 2 ))); do
    curl -fsS --max-time 2 -o /dev/null "$url/health/ready" 2>/dev/null && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -20 "$logf" >&2; _wait_ready_say "gateway (pid $pid) exited; see $logf"; return 1
    fi
    sleep 0.5
  done
  _wait_ready_say "gateway (pid $pid) not ready after $seconds s; see $logf"
  return 1
}
