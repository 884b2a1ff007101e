-- wrk script for the election-night scenario (scripts/benchlib/night.py). Arguments: the file
-- of URL paths (one a line) and the number of threads. Each thread cycles the list from its
-- own offset; the page cache's answers are counted from the X-Cache header (hit, stale,
-- refreshing, miss, revalidated;
-- "none" for a response without it). After the run: bench_wrk.lua's BENCH line, then a
-- BENCH_CACHE line with the counts of every thread.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "bench_wrk.lua")
local report = done
local threads, started = {}, 0

function setup(thread)
  thread:set("id", started)
  started = started + 1
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  index = id * math.floor(#paths / tonumber(args[2] or 1))
  hit, stale, refreshing, miss, revalidated, none = 0, 0, 0, 0, 0, 0
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function response(status, headers, body)
  local state = headers["X-Cache"] or headers["x-cache"]
  if state == "hit" then hit = hit + 1
  elseif state == "stale" then stale = stale + 1
  elseif state == "refreshing" then refreshing = refreshing + 1
  elseif state == "miss" then miss = miss + 1
  elseif state == "revalidated" then revalidated = revalidated + 1
  else none = none + 1 end
end

function done(summary, latency, requests)
  report(summary, latency, requests)
  local total = {hit = 0, stale = 0, refreshing = 0, miss = 0, revalidated = 0, none = 0}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(total) do total[key] = total[key] + thread:get(key) end
  end
  io.write(string.format(
    'BENCH_CACHE {"hit": %d, "stale": %d, "refreshing": %d, "miss": %d, "revalidated": %d, ' ..
    '"none": %d}\n',
    total.hit, total.stale, total.refreshing, total.miss, total.revalidated, total.none))
end
