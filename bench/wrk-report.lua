-- wrk hooks for bench/metrics-load.sh. done(): one machine-readable line with the figures the table needs.
-- WRK_DELAY_MS=N paces every connection: after each answer it waits a random 0..2N ms (mean N) before the next
-- request, so C connections offer about C * 1000 / N requests/s instead of as many as the server can take.
-- wrk times a request from its first byte written, so the wait is not in the latency.
local pace = tonumber(os.getenv("WRK_DELAY_MS") or "")
if pace and pace > 0 then
  delay = function() return math.random(0, 2 * pace) end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK requests=%d rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "connect=%d read=%d write=%d status=%d timeout=%d bytes=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3,
    e.connect, e.read, e.write, e.status, e.timeout, summary.bytes))
end
