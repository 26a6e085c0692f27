-- POST /api/v1/sessions with the right password (the password step: one Argon2id verify, then a challenge),
-- cycling through $WRK_CREDENTIALS ("username password" per line; app users, so no SMS is sent).
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or "bench") .. "/?.lua"
local report = require("report")
local bodies = {}
for line in io.lines(os.getenv("WRK_CREDENTIALS")) do
  local user, password = line:match("^(%S+)\t(.+)$")
  if user then bodies[#bodies + 1] = '{"username":"' .. user .. '","password":"' .. password .. '"}' end
end
local i = 0
function request()
  i = i + 1
  return wrk.format("POST", "/api/v1/sessions", { ["Content-Type"] = "application/json" }, bodies[i % #bodies + 1])
end
done = report.done
