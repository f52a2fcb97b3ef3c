-- wrk hooks for bench/ingest-wrk.sh: every request POSTs one step (the worst case for ingest: no batching). Steps rise
-- per wrk thread (n * threads + id); requests from other threads or connections that land out of order are counted
-- by the agent as replayed steps, which still pass through the accountant. done() prints one parseable line.
local threads = {}
local counter = 0
setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
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
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK requests=%d rps=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, e.connect + e.read + e.write + e.status + e.timeout))
end
