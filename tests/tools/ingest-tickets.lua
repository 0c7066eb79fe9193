-- wrk script: every request posts a new ticket (distinct id), so each is a new event in the log.
-- Used by tests/tools/profile-ingest.sh; the key is the one that script configures.
local counter = 0
local thread_id = 0
setup = function(thread) thread:set("tid", thread_id); thread_id = thread_id + 1 end
request = function()
  counter = counter + 1
  local id = string.format("P-%d-%d-%d", tid, counter, math.random(1, 1000000000))
  local body = '{"id":"' .. id .. '","source":"hotline12345","kind":"complaint","category":"06028","urgency":"normal",' ..
    '"description":"夜间施工噪声扰民","jurisdiction":"320505001001001"}'
  return wrk.format("POST", "/api/ingest/tickets", {["Content-Type"]="application/json", ["X-Api-Key"]="profile-ingest-key"}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("answers other than 2xx/3xx: %d\n", summary.errors.status))
end
