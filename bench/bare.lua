-- The yardstick: the load tool's bare Kestrel JSON endpoint (`SecureAccess.LoadTest serve-baseline`), GET /.
package.path = package.path .. ";" .. (os.getenv("BENCH_LUA_DIR") or "bench") .. "/?.lua"
local report = require("report")
local pace = report.pacing()
if pace then function delay() return pace end end
done = report.done
