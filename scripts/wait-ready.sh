# Sourced by the scripts that start silo and gateway processes themselves (benchmark.sh, memory-scale.sh,
# growth.sh): bounded waits that give up early when the process has exited. Each returns 1 on failure,
# after printing the tail of the process's log to stderr and saying why (through the caller's `log`
# when it has one, so the reason lands in its log file too); the caller decides how to stop.

_wait_ready_say() { if declare -F log >/dev/null; then log "$*"; else echo "$*" >&2; fi; }

# _wait_ready WHAT PID LOG SECONDS NOT_YET CHECK...: runs CHECK every 0.5 s until it succeeds, PID exits or
# SECONDS pass; NOT_YET names the failure ("not active", "not ready").
_wait_ready() {
  local what=$1 pid=$2 logf=$3 seconds=$4 not_yet=$5 _; shift 5
  for _ in $(seq 1 $(( seconds * 2 ))); do
    "$@" && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -20 "$logf" >&2; _wait_ready_say "$what (pid $pid) exited; see $logf"; return 1
    fi
    sleep 0.5
  done
  _wait_ready_say "$what (pid $pid) $not_yet after $seconds s; see $logf"
  return 1
}

# wait_for_silo PID LOG: until the silo's log says it is active (90 s at most).
wait_for_silo() { _wait_ready silo "$1" "$2" 90 "not active" grep -q "is active" "$2"; }

# wait_for_gateway PID URL LOG [SECONDS]: until URL/health/ready answers (60 s unless SECONDS says otherwise).
wait_for_gateway() {
  _wait_ready gateway "$1" "$3" "${4:-60}" "not ready" curl -fsS --max-time 2 -o /dev/null "$2/health/ready"
}
