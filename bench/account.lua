-- GET /api/v1/account with a valid token: tokens from $WRK_TOKENS (one per line, prepared by bench/prepare.py),
-- each connection takes the next one round robin.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or "bench") .. "/?.lua"
local report = require("report")
local tokens = {}
for line in io.lines(os.getenv("WRK_TOKENS")) do if #line > 0 then tokens[#tokens + 1] = line end end
local counter = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter) end
local i = 0
function request()
  i = i + 1
  local token = tokens[((offset or 0) * 7919 + i) % #tokens + 1]
  return wrk.format("GET", "/api/v1/account", { ["Authorization"] = "Bearer " .. token })
end
local pace = report.pacing()
if pace then function delay() return pace end end
done = report.done
