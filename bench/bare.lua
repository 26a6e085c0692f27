-- The yardstick: the load tool's bare Kestrel JSON endpoint (`SecureAccess.LoadTest serve-baseline`),
-- POST /baseline/sessions with a small JSON body, answered with a small JSON body (shaped like a sign-in).
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or "bench") .. "/?.lua"
local report = require("report")
wrk.method = "POST"
wrk.path = "/baseline/sessions"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username":"bench","password":"a password for the bench"}'
local pace = report.pacing()
if pace then function delay() return pace end end
done = report.done
