-- wrk hooks for bench/ingest-wrk.sh: every request POSTs one step (the worst case for ingest: no batching). Steps rise
-- per wrk thread (n * 64 + thread id); requests from other threads or connections that land out of order are counted
-- by the agent as replayed steps, which still pass through the accountant. done() comes from wrk-report.lua.
local counter = 0
setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
end
local n = 0
request = function()
  n = n + 1
  local step = n * 64 + (id or 0)
  return wrk.format("POST", "/api/v1/steps", {
    ["Authorization"] = "Bearer " .. os.getenv("INGEST_TOKEN"),
    ["Content-Type"] = "application/x-ndjson",
  }, string.format('{"step":%d,"loss_nats":%.6f,"tokens":%d}\n', step, 2 + 8 / (1 + step / 5000), step * 4096))
end
dofile(os.getenv("WRK_REPORT_LUA"))
