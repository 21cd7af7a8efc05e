-- Stop each wrk thread after its share of WRK_REQUESTS requests, then print the figures
-- as one JSON line (latencies in microseconds).
local per_thread = nil
local done_here = 0

function setup(thread)
  thread:set("id", 0)
end

function init(args)
  per_thread = math.ceil(tonumber(os.getenv("WRK_REQUESTS") or "1000") / tonumber(os.getenv("WRK_THREADS") or "2"))
end

function response(status, headers, body)
  done_here = done_here + 1
  if done_here >= per_thread then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout + e.status, e.status))
end
