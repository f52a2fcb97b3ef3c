-- wrk done() hook for bench/metrics-load.sh: one machine-readable line with the figures the table needs.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK requests=%d rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "connect=%d read=%d write=%d status=%d timeout=%d bytes=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3,
    e.connect, e.read, e.write, e.status, e.timeout, summary.bytes))
end
