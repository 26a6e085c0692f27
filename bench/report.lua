-- Shared by every bench/*.lua: wrk's summary as one JSON line on stdout (scripts/benchmark.sh reads it).
-- "non2xx" counts answers >= 400 (wrk's status errors): expected for the locked reject (423), an error elsewhere.
local M = {}
function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.1f, "p50Ms": %.3f, "p99Ms": %.3f, "maxMs": %.3f, ' ..
    '"non2xx": %d, "connectErrors": %d, "readErrors": %d, "writeErrors": %d, "timeouts": %d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout))
end

-- Fixed rate without wrk2: each connection waits `delay` ms before its next request, so N connections
-- offer about RATE requests/s while answers are faster than N/RATE s. Not an open loop: a stalled
-- answer delays that connection's next request (coordinated omission), so p99 is optimistic under stalls.
function M.pacing()
  local rate = tonumber(os.getenv("WRK_RATE") or "0")
  local connections = tonumber(os.getenv("WRK_CONNECTIONS") or "1")
  if rate <= 0 then return nil end
  return connections * 1000 / rate
end

return M
