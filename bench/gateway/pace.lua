-- Paces each wrk connection: after every response it waits DELAY_MS before sending the next request, so the offered
-- rate is about connections * 1000 / (DELAY_MS + latency). wrk measures latency from send to response only.
local d = tonumber(os.getenv("DELAY_MS") or "2")
function delay()
  return d
end
