-- POST /api/v1/sessions/{challengeId}/verify with the right code, walking $WRK_PAIRS ("challengeId code" per line,
-- prepared by bench/prepare.py). Each thread takes every Nth pair so no pair is used twice. A connection whose
-- thread ran out idles (delay) instead of sending spent pairs, which would be fast 4xx answers that inflate the
-- rate; the rate is then a lower bound, and scripts/benchmark.sh says so (size WRK_PAIRS_COUNT to the run).
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or "bench") .. "/?.lua"
local report = require("report")
local threads, index = 0, 0
function setup(thread) thread:set("slot", threads); threads = threads + 1; thread:set("stride", 0) end
local pairs_ = nil
local next_ = 0
function init(args)
  pairs_ = {}
  local all = {}
  for line in io.lines(os.getenv("WRK_PAIRS")) do
    local id, code = line:match("^(%S+)%s+(%S+)$")
    if id then all[#all + 1] = { id, code } end
  end
  local count = tonumber(os.getenv("WRK_THREADS") or "1")
  for k = (slot or 0) + 1, #all, count do pairs_[#pairs_ + 1] = all[k] end
end
function request()
  next_ = next_ + 1
  local p = pairs_[(next_ - 1) % #pairs_ + 1]
  return wrk.format("POST", "/api/v1/sessions/" .. p[1] .. "/verify", { ["Content-Type"] = "application/json" },
    '{"code":"' .. p[2] .. '"}')
end
function delay()
  if next_ >= #pairs_ then return 60000 end
  return 0
end
done = report.done
