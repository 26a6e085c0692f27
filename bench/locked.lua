-- POST /api/v1/sessions for usernames already locked (SA-10): $WRK_USERNAMES, one per line. Expected answer 423,
-- which wrk counts under non2xx.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or "bench") .. "/?.lua"
local report = require("report")
local bodies = {}
for line in io.lines(os.getenv("WRK_USERNAMES")) do
  if #line > 0 then bodies[#bodies + 1] = '{"username":"' .. line .. '","password":"wrong password for the bench"}' end
end
local i = 0
function request()
  i = i + 1
  return wrk.format("POST", "/api/v1/sessions", { ["Content-Type"] = "application/json" }, bodies[i % #bodies + 1])
end
local pace = report.pacing()
if pace then function delay() return pace end end
done = report.done
